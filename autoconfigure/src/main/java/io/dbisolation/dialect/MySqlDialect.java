package io.dbisolation.dialect;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * MySQL and MariaDB, where a schema is a database. Schemas are cloned by replaying the
 * output of {@code SHOW CREATE} (see {@link MySqlCapture}) and copying rows with
 * {@code INSERT ... SELECT} (see {@link MySqlReplay}).
 */
final class MySqlDialect implements Dialect {

	private static final Set<String> SYSTEM_SCHEMAS = Set.of("mysql", "information_schema", "performance_schema",
			"sys");

	private final String engine;

	/**
	 * The last verdict, since the same statement is asked about up to three times in a
	 * row ({@link #implicitCommit}, {@link #mayCommitWhileRunning}, {@link #writes}).
	 */
	private volatile MySqlStatementGuard lastJudged;

	/** Whether the server caches statistics in {@code information_schema}, once known. */
	private volatile Boolean statisticsCached;

	MySqlDialect(String engine) {
		this.engine = engine;
	}

	@Override
	public String engine() {
		return this.engine;
	}

	@Override
	public String quote(String identifier) {
		return "`" + identifier.replace("`", "``") + "`";
	}

	@Override
	public boolean isSystemSchema(String schema) {
		return SYSTEM_SCHEMAS.contains(schema.toLowerCase(Locale.ROOT));
	}

	@Override
	public boolean schemaExists(Connection connection, String schema) throws SQLException {
		try (PreparedStatement statement = connection
			.prepareStatement("SELECT 1 FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = ?")) {
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
		execute(connection, "DROP DATABASE IF EXISTS " + quote(schema));
	}

	@Override
	public List<String> schemasStartingWith(Connection connection, String prefix) throws SQLException {
		try (PreparedStatement statement = connection
			.prepareStatement("SELECT SCHEMA_NAME FROM information_schema.SCHEMATA WHERE SCHEMA_NAME LIKE ?")) {
			statement.setString(1, prefix.replace("_", "\\_") + "%");
			return strings(statement);
		}
	}

	@Override
	public boolean lock(Connection connection, String name, int timeoutSeconds) throws SQLException {
		try (PreparedStatement statement = connection.prepareStatement("SELECT GET_LOCK(?, ?)")) {
			statement.setString(1, name);
			statement.setInt(2, timeoutSeconds);
			try (ResultSet result = statement.executeQuery()) {
				return result.next() && result.getInt(1) == 1;
			}
		}
	}

	@Override
	public void unlock(Connection connection, String name) throws SQLException {
		try (PreparedStatement statement = connection.prepareStatement("SELECT RELEASE_LOCK(?)")) {
			statement.setString(1, name);
			statement.executeQuery().close();
		}
	}

	@Override
	public List<String> lockFree(Connection connection, List<String> names) throws SQLException {
		if (names.isEmpty()) {
			return List.of();
		}
		String sql = "SELECT " + String.join(", ", Collections.nCopies(names.size(), "GET_LOCK(?, 0)"));
		List<String> taken = new ArrayList<>();
		try (PreparedStatement statement = connection.prepareStatement(sql)) {
			for (int i = 0; i < names.size(); i++) {
				statement.setString(i + 1, names.get(i));
			}
			try (ResultSet result = statement.executeQuery()) {
				result.next();
				for (int i = 0; i < names.size(); i++) {
					if (result.getInt(i + 1) == 1) {
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
		String sql = "SELECT " + String.join(", ", Collections.nCopies(names.size(), "RELEASE_LOCK(?)"));
		try (PreparedStatement statement = connection.prepareStatement(sql)) {
			int index = 1;
			for (String name : names) {
				statement.setString(index++, name);
			}
			statement.executeQuery().close();
		}
	}

	@Override
	public Map<String, Long> checksums(Connection connection, String schema, List<String> tables) throws SQLException {
		Map<String, Long> checksums = new LinkedHashMap<>();
		if (tables.isEmpty()) {
			return checksums;
		}
		String list = String.join(", ", tables.stream().map((table) -> quote(schema) + "." + quote(table)).toList());
		try (Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery("CHECKSUM TABLE " + list)) {
			while (result.next()) {
				String qualified = result.getString(1);
				checksums.put(qualified.substring(qualified.indexOf('.') + 1), result.getLong(2));
			}
		}
		return checksums;
	}

	@Override
	public String structure(Connection connection, String schema) throws SQLException {
		return MySqlStructure.describe(connection, schema);
	}

	@Override
	public void restoreRows(Connection connection, SchemaSnapshot snapshot, String target, List<String> tables)
			throws SQLException {
		new MySqlReplay(this, connection, snapshot, target).restoreRows(tables);
	}

	/**
	 * MySQL 8 caches table statistics, AUTO_INCREMENT among them, in
	 * {@code information_schema} for a day unless the session asks for current values.
	 */
	void readCurrentStatistics(Statement statement) throws SQLException {
		if (this.statisticsCached == null) {
			try (ResultSet result = statement.executeQuery("SHOW VARIABLES LIKE 'information_schema_stats_expiry'")) {
				this.statisticsCached = result.next();
			}
		}
		if (this.statisticsCached) {
			statement.execute("SET SESSION information_schema_stats_expiry = 0");
		}
	}

	@Override
	public Optional<String> implicitCommit(String sql) {
		return judge(sql).implicitCommit();
	}

	@Override
	public boolean mayCommitWhileRunning(String sql) {
		return judge(sql).mayCommitWhileRunning();
	}

	@Override
	public boolean writes(String sql) {
		return judge(sql).writes();
	}

	private MySqlStatementGuard judge(String sql) {
		MySqlStatementGuard last = this.lastJudged;
		if (last != null && last.judged(sql)) {
			return last;
		}
		MySqlStatementGuard judged = MySqlStatementGuard.judge(sql);
		this.lastJudged = judged;
		return judged;
	}

	@Override
	public boolean isAccessDenied(SQLException ex) {
		// ER_DBACCESS_DENIED_ERROR, ER_SPECIFIC_ACCESS_DENIED_ERROR,
		// ER_TABLEACCESS_DENIED_ERROR
		return ex.getErrorCode() == 1044 || ex.getErrorCode() == 1227 || ex.getErrorCode() == 1142;
	}

	@Override
	public int maxConnections(Connection connection) throws SQLException {
		try (Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery("SELECT @@max_connections")) {
			result.next();
			return result.getInt(1);
		}
	}

	@Override
	public SchemaSnapshot capture(Connection connection, String schema, List<String> excludedTables)
			throws SQLException {
		return new MySqlCapture(this, connection, schema).capture(excludedTables);
	}

	@Override
	public void restore(Connection connection, SchemaSnapshot snapshot, String target) throws SQLException {
		new MySqlReplay(this, connection, snapshot, target).restore();
	}

	static List<String> strings(PreparedStatement statement) throws SQLException {
		List<String> values = new ArrayList<>();
		try (ResultSet result = statement.executeQuery()) {
			while (result.next()) {
				values.add(result.getString(1));
			}
		}
		return values;
	}

	private void execute(Connection connection, String sql) throws SQLException {
		try (Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
	}

	// The ownership registry: DATETIME in UTC from the server's clock, so that heartbeats
	// of machines with different clocks or session time zones compare correctly.

	@Override
	public void createRegistry(Connection connection, String registry) throws SQLException {
		// checked first: a user who may write the registry may lack the CREATE privilege
		if (!schemaExists(connection, registry)) {
			execute(connection, "CREATE DATABASE IF NOT EXISTS " + quote(registry));
		}
		try (PreparedStatement statement = connection
			.prepareStatement("SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = ?")) {
			statement.setString(1, registry);
			try (ResultSet result = statement.executeQuery()) {
				if (result.next() && result.getInt(1) >= 4) {
					return;
				}
			}
		}
		execute(connection, "CREATE TABLE IF NOT EXISTS " + quote(registry) + ".created_schemas ("
				+ "name VARCHAR(64) NOT NULL PRIMARY KEY, run_id VARCHAR(16) NOT NULL, kind VARCHAR(16) NOT NULL, "
				+ "created_at DATETIME NOT NULL) ENGINE = InnoDB");
		execute(connection, "CREATE TABLE IF NOT EXISTS " + quote(registry) + ".runs ("
				+ "run_id VARCHAR(16) NOT NULL PRIMARY KEY, last_seen DATETIME NOT NULL) ENGINE = InnoDB");
		try (Statement statement = connection.createStatement()) {
			MySqlTemplateRegistry.create(statement, quote(registry));
		}
	}

	@Override
	public void recordTemplateUse(Connection connection, String registry, String template, String application,
			String runId, String lock) throws SQLException {
		MySqlTemplateRegistry.recordUse(connection, quote(registry), template, application, runId, lock);
	}

	@Override
	public List<String> unusedTemplates(Connection connection, String registry, String kind, String application,
			long maxAgeSeconds, int keep) throws SQLException {
		return MySqlTemplateRegistry.unused(connection, quote(registry), kind, application, maxAgeSeconds, keep);
	}

	@Override
	public boolean templateInUse(Connection connection, String registry, String template, int silentSeconds)
			throws SQLException {
		return MySqlTemplateRegistry.inUse(connection, quote(registry), template, silentSeconds);
	}

	@Override
	public void forgetTemplate(Connection connection, String registry, String template) throws SQLException {
		MySqlTemplateRegistry.forget(connection, quote(registry), template);
	}

	@Override
	public void forgetGoneTemplateUsers(Connection connection, String registry) throws SQLException {
		MySqlTemplateRegistry.forgetGoneUsers(connection, quote(registry));
	}

	@Override
	public String schemaDefaults(Connection connection) throws SQLException {
		return MySqlTemplateRegistry.schemaDefaults(connection);
	}

	@Override
	public void heartbeat(Connection connection, String registry, String runId) throws SQLException {
		update(connection, "INSERT INTO " + quote(registry) + ".runs (run_id, last_seen) VALUES (?, UTC_TIMESTAMP()) "
				+ "ON DUPLICATE KEY UPDATE last_seen = UTC_TIMESTAMP()", runId);
	}

	@Override
	public void register(Connection connection, String registry, String schema, String runId, String kind)
			throws SQLException {
		update(connection,
				"INSERT INTO " + quote(registry) + ".created_schemas (name, run_id, kind, created_at) "
						+ "VALUES (?, ?, ?, UTC_TIMESTAMP()) ON DUPLICATE KEY UPDATE run_id = ?, kind = ?",
				schema, runId, kind, runId, kind);
	}

	@Override
	public Optional<String> registeredKind(Connection connection, String registry, String schema) throws SQLException {
		try (PreparedStatement statement = connection
			.prepareStatement("SELECT kind FROM " + quote(registry) + ".created_schemas WHERE name = ?")) {
			statement.setString(1, schema);
			return strings(statement).stream().findFirst();
		}
	}

	@Override
	public void unregister(Connection connection, String registry, String schema) throws SQLException {
		update(connection, "DELETE FROM " + quote(registry) + ".created_schemas WHERE name = ?", schema);
	}

	@Override
	public List<String> schemasOfSilentRuns(Connection connection, String registry, String kind, int silentSeconds)
			throws SQLException {
		try (PreparedStatement statement = connection.prepareStatement("SELECT s.name FROM " + quote(registry)
				+ ".created_schemas s LEFT JOIN " + quote(registry) + ".runs r ON r.run_id = s.run_id "
				+ "WHERE s.kind = ? AND (r.last_seen IS NULL OR r.last_seen < UTC_TIMESTAMP() - INTERVAL ? SECOND) "
				+ "ORDER BY s.name")) {
			statement.setString(1, kind);
			statement.setInt(2, silentSeconds);
			return strings(statement);
		}
	}

	@Override
	public List<String> missingSchemasOfSilentRuns(Connection connection, String registry, int silentSeconds)
			throws SQLException {
		try (PreparedStatement statement = connection.prepareStatement("SELECT s.name FROM " + quote(registry)
				+ ".created_schemas s LEFT JOIN " + quote(registry) + ".runs r ON r.run_id = s.run_id "
				+ "WHERE (r.last_seen IS NULL OR r.last_seen < UTC_TIMESTAMP() - INTERVAL ? SECOND) "
				+ "AND NOT EXISTS (SELECT 1 FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = s.name) "
				+ "ORDER BY s.name")) {
			statement.setInt(1, silentSeconds);
			return strings(statement);
		}
	}

	@Override
	public void forgetRuns(Connection connection, String registry, String runId, int silentSeconds)
			throws SQLException {
		update(connection, "DELETE FROM " + quote(registry) + ".runs WHERE run_id = ?", runId);
		try (PreparedStatement statement = connection.prepareStatement("DELETE FROM " + quote(registry)
				+ ".runs WHERE last_seen < UTC_TIMESTAMP() - INTERVAL ? SECOND AND run_id NOT IN "
				+ "(SELECT run_id FROM " + quote(registry) + ".created_schemas)")) {
			statement.setInt(1, silentSeconds);
			statement.executeUpdate();
		}
	}

	@Override
	public int keepSessionAlive(Connection connection) throws SQLException {
		int before;
		try (Statement statement = connection.createStatement()) {
			try (ResultSet result = statement.executeQuery("SELECT @@SESSION.wait_timeout")) {
				result.next();
				before = result.getInt(1);
			}
			// a year, the largest value both engines accept
			statement.execute("SET SESSION wait_timeout = 31536000, interactive_timeout = 31536000");
		}
		return before;
	}

	@Override
	public long sessionId(Connection connection) throws SQLException {
		try (Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery("SELECT CONNECTION_ID()")) {
			result.next();
			return result.getLong(1);
		}
	}

	@Override
	public void grantSchemasStartingWith(Connection admin, String account, String prefix) throws SQLException {
		// in a GRANT's database name, '_' and '%' are wildcards
		String pattern = prefix.replace("\\", "\\\\").replace("_", "\\_").replace("%", "\\%") + "%";
		try (Statement statement = admin.createStatement()) {
			statement.execute("GRANT ALL PRIVILEGES ON " + quote(pattern) + ".* TO " + account);
		}
	}

	@Override
	public String account(Connection connection) throws SQLException {
		String account;
		try (Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery("SELECT CURRENT_USER()")) {
			result.next();
			account = result.getString(1);
		}
		int at = (account != null) ? account.lastIndexOf('@') : -1;
		String user = (at >= 0) ? account.substring(0, at) : String.valueOf(account);
		String host = (at >= 0) ? account.substring(at + 1) : "%";
		return "'" + user + "'@'" + host + "'";
	}

	@Override
	public boolean isTooManyConnections(SQLException ex) {
		// ER_CON_COUNT_ERROR; some drivers report it with their own code, keeping the
		// text
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if ((cause instanceof SQLException sql && sql.getErrorCode() == 1040)
					|| String.valueOf(cause.getMessage()).contains("Too many connections")) {
				return true;
			}
		}
		return false;
	}

	private void update(Connection connection, String sql, String... parameters) throws SQLException {
		try (PreparedStatement statement = connection.prepareStatement(sql)) {
			for (int i = 0; i < parameters.length; i++) {
				statement.setString(i + 1, parameters[i]);
			}
			statement.executeUpdate();
		}
	}

}
