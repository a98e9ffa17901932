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
			restoreCounters(connection, statement, snapshot.source(), target);
		}
	}

	/**
	 * Gives each table the template's next AUTO_INCREMENT value. A refill leaves the
	 * counter after the highest copied id, and rows inserted and deleted again leave the
	 * rows alike but the counter advanced; in a fresh clone it is the template's.
	 * Lowering it with {@code ALTER TABLE} is allowed down to the highest id in use.
	 */
	private void restoreCounters(Connection connection, Statement statement, String source, String target)
			throws SQLException {
		readCurrentStatistics(statement);
		Map<String, Long> counters = new LinkedHashMap<>();
		try (PreparedStatement changed = connection.prepareStatement("SELECT s.TABLE_NAME, s.AUTO_INCREMENT "
				+ "FROM information_schema.TABLES s JOIN information_schema.TABLES t ON t.TABLE_NAME = s.TABLE_NAME "
				+ "WHERE s.TABLE_SCHEMA = ? AND t.TABLE_SCHEMA = ? AND s.AUTO_INCREMENT IS NOT NULL "
				+ "AND NOT (s.AUTO_INCREMENT <=> t.AUTO_INCREMENT)")) {
			changed.setString(1, source);
			changed.setString(2, target);
			try (ResultSet result = changed.executeQuery()) {
				while (result.next()) {
					counters.put(result.getString(1), result.getLong(2));
				}
			}
		}
		for (Map.Entry<String, Long> counter : counters.entrySet()) {
			statement.execute("ALTER TABLE " + quote(target) + "." + quote(counter.getKey()) + " AUTO_INCREMENT = "
					+ counter.getValue());
		}
	}

	/**
	 * MySQL 8 caches table statistics, AUTO_INCREMENT among them, in
	 * {@code information_schema} for a day unless the session asks for current values.
	 */
	private void readCurrentStatistics(Statement statement) throws SQLException {
		if (this.statisticsCached == null) {
			try (ResultSet result = statement.executeQuery("SHOW VARIABLES LIKE 'information_schema_stats_expiry'")) {
				this.statisticsCached = result.next();
			}
		}
		if (this.statisticsCached) {
			statement.execute("SET SESSION information_schema_stats_expiry = 0");
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

	/**
	 * The columns a row can be copied into: all but generated columns. Decided by the
	 * generation expression, which is empty (MySQL 8) or {@code NULL} (MariaDB) for
	 * stored columns, and not by {@code EXTRA}, where MySQL 8 marks expression defaults
	 * such as {@code DEFAULT (uuid())} as {@code DEFAULT_GENERATED}: those values must be
	 * copied.
	 */
	private List<String> insertableColumns(Connection connection, String schema, String table) throws SQLException {
		try (PreparedStatement statement = connection
			.prepareStatement("SELECT COLUMN_NAME FROM information_schema.COLUMNS "
					+ "WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? AND COALESCE(GENERATION_EXPRESSION, '') = '' "
					+ "ORDER BY ORDINAL_POSITION")) {
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

}
