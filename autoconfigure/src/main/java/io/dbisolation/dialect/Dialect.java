package io.dbisolation.dialect;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
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
		DatabaseMetaData metaData = connection.getMetaData();
		String product = metaData.getDatabaseProductName();
		String version = metaData.getDatabaseProductVersion();
		if (product.equalsIgnoreCase("MySQL") || product.equalsIgnoreCase("MariaDB")) {
			return new MySqlDialect(version.toLowerCase().contains("mariadb") ? "MariaDB" : product);
		}
		String known = UnsupportedEngines.fromProductName(product);
		if (known != null) {
			throw new DbIsolationException(UnsupportedEngines.message(known));
		}
		throw new DbIsolationException("Unsupported database engine '" + product + " " + version
				+ "': DbIsolation supports MySQL and MariaDB. Point 'spring.datasource.url' at one of them, "
				+ "or remove 'spring.datasource.url' to use the embedded MariaDB.");
	}

}
