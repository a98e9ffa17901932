package io.dbisolation.dialect;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.dbisolation.test.DbIsolationException;

/**
 * The SQL that differs between database engines: creating, listing and dropping schemas,
 * server-side locks, and capturing a schema so that it can be replayed into another.
 */
public interface Dialect {

	/**
	 * The engine's name as users know it.
	 * @return the engine name, for messages
	 */
	String engine();

	/**
	 * Quotes an identifier for use in SQL.
	 * @param identifier the identifier
	 * @return the quoted identifier
	 */
	String quote(String identifier);

	/**
	 * Whether a schema belongs to the server itself, so that DbIsolation must never use
	 * it for an application's data.
	 * @param schema the schema name
	 * @return {@code true} for the engine's own schemas
	 */
	boolean isSystemSchema(String schema);

	/**
	 * Whether a DbIsolation schema is what the engine calls a schema and JDBC a catalog
	 * (MySQL, MariaDB: one namespace of tables, switched with {@code setCatalog}), rather
	 * than a database that holds schemas of its own and is reached through the URL
	 * (PostgreSQL), where migration tools must keep the application's schemas.
	 * @return {@code true} if schema, database and catalog are one
	 */
	default boolean schemaIsCatalog() {
		return true;
	}

	/**
	 * Whether a failed statement aborts the transaction it ran in until it is rolled back
	 * (PostgreSQL), so that each statement of a test must run under a savepoint of its
	 * own to keep the test's transaction usable.
	 * @return {@code true} if an error aborts the transaction
	 */
	default boolean errorAbortsTransaction() {
		return false;
	}

	/**
	 * Whether the schema exists.
	 * @param connection a connection to the server
	 * @param schema the schema name
	 * @return {@code true} if it exists
	 * @throws SQLException on failure
	 */
	boolean schemaExists(Connection connection, String schema) throws SQLException;

	void createSchema(Connection connection, String schema) throws SQLException;

	void dropSchema(Connection connection, String schema) throws SQLException;

	/**
	 * Lists the schemas whose names start with the prefix.
	 * @param connection a connection to the server
	 * @param prefix the name prefix
	 * @return the matching schema names
	 * @throws SQLException on failure
	 */
	List<String> schemasStartingWith(Connection connection, String prefix) throws SQLException;

	/**
	 * Takes a session-level lock that the server releases when the session ends.
	 * @param connection the session that will hold the lock
	 * @param name the lock name
	 * @param timeoutSeconds how long to wait; 0 to fail at once
	 * @return {@code true} if the lock is now held by the session
	 * @throws SQLException on failure
	 */
	boolean lock(Connection connection, String name, int timeoutSeconds) throws SQLException;

	void unlock(Connection connection, String name) throws SQLException;

	/**
	 * Takes, without waiting, as many of the given session-level locks as are free, in
	 * one round trip.
	 * @param connection the session that will hold the locks
	 * @param names the lock names, none of them held by this session
	 * @return the names of the locks now held by the session
	 * @throws SQLException on failure
	 */
	List<String> lockFree(Connection connection, List<String> names) throws SQLException;

	/**
	 * Releases session-level locks held by the session, in one round trip.
	 * @param connection the session holding the locks
	 * @param names the lock names
	 * @throws SQLException on failure
	 */
	void unlockAll(Connection connection, Collection<String> names) throws SQLException;

	/**
	 * Reads everything needed to recreate the schema elsewhere.
	 * @param connection a connection to the server
	 * @param schema the schema to capture
	 * @param excludedTables tables to leave out
	 * @return the captured schema
	 * @throws SQLException on failure
	 */
	SchemaSnapshot capture(Connection connection, String schema, List<String> excludedTables) throws SQLException;

	/**
	 * Recreates a captured schema in an existing, empty target schema: its objects, then
	 * the rows of its non-empty tables, copied from the source schema on the same server.
	 * @param connection a connection to the server
	 * @param snapshot the captured source schema
	 * @param target the empty target schema
	 * @throws SQLException on failure
	 */
	void restore(Connection connection, SchemaSnapshot snapshot, String target) throws SQLException;

	/**
	 * A checksum of each table's rows, to tell whether two schemas hold the same data.
	 * @param connection a connection to the server
	 * @param schema the schema
	 * @param tables the tables to check
	 * @return the checksum of each table, by table name
	 * @throws SQLException on failure
	 */
	Map<String, Long> checksums(Connection connection, String schema, List<String> tables) throws SQLException;

	/**
	 * A description of a schema's whole structure (tables, columns, indexes, keys,
	 * checks, views, triggers, routines, events), equal for schemas of equal structure
	 * whatever their names.
	 * @param connection a connection to the server
	 * @param schema the schema
	 * @return the structure, as text
	 * @throws SQLException on failure
	 */
	String structure(Connection connection, String schema) throws SQLException;

	/**
	 * Gives a clone back its template's content: the given tables are emptied and
	 * refilled, and every table whose counter of generated ids (AUTO_INCREMENT) moved,
	 * even if its rows are as before, gets the template's counter back. Call it after
	 * each use of a clone, with no tables if no rows changed.
	 * @param connection a connection to the server
	 * @param snapshot the template
	 * @param target the clone
	 * @param tables the tables whose rows to restore
	 * @throws SQLException on failure
	 */
	void restoreRows(Connection connection, SchemaSnapshot snapshot, String target, List<String> tables)
			throws SQLException;

	/**
	 * Whether giving a used clone its template's rows back in place
	 * ({@link #restoreRows}) costs less than dropping it and cloning the template anew,
	 * with so many of its tables changed. Measured on MariaDB, refilling a table costs
	 * about a tenth of a clone, so past two thirds of the tables a clone is cheaper.
	 * @param changedTables the tables whose rows changed
	 * @param tables all the tables
	 * @return {@code true} to recycle in place
	 */
	default boolean refillCheaperThanClone(int changedTables, int tables) {
		return changedTables * 3 <= tables * 2;
	}

	/**
	 * Whether a statement commits the current transaction implicitly (on MySQL and
	 * MariaDB: DDL, {@code TRUNCATE}, {@code LOCK TABLES} and the rest), which a test
	 * that is rolled back must not do.
	 * @param sql the statement
	 * @return the statement, shortened for a message, if it commits implicitly
	 */
	Optional<String> implicitCommit(String sql);

	/**
	 * Whether a statement that is not refused up front may still end the transaction
	 * while it runs, such as a call of a stored procedure that commits. After such a
	 * statement the caller checks that its transaction is still open before anything else
	 * runs.
	 * @param sql the statement
	 * @return {@code true} if the transaction must be checked after it ran
	 */
	default boolean mayCommitWhileRunning(String sql) {
		return false;
	}

	/**
	 * Whether a statement writes data, so that it must fail on a connection the
	 * application marked read-only, as it would on the server.
	 * @param sql the statement
	 * @return {@code true} if it changes rows or objects
	 */
	default boolean writes(String sql) {
		return false;
	}

	/**
	 * Whether a failure means the user lacks a privilege.
	 * @param ex the failure
	 * @return {@code true} if the server denied access
	 */
	boolean isAccessDenied(SQLException ex);

	/**
	 * The most connections the server accepts at once.
	 * @param connection a connection to the server
	 * @return the server's connection limit
	 * @throws SQLException on failure
	 */
	int maxConnections(Connection connection) throws SQLException;

	/**
	 * Finds the dialect for the server a connection talks to.
	 * @param connection a connection
	 * @return the dialect
	 * @throws SQLException on failure to read the metadata
	 */
	static Dialect of(Connection connection) throws SQLException {
		return of(connection, (database) -> {
			throw new SQLException("No connections to other databases from here", "0A000");
		});
	}

	/**
	 * Finds the dialect for the server a connection talks to.
	 * @param connection a connection
	 * @param connector opens connections to the server's other databases, for engines
	 * whose schemas are databases of their own
	 * @return the dialect
	 * @throws SQLException on failure to read the metadata
	 */
	static Dialect of(Connection connection, Connector connector) throws SQLException {
		DatabaseMetaData metaData = connection.getMetaData();
		String product = metaData.getDatabaseProductName();
		String version = metaData.getDatabaseProductVersion();
		if (product.equalsIgnoreCase("MySQL") || product.equalsIgnoreCase("MariaDB")) {
			return new MySqlDialect(version.toLowerCase().contains("mariadb") ? "MariaDB" : product);
		}
		if (product.equalsIgnoreCase("PostgreSQL")) {
			return new PostgreSqlDialect(connector, metaData.getDatabaseMajorVersion());
		}
		String known = UnsupportedEngines.fromProductName(product);
		if (known != null) {
			throw UnsupportedEngines.failure(known);
		}
		throw new DbIsolationException(
				"Unsupported database engine '" + product + " " + version
						+ "': DbIsolation supports MySQL, MariaDB and PostgreSQL.",
				"Point 'spring.datasource.url' at one of them, or remove 'spring.datasource.url' to use the "
						+ "embedded server.",
				null);
	}

	/**
	 * The database that a URL of the server must name for DbIsolation's own sessions
	 * (locks, registry, creating and dropping schemas).
	 * @param url the server's URL
	 * @return the database, empty for none
	 */
	static String maintenanceDatabase(JdbcUrl url) {
		return "postgresql".equals(url.subprotocol()) ? PostgreSqlDialect.MAINTENANCE_DATABASE : "";
	}

	/**
	 * Opens connections to one database of the server.
	 */
	@FunctionalInterface
	interface Connector {

		/**
		 * Opens a connection.
		 * @param database the database
		 * @return a new connection; the caller closes it
		 * @throws SQLException on failure
		 */
		Connection connect(String database) throws SQLException;

	}

	// What an owner of schemas needs: a registry of the schemas DbIsolation created, with
	// a heartbeat per run, and a lock session that the server does not time out.

	/**
	 * Creates the registry of created schemas and of runs' heartbeats, if missing.
	 * @param connection a connection to the server
	 * @param registry the registry schema's name
	 * @throws SQLException on failure, such as a missing privilege
	 */
	void createRegistry(Connection connection, String registry) throws SQLException;

	/**
	 * Records that a run is alive now, in the server's clock.
	 * @param connection a connection to the server
	 * @param registry the registry schema
	 * @param runId the run
	 * @throws SQLException on failure
	 */
	void heartbeat(Connection connection, String registry, String runId) throws SQLException;

	/**
	 * Records that a run created, or is about to create, a schema.
	 * @param connection a connection to the server
	 * @param registry the registry schema
	 * @param schema the schema
	 * @param runId the run that creates it
	 * @param kind what it is for, such as {@code private}, {@code template} or
	 * {@code kept}
	 * @throws SQLException on failure
	 */
	void register(Connection connection, String registry, String schema, String runId, String kind) throws SQLException;

	/**
	 * What the registry says a schema is.
	 * @param connection a connection to the server
	 * @param registry the registry schema
	 * @param schema the schema
	 * @return its kind, empty if DbIsolation has no record of creating it
	 * @throws SQLException on failure
	 */
	Optional<String> registeredKind(Connection connection, String registry, String schema) throws SQLException;

	void unregister(Connection connection, String registry, String schema) throws SQLException;

	/**
	 * The schemas of a kind whose runs have not been seen for a while: candidates for
	 * leftovers of runs that ended without cleaning up.
	 * @param connection a connection to the server
	 * @param registry the registry schema
	 * @param kind the kind of schema
	 * @param silentSeconds how long a run must have been silent
	 * @return the schema names
	 * @throws SQLException on failure
	 */
	List<String> schemasOfSilentRuns(Connection connection, String registry, String kind, int silentSeconds)
			throws SQLException;

	/**
	 * The registered schemas of any kind that no longer exist, of runs silent for a
	 * while: rows to clean up.
	 * @param connection a connection to the server
	 * @param registry the registry schema
	 * @param silentSeconds how long a run must have been silent
	 * @return the schema names
	 * @throws SQLException on failure
	 */
	List<String> missingSchemasOfSilentRuns(Connection connection, String registry, int silentSeconds)
			throws SQLException;

	/**
	 * Forgets a run's heartbeat, and those of runs silent for a while that have no
	 * schemas left.
	 * @param connection a connection to the server
	 * @param registry the registry schema
	 * @param runId the run that ends
	 * @param silentSeconds how long another run must have been silent
	 * @throws SQLException on failure
	 */
	void forgetRuns(Connection connection, String registry, String runId, int silentSeconds) throws SQLException;

	// Templates: when each was last used and by whom, so that unused ones can be dropped.

	/**
	 * Records that a run uses a template now: its last use, its application and the lock
	 * the run holds while it uses it.
	 * @param connection a connection to the server
	 * @param registry the registry schema
	 * @param template the template
	 * @param application the application it belongs to, empty if unknown (a known one is
	 * kept)
	 * @param runId the run
	 * @param lock the name of the lock the run holds while it uses the template
	 * @throws SQLException on failure
	 */
	void recordTemplateUse(Connection connection, String registry, String template, String application, String runId,
			String lock) throws SQLException;

	/**
	 * The registered templates not used for a while, and those of an application beyond
	 * the newest few: candidates to drop, if no run uses them.
	 * @param connection a connection to the server
	 * @param registry the registry schema
	 * @param kind the registry's kind of a template
	 * @param application the application whose templates are bounded, empty for none
	 * @param maxAgeSeconds how long a template may go unused
	 * @param keep how many of the application's most recently used templates to keep
	 * @return the template names
	 * @throws SQLException on failure
	 */
	List<String> unusedTemplates(Connection connection, String registry, String kind, String application,
			long maxAgeSeconds, int keep) throws SQLException;

	/**
	 * Whether a run uses a template: its use lock is held, or the run was seen recently
	 * (it may be taking its locks back after a lost connection).
	 * @param connection a connection to the server
	 * @param registry the registry schema
	 * @param template the template
	 * @param silentSeconds how long a run must have been silent to count as gone
	 * @return {@code true} if a run may be using it
	 * @throws SQLException on failure
	 */
	boolean templateInUse(Connection connection, String registry, String template, int silentSeconds)
			throws SQLException;

	void forgetTemplate(Connection connection, String registry, String template) throws SQLException;

	/**
	 * Forgets the template uses of runs that are gone, and the records of templates the
	 * registry no longer lists.
	 * @param connection a connection to the server
	 * @param registry the registry schema
	 * @throws SQLException on failure
	 */
	void forgetGoneTemplateUsers(Connection connection, String registry) throws SQLException;

	/**
	 * The server's settings that shape what migrations create (default character set and
	 * collation, SQL mode, identifier case): part of a template's name, so that a server
	 * whose defaults changed builds new templates.
	 * @param connection a connection to the server
	 * @return the settings, as text
	 * @throws SQLException on failure
	 */
	String schemaDefaults(Connection connection) throws SQLException;

	/**
	 * Keeps the server from ending a session that is idle between uses, and tells how
	 * soon it would have ended it.
	 * @param connection the session
	 * @return the idle timeout in seconds that applied before
	 * @throws SQLException on failure
	 */
	int keepSessionAlive(Connection connection) throws SQLException;

	/**
	 * The server's id of a session, as other sessions see it (to kill it, for example).
	 * @param connection the session
	 * @return the session id
	 * @throws SQLException on failure
	 */
	long sessionId(Connection connection) throws SQLException;

	/**
	 * The account the server authenticated a session as, for {@code GRANT} hints.
	 * @param connection the session
	 * @return the account, as {@code 'user'@'host'}
	 * @throws SQLException on failure
	 */
	String account(Connection connection) throws SQLException;

	/**
	 * Lets an account create, use and drop the schemas whose names start with a prefix.
	 * Used only on throw-away servers (a Testcontainers container) whose application user
	 * has rights on one database alone.
	 * @param admin a session of an account that may grant
	 * @param account the account, as {@link #account} gives it
	 * @param prefix the name prefix
	 * @throws SQLException on failure
	 */
	void grantSchemasStartingWith(Connection admin, String account, String prefix) throws SQLException;

	/**
	 * Whether a failure means the server accepts no more connections.
	 * @param ex the failure
	 * @return {@code true} if the server's connection limit is reached
	 */
	boolean isTooManyConnections(SQLException ex);

}
