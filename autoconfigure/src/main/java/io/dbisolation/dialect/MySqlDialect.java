package io.dbisolation.dialect;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
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
		// ER_DBACCESS_DENIED_ERROR, ER_SPECIFIC_ACCESS_DENIED_ERROR
		return ex.getErrorCode() == 1044 || ex.getErrorCode() == 1227;
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

}
