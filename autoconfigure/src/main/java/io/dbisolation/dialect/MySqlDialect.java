package io.dbisolation.dialect;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * MySQL and MariaDB, where a schema is a database. Schemas are cloned by replaying the
 * output of {@code SHOW CREATE} (which, unlike {@code CREATE TABLE ... LIKE}, keeps
 * foreign keys) and copying rows with {@code INSERT ... SELECT}.
 */
final class MySqlDialect implements Dialect {

	private static final Pattern DEFINER = Pattern
		.compile("\\s+DEFINER\\s*=\\s*(`[^`]*`|'[^']*'|[^\\s@]+)(@(`[^`]*`|'[^']*'|\\S+))?");

	private final String engine;

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
		StringBuilder structure = new StringBuilder();
		try (PreparedStatement statement = connection.prepareStatement("SELECT TABLE_NAME, COLUMN_NAME, COLUMN_TYPE "
				+ "FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = ? ORDER BY TABLE_NAME, ORDINAL_POSITION")) {
			statement.setString(1, schema);
			try (ResultSet result = statement.executeQuery()) {
				while (result.next()) {
					structure.append(result.getString(1))
						.append('.')
						.append(result.getString(2))
						.append(' ')
						.append(result.getString(3))
						.append('\n');
				}
			}
		}
		return structure.toString();
	}

	@Override
	public void restoreRows(Connection connection, SchemaSnapshot snapshot, String target, List<String> tables)
			throws SQLException {
		try (Statement statement = connection.createStatement()) {
			statement.execute("SET FOREIGN_KEY_CHECKS = 0");
			try {
				for (String table : tables) {
					// TRUNCATE also resets AUTO_INCREMENT, as in a fresh clone
					statement.execute("TRUNCATE TABLE " + quote(target) + "." + quote(table));
					List<String> columns = snapshot.rowsToCopy().get(table);
					if (columns != null) {
						copyRows(statement, snapshot.source(), target, table, columns);
					}
				}
			}
			finally {
				statement.execute("SET FOREIGN_KEY_CHECKS = 1");
			}
		}
	}

	private void copyRows(Statement statement, String source, String target, String table, List<String> columns)
			throws SQLException {
		String list = String.join(", ", columns.stream().map(this::quote).toList());
		statement.execute("INSERT INTO " + quote(target) + "." + quote(table) + " (" + list + ") SELECT " + list
				+ " FROM " + quote(source) + "." + quote(table));
	}

	@Override
	public Optional<String> implicitCommit(String sql) {
		return MySqlImplicitCommits.find(sql);
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
		List<String> tableNames = new ArrayList<>();
		List<String> tables = new ArrayList<>();
		List<String> views = new ArrayList<>();
		Map<String, List<String>> rowsToCopy = new LinkedHashMap<>();
		try (PreparedStatement statement = connection.prepareStatement(
				"SELECT TABLE_NAME, TABLE_TYPE FROM information_schema.TABLES WHERE TABLE_SCHEMA = ? ORDER BY TABLE_NAME")) {
			statement.setString(1, schema);
			try (ResultSet result = statement.executeQuery()) {
				while (result.next()) {
					String table = result.getString(1);
					if (excludedTables.contains(table)) {
						continue;
					}
					String qualified = quote(schema) + "." + quote(table);
					if ("VIEW".equals(result.getString(2))) {
						views.add(withoutDefiner(showCreate(connection, "VIEW", qualified, 2)));
					}
					else {
						tableNames.add(table);
						tables.add(showCreate(connection, "TABLE", qualified, 2));
						if (!"SEQUENCE".equals(result.getString(2)) && hasRows(connection, qualified)) {
							rowsToCopy.put(table, insertableColumns(connection, schema, table));
						}
					}
				}
			}
		}
		List<String> afterData = new ArrayList<>();
		for (String trigger : names(connection,
				"SELECT TRIGGER_NAME FROM information_schema.TRIGGERS WHERE TRIGGER_SCHEMA = ? ORDER BY ACTION_ORDER",
				schema)) {
			afterData.add(withoutDefiner(showCreate(connection, "TRIGGER", quote(schema) + "." + quote(trigger), 3)));
		}
		try (PreparedStatement statement = connection.prepareStatement(
				"SELECT ROUTINE_NAME, ROUTINE_TYPE FROM information_schema.ROUTINES WHERE ROUTINE_SCHEMA = ?")) {
			statement.setString(1, schema);
			try (ResultSet result = statement.executeQuery()) {
				while (result.next()) {
					String qualified = quote(schema) + "." + quote(result.getString(1));
					afterData.add(withoutDefiner(showCreate(connection, result.getString(2), qualified, 3)));
				}
			}
		}
		return new SchemaSnapshot(schema, tableNames, tables, views, afterData, rowsToCopy);
	}

	@Override
	public void restore(Connection connection, SchemaSnapshot snapshot, String target) throws SQLException {
		String previousCatalog = connection.getCatalog();
		connection.setCatalog(target);
		try (Statement statement = connection.createStatement()) {
			statement.execute("SET FOREIGN_KEY_CHECKS = 0");
			try {
				for (String ddl : snapshot.tables()) {
					statement.execute(ddl);
				}
				createViews(statement, snapshot.views(), snapshot.source(), target);
				for (Map.Entry<String, List<String>> table : snapshot.rowsToCopy().entrySet()) {
					copyRows(statement, snapshot.source(), target, table.getKey(), table.getValue());
				}
				for (String ddl : snapshot.afterData()) {
					statement.execute(retarget(ddl, snapshot.source(), target));
				}
			}
			finally {
				statement.execute("SET FOREIGN_KEY_CHECKS = 1");
			}
		}
		finally {
			if (previousCatalog != null && !previousCatalog.isEmpty()) {
				connection.setCatalog(previousCatalog);
			}
		}
	}

	/**
	 * Views may select from each other; create those whose dependencies exist, and repeat
	 * until all are created or a round makes no progress.
	 */
	private void createViews(Statement statement, List<String> views, String source, String target)
			throws SQLException {
		List<String> pending = new ArrayList<>(views);
		while (!pending.isEmpty()) {
			List<String> failed = new ArrayList<>();
			SQLException lastFailure = null;
			for (String ddl : pending) {
				try {
					statement.execute(retarget(ddl, source, target));
				}
				catch (SQLException ex) {
					failed.add(ddl);
					lastFailure = ex;
				}
			}
			if (failed.size() == pending.size()) {
				throw lastFailure;
			}
			pending = failed;
		}
	}

	/**
	 * {@code SHOW CREATE} names the current user as definer, which another user may not
	 * be allowed to set; drop it so the object is owned by whoever replays it.
	 */
	static String withoutDefiner(String ddl) {
		return DEFINER.matcher(ddl).replaceFirst("");
	}

	private String retarget(String ddl, String source, String target) {
		return ddl.replace(quote(source) + ".", quote(target) + ".");
	}

	private String showCreate(Connection connection, String kind, String qualifiedName, int column)
			throws SQLException {
		try (Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery("SHOW CREATE " + kind + " " + qualifiedName)) {
			result.next();
			return result.getString(column);
		}
	}

	private boolean hasRows(Connection connection, String qualifiedTable) throws SQLException {
		try (Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery("SELECT 1 FROM " + qualifiedTable + " LIMIT 1")) {
			return result.next();
		}
	}

	private List<String> insertableColumns(Connection connection, String schema, String table) throws SQLException {
		try (PreparedStatement statement = connection
			.prepareStatement("SELECT COLUMN_NAME FROM information_schema.COLUMNS "
					+ "WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? AND EXTRA NOT LIKE '%GENERATED%' ORDER BY ORDINAL_POSITION")) {
			statement.setString(1, schema);
			statement.setString(2, table);
			return strings(statement);
		}
	}

	private List<String> names(Connection connection, String sql, String schema) throws SQLException {
		try (PreparedStatement statement = connection.prepareStatement(sql)) {
			statement.setString(1, schema);
			return strings(statement);
		}
	}

	private List<String> strings(PreparedStatement statement) throws SQLException {
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
				if (result.next() && result.getInt(1) >= 2) {
					return;
				}
			}
		}
		execute(connection, "CREATE TABLE IF NOT EXISTS " + quote(registry) + ".created_schemas ("
				+ "name VARCHAR(64) NOT NULL PRIMARY KEY, run_id VARCHAR(16) NOT NULL, kind VARCHAR(16) NOT NULL, "
				+ "created_at DATETIME NOT NULL) ENGINE = InnoDB");
		execute(connection, "CREATE TABLE IF NOT EXISTS " + quote(registry) + ".runs ("
				+ "run_id VARCHAR(16) NOT NULL PRIMARY KEY, last_seen DATETIME NOT NULL) ENGINE = InnoDB");
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
