package io.dbisolation.dialect;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * PostgreSQL: a DbIsolation schema is a database of the server, cloned natively with
 * {@code CREATE DATABASE ... TEMPLATE}, and reached through the connection URL. Locks are
 * advisory locks, which are scoped to a database: every session that takes them connects
 * to the same maintenance database ({@value #MAINTENANCE_DATABASE}), which also holds the
 * registry as a schema of two tables.
 */
final class PostgreSqlDialect implements Dialect {

	/** The database that lock sessions, the registry and schema statements use. */
	static final String MAINTENANCE_DATABASE = "postgres";

	private static final Set<String> SYSTEM_DATABASES = Set.of("postgres", "template0", "template1");

	/** object_in_use: another session is connected to the template or the database. */
	private static final String OBJECT_IN_USE = "55006";

	/** How long a clone waits for the sessions on its template to end. */
	private static final long CLONE_WAIT_MILLIS = 60_000;

	private final Connector connector;

	private final int majorVersion;

	/** The content of each template, by name, read when a clone is first recycled. */
	private final Map<String, PostgreSqlContent> contents = new ConcurrentHashMap<>();

	PostgreSqlDialect(Connector connector, int majorVersion) {
		this.connector = connector;
		this.majorVersion = majorVersion;
	}

	@Override
	public String engine() {
		return "PostgreSQL";
	}

	@Override
	public String quote(String identifier) {
		return "\"" + identifier.replace("\"", "\"\"") + "\"";
	}

	@Override
	public boolean isSystemSchema(String schema) {
		return SYSTEM_DATABASES.contains(schema.toLowerCase());
	}

	@Override
	public boolean schemaIsCatalog() {
		return false;
	}

	@Override
	public boolean errorAbortsTransaction() {
		return true;
	}

	@Override
	public boolean schemaExists(Connection connection, String schema) throws SQLException {
		try (PreparedStatement statement = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
			statement.setString(1, schema);
			try (ResultSet result = statement.executeQuery()) {
				return result.next();
			}
		}
	}

	@Override
	public void createSchema(Connection connection, String schema) throws SQLException {
		execute(connection, "CREATE DATABASE " + quote(schema));
	}

	@Override
	public void dropSchema(Connection connection, String schema) throws SQLException {
		// only databases of our own are dropped; a pool's idle connections to them would
		// otherwise keep them: PostgreSQL 13 and later end those sessions, before that
		// they are ended here
		if (this.majorVersion < 13) {
			try (PreparedStatement statement = connection.prepareStatement(
					"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = ? AND pid <> pg_backend_pid()")) {
				statement.setString(1, schema);
				statement.executeQuery().close();
			}
		}
		execute(connection,
				"DROP DATABASE IF EXISTS " + quote(schema) + ((this.majorVersion >= 13) ? " WITH (FORCE)" : ""));
	}

	@Override
	public List<String> schemasStartingWith(Connection connection, String prefix) throws SQLException {
		try (PreparedStatement statement = connection
			.prepareStatement("SELECT datname FROM pg_database WHERE starts_with(datname, ?) ORDER BY datname")) {
			statement.setString(1, prefix);
			return PostgreSqlStructure.strings(statement);
		}
	}

	@Override
	public boolean lock(Connection connection, String name, int timeoutSeconds) throws SQLException {
		long deadline = System.nanoTime() + timeoutSeconds * 1_000_000_000L;
		long pause = 20;
		while (true) {
			try (PreparedStatement statement = connection.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
				statement.setLong(1, lockKey(name));
				try (ResultSet result = statement.executeQuery()) {
					if (result.next() && result.getBoolean(1)) {
						return true;
					}
				}
			}
			if (System.nanoTime() >= deadline) {
				return false;
			}
			sleep(pause);
			pause = Math.min(500, pause * 2);
		}
	}

	@Override
	public void unlock(Connection connection, String name) throws SQLException {
		try (PreparedStatement statement = connection.prepareStatement("SELECT pg_advisory_unlock(?)")) {
			statement.setLong(1, lockKey(name));
			statement.executeQuery().close();
		}
	}

	@Override
	public List<String> lockFree(Connection connection, List<String> names) throws SQLException {
		if (names.isEmpty()) {
			return List.of();
		}
		String sql = "SELECT " + String.join(", ", Collections.nCopies(names.size(), "pg_try_advisory_lock(?)"));
		List<String> taken = new ArrayList<>();
		try (PreparedStatement statement = connection.prepareStatement(sql)) {
			for (int i = 0; i < names.size(); i++) {
				statement.setLong(i + 1, lockKey(names.get(i)));
			}
			try (ResultSet result = statement.executeQuery()) {
				result.next();
				for (int i = 0; i < names.size(); i++) {
					if (result.getBoolean(i + 1)) {
						taken.add(names.get(i));
					}
				}
			}
		}
		return taken;
	}

	@Override
	public void unlockAll(Connection connection, Collection<String> names) throws SQLException {
		if (names.isEmpty()) {
			return;
		}
		String sql = "SELECT " + String.join(", ", Collections.nCopies(names.size(), "pg_advisory_unlock(?)"));
		try (PreparedStatement statement = connection.prepareStatement(sql)) {
			int index = 1;
			for (String name : names) {
				statement.setLong(index++, lockKey(name));
			}
			statement.executeQuery().close();
		}
	}

	/**
	 * The advisory lock key of a name: the first eight bytes of its SHA-256, the same in
	 * every JVM.
	 */
	static long lockKey(String name) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256")
				.digest(("dbisolation:" + name).getBytes(StandardCharsets.UTF_8));
			return ByteBuffer.wrap(digest, 0, Long.BYTES).getLong();
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@Override
	public SchemaSnapshot capture(Connection connection, String schema, List<String> excludedTables)
			throws SQLException {
		try (Connection database = this.connector.connect(schema)) {
			List<String> tables = new ArrayList<>(PostgreSqlStructure.tables(database));
			tables.removeIf((table) -> excludedTables.contains(PostgreSqlStructure.unqualified(table)));
			return new SchemaSnapshot(schema, tables, PostgreSqlStructure.sequences(database), List.of(), List.of(),
					List.of(), Map.of());
		}
	}

	/**
	 * Replaces the (empty) target database by a file-level copy of the captured one. The
	 * copy needs the source to have no sessions: a session that another run opened on a
	 * template for a moment (to read it) is waited for.
	 */
	@Override
	public void restore(Connection connection, SchemaSnapshot snapshot, String target) throws SQLException {
		// the target is ours: sessions that a pool opened on it while it was empty end
		dropSchema(connection, target);
		String sql = "CREATE DATABASE " + quote(target) + " TEMPLATE " + quote(snapshot.source());
		long deadline = System.currentTimeMillis() + CLONE_WAIT_MILLIS;
		long pause = 10;
		while (true) {
			try {
				execute(connection, sql);
				return;
			}
			catch (SQLException ex) {
				if (!OBJECT_IN_USE.equals(ex.getSQLState()) || System.currentTimeMillis() > deadline) {
					throw new SQLException("Could not copy database '" + snapshot.source() + "' into '" + target + "': "
							+ ex.getMessage() + ". PostgreSQL copies a database only while no session is "
							+ "connected to it: close the connections to '" + snapshot.source() + "' (see "
							+ "pg_stat_activity).", ex.getSQLState(), ex);
				}
			}
			sleep(pause);
			pause = Math.min(250, pause * 2);
		}
	}

	@Override
	public Map<String, Long> checksums(Connection connection, String schema, List<String> tables) throws SQLException {
		try (Session database = session(connection, schema)) {
			return PostgreSqlStructure.checksums(database.connection(), tables, this);
		}
	}

	@Override
	public String structure(Connection connection, String schema) throws SQLException {
		try (Session database = session(connection, schema)) {
			return PostgreSqlStructure.describe(database.connection());
		}
	}

	/**
	 * Rows cannot be copied between PostgreSQL databases without an extension: the
	 * template's rows and sequences are read once, from the template, and written back
	 * into the clone (see {@link PostgreSqlContent}).
	 */
	@Override
	public void restoreRows(Connection connection, SchemaSnapshot snapshot, String target, List<String> tables)
			throws SQLException {
		PostgreSqlContent content = this.contents.get(snapshot.source());
		if (content == null) {
			// a complete template never changes: read once, with a session on it as
			// short as capture's
			try (Connection template = this.connector.connect(snapshot.source())) {
				content = PostgreSqlContent.read(template, snapshot.tableNames(), this);
			}
			this.contents.put(snapshot.source(), content);
		}
		try (Session database = session(connection, target)) {
			content.restore(database.connection(), tables, this);
		}
	}

	/**
	 * Always: measured with sample-postgres's template
	 * ({@code benchmarks/src/main/java/io/dbisolation/schema/PostgresRecycleBenchmark}),
	 * a refill that truncates every table still takes less than half the time of
	 * {@code DROP DATABASE} and {@code CREATE DATABASE ... TEMPLATE} on a server that
	 * syncs to disk, and about two thirds on the embedded one.
	 */
	@Override
	public boolean refillCheaperThanClone(int changedTables, int tables) {
		return true;
	}

	/**
	 * A session on a database: the given connection if it is on it, otherwise a new one,
	 * closed with the session.
	 */
	private Session session(Connection connection, String database) throws SQLException {
		return database.equals(connection.getCatalog()) ? new Session(connection, false)
				: new Session(this.connector.connect(database), true);
	}

	@Override
	public Optional<String> implicitCommit(String sql) {
		return PostgreSqlStatements.endsTransaction(sql);
	}

	@Override
	public boolean writes(String sql) {
		return PostgreSqlStatements.writes(sql);
	}

	@Override
	public boolean isAccessDenied(SQLException ex) {
		String state = String.valueOf(ex.getSQLState());
		return state.equals("42501") || state.startsWith("28");
	}

	@Override
	public int maxConnections(Connection connection) throws SQLException {
		try (Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery("SHOW max_connections")) {
			result.next();
			return Integer.parseInt(result.getString(1));
		}
	}

	@Override
	public void createRegistry(Connection connection, String registry) throws SQLException {
		// forks that start at once would collide on CREATE ... IF NOT EXISTS: one at a
		// time, under a lock that ends with the transaction
		boolean autoCommit = connection.getAutoCommit();
		connection.setAutoCommit(false);
		try {
			try (PreparedStatement lock = connection.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
				lock.setLong(1, lockKey(registry));
				lock.executeQuery().close();
			}
			execute(connection, "CREATE SCHEMA IF NOT EXISTS " + quote(registry));
			execute(connection, "CREATE TABLE IF NOT EXISTS " + quote(registry) + ".created_schemas ("
					+ "name VARCHAR(64) NOT NULL PRIMARY KEY, run_id VARCHAR(16) NOT NULL, kind VARCHAR(16) NOT NULL, "
					+ "created_at TIMESTAMP NOT NULL)");
			execute(connection, "CREATE TABLE IF NOT EXISTS " + quote(registry) + ".runs ("
					+ "run_id VARCHAR(16) NOT NULL PRIMARY KEY, last_seen TIMESTAMP NOT NULL)");
			PostgreSqlTemplateRegistry.create(connection, quote(registry));
			connection.commit();
		}
		catch (SQLException | RuntimeException ex) {
			connection.rollback();
			throw ex;
		}
		finally {
			connection.setAutoCommit(autoCommit);
		}
	}

	@Override
	public void heartbeat(Connection connection, String registry, String runId) throws SQLException {
		update(connection, "INSERT INTO " + quote(registry) + ".runs (run_id, last_seen) "
				+ "VALUES (?, timezone('UTC', now())) ON CONFLICT (run_id) DO UPDATE SET last_seen = timezone('UTC', now())",
				runId);
	}

	@Override
	public void register(Connection connection, String registry, String schema, String runId, String kind)
			throws SQLException {
		update(connection,
				"INSERT INTO " + quote(registry)
						+ ".created_schemas (name, run_id, kind, created_at) VALUES (?, ?, ?, timezone('UTC', now())) "
						+ "ON CONFLICT (name) DO UPDATE SET run_id = ?, kind = ?",
				schema, runId, kind, runId, kind);
	}

	@Override
	public Optional<String> registeredKind(Connection connection, String registry, String schema) throws SQLException {
		try (PreparedStatement statement = connection
			.prepareStatement("SELECT kind FROM " + quote(registry) + ".created_schemas WHERE name = ?")) {
			statement.setString(1, schema);
			return PostgreSqlStructure.strings(statement).stream().findFirst();
		}
	}

	@Override
	public void unregister(Connection connection, String registry, String schema) throws SQLException {
		update(connection, "DELETE FROM " + quote(registry) + ".created_schemas WHERE name = ?", schema);
	}

	@Override
	public List<String> schemasOfSilentRuns(Connection connection, String registry, String kind, int silentSeconds)
			throws SQLException {
		try (PreparedStatement statement = connection
			.prepareStatement("SELECT s.name FROM " + quote(registry) + ".created_schemas s LEFT JOIN "
					+ quote(registry) + ".runs r ON r.run_id = s.run_id " + "WHERE s.kind = ? AND (r.last_seen IS NULL "
					+ "OR r.last_seen < timezone('UTC', now()) - make_interval(secs => ?)) ORDER BY s.name")) {
			statement.setString(1, kind);
			statement.setInt(2, silentSeconds);
			return PostgreSqlStructure.strings(statement);
		}
	}

	@Override
	public List<String> missingSchemasOfSilentRuns(Connection connection, String registry, int silentSeconds)
			throws SQLException {
		try (PreparedStatement statement = connection.prepareStatement("SELECT s.name FROM " + quote(registry)
				+ ".created_schemas s LEFT JOIN " + quote(registry) + ".runs r ON r.run_id = s.run_id "
				+ "WHERE (r.last_seen IS NULL OR r.last_seen < timezone('UTC', now()) - make_interval(secs => ?)) "
				+ "AND NOT EXISTS (SELECT 1 FROM pg_database d WHERE d.datname = s.name) ORDER BY s.name")) {
			statement.setInt(1, silentSeconds);
			return PostgreSqlStructure.strings(statement);
		}
	}

	@Override
	public void forgetRuns(Connection connection, String registry, String runId, int silentSeconds)
			throws SQLException {
		update(connection, "DELETE FROM " + quote(registry) + ".runs WHERE run_id = ?", runId);
		try (PreparedStatement statement = connection.prepareStatement("DELETE FROM " + quote(registry)
				+ ".runs WHERE last_seen < timezone('UTC', now()) - make_interval(secs => ?) AND run_id NOT IN "
				+ "(SELECT run_id FROM " + quote(registry) + ".created_schemas)")) {
			statement.setInt(1, silentSeconds);
			statement.executeUpdate();
		}
	}

	@Override
	public void recordTemplateUse(Connection connection, String registry, String template, String application,
			String runId, String lock) throws SQLException {
		PostgreSqlTemplateRegistry.recordUse(connection, quote(registry), template, application, runId, lock);
	}

	@Override
	public List<String> unusedTemplates(Connection connection, String registry, String kind, String application,
			long maxAgeSeconds, int keep) throws SQLException {
		return PostgreSqlTemplateRegistry.unused(connection, quote(registry), kind, application, maxAgeSeconds, keep);
	}

	@Override
	public boolean templateInUse(Connection connection, String registry, String template, int silentSeconds)
			throws SQLException {
		return PostgreSqlTemplateRegistry.inUse(connection, quote(registry), template, silentSeconds);
	}

	@Override
	public void forgetTemplate(Connection connection, String registry, String template) throws SQLException {
		PostgreSqlTemplateRegistry.forget(connection, quote(registry), template);
	}

	@Override
	public void forgetGoneTemplateUsers(Connection connection, String registry) throws SQLException {
		PostgreSqlTemplateRegistry.forgetGoneUsers(connection, quote(registry));
	}

	@Override
	public String schemaDefaults(Connection connection) throws SQLException {
		return PostgreSqlTemplateRegistry.schemaDefaults(connection);
	}

	/**
	 * Turns off {@code idle_session_timeout} (PostgreSQL 14 and later) for the session.
	 */
	@Override
	public int keepSessionAlive(Connection connection) throws SQLException {
		if (this.majorVersion < 14) {
			return Integer.MAX_VALUE / 1000;
		}
		int before;
		try (Statement statement = connection.createStatement()) {
			try (ResultSet result = statement
				.executeQuery("SELECT setting::int FROM pg_settings WHERE name = 'idle_session_timeout'")) {
				result.next();
				before = result.getInt(1) / 1000;
			}
			statement.execute("SET idle_session_timeout = 0");
		}
		return (before > 0) ? before : Integer.MAX_VALUE / 1000;
	}

	@Override
	public long sessionId(Connection connection) throws SQLException {
		try (Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery("SELECT pg_backend_pid()")) {
			result.next();
			return result.getLong(1);
		}
	}

	@Override
	public void grantSchemasStartingWith(Connection admin, String account, String prefix) throws SQLException {
		// databases cannot be granted by name pattern: the role may create its own
		execute(admin, "ALTER ROLE " + account + " CREATEDB");
	}

	@Override
	public String account(Connection connection) throws SQLException {
		try (Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery("SELECT current_user")) {
			result.next();
			return quote(result.getString(1));
		}
	}

	@Override
	public boolean isTooManyConnections(SQLException ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof SQLException sql && "53300".equals(sql.getSQLState())) {
				return true;
			}
		}
		return false;
	}

	/**
	 * A connection to one database, closed after use if it was opened for it.
	 */
	private record Session(Connection connection, boolean opened) implements AutoCloseable {

		@Override
		public void close() throws SQLException {
			if (this.opened) {
				this.connection.close();
			}
		}

	}

	private static void execute(Connection connection, String sql) throws SQLException {
		try (Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
	}

	private static void update(Connection connection, String sql, String... parameters) throws SQLException {
		try (PreparedStatement statement = connection.prepareStatement(sql)) {
			for (int i = 0; i < parameters.length; i++) {
				statement.setString(i + 1, parameters[i]);
			}
			statement.executeUpdate();
		}
	}

	private static void sleep(long millis) throws SQLException {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new SQLException("Interrupted while waiting", "57014", ex);
		}
	}

}
