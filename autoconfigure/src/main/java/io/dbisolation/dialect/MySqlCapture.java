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
import java.util.regex.Pattern;

/**
 * Captures a MySQL or MariaDB schema for cloning: the output of {@code SHOW CREATE}
 * (which, unlike {@code CREATE TABLE ... LIKE}, keeps foreign keys) for its sequences,
 * tables, views, triggers and routines, and which columns to copy rows through.
 */
final class MySqlCapture {

	private static final Pattern DEFINER = Pattern
		.compile("\\s+DEFINER\\s*=\\s*(`[^`]*`|'[^']*'|[^\\s@]+)(@(`[^`]*`|'[^']*'|\\S+))?");

	private final MySqlDialect dialect;

	private final Connection connection;

	private final String schema;

	MySqlCapture(MySqlDialect dialect, Connection connection, String schema) {
		this.dialect = dialect;
		this.connection = connection;
		this.schema = schema;
	}

	/**
	 * Captures the schema. Sequences come first among the tables, since a column default
	 * may call {@code nextval} on one, and their single row (their state) is always
	 * copied, so that a clone's sequence continues where the template's stands.
	 */
	SchemaSnapshot capture(List<String> excludedTables) throws SQLException {
		List<String> tableNames = new ArrayList<>();
		List<String> sequenceNames = new ArrayList<>();
		List<String> sequences = new ArrayList<>();
		List<String> tables = new ArrayList<>();
		List<String> views = new ArrayList<>();
		Map<String, List<String>> rowsToCopy = new LinkedHashMap<>();
		try (PreparedStatement statement = this.connection.prepareStatement(
				"SELECT TABLE_NAME, TABLE_TYPE FROM information_schema.TABLES WHERE TABLE_SCHEMA = ? ORDER BY TABLE_NAME")) {
			statement.setString(1, this.schema);
			try (ResultSet result = statement.executeQuery()) {
				while (result.next()) {
					String table = result.getString(1);
					String type = result.getString(2);
					if (excludedTables.contains(table)) {
						continue;
					}
					String qualified = qualified(table);
					if ("VIEW".equals(type)) {
						views.add(withoutDefiner(showCreate("VIEW", qualified, 2)));
					}
					else if ("SEQUENCE".equals(type)) {
						sequenceNames.add(table);
						sequences.add(showCreate("SEQUENCE", qualified, 2));
						rowsToCopy.put(table, insertableColumns(table));
					}
					else {
						tableNames.add(table);
						tables.add(showCreate("TABLE", qualified, 2));
						if (hasRows(qualified)) {
							rowsToCopy.put(table, insertableColumns(table));
						}
					}
				}
			}
		}
		sequences.addAll(tables);
		return new SchemaSnapshot(this.schema, tableNames, sequenceNames, sequences, views, afterData(), rowsToCopy);
	}

	private List<String> afterData() throws SQLException {
		List<String> afterData = new ArrayList<>();
		for (String trigger : names(
				"SELECT TRIGGER_NAME FROM information_schema.TRIGGERS WHERE TRIGGER_SCHEMA = ? ORDER BY ACTION_ORDER")) {
			afterData.add(withoutDefiner(showCreate("TRIGGER", qualified(trigger), 3)));
		}
		try (PreparedStatement statement = this.connection.prepareStatement(
				"SELECT ROUTINE_NAME, ROUTINE_TYPE FROM information_schema.ROUTINES WHERE ROUTINE_SCHEMA = ?")) {
			statement.setString(1, this.schema);
			try (ResultSet result = statement.executeQuery()) {
				while (result.next()) {
					afterData.add(withoutDefiner(showCreate(result.getString(2), qualified(result.getString(1)), 3)));
				}
			}
		}
		return afterData;
	}

	/**
	 * {@code SHOW CREATE} names the current user as definer, which another user may not
	 * be allowed to set; drop it so the object is owned by whoever replays it.
	 */
	static String withoutDefiner(String ddl) {
		return DEFINER.matcher(ddl).replaceFirst("");
	}

	private String qualified(String name) {
		return this.dialect.quote(this.schema) + "." + this.dialect.quote(name);
	}

	private String showCreate(String kind, String qualifiedName, int column) throws SQLException {
		try (Statement statement = this.connection.createStatement();
				ResultSet result = statement.executeQuery("SHOW CREATE " + kind + " " + qualifiedName)) {
			result.next();
			return result.getString(column);
		}
	}

	private boolean hasRows(String qualifiedTable) throws SQLException {
		try (Statement statement = this.connection.createStatement();
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
	private List<String> insertableColumns(String table) throws SQLException {
		try (PreparedStatement statement = this.connection
			.prepareStatement("SELECT COLUMN_NAME FROM information_schema.COLUMNS "
					+ "WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? AND COALESCE(GENERATION_EXPRESSION, '') = '' "
					+ "ORDER BY ORDINAL_POSITION")) {
			statement.setString(1, this.schema);
			statement.setString(2, table);
			return MySqlDialect.strings(statement);
		}
	}

	private List<String> names(String sql) throws SQLException {
		try (PreparedStatement statement = this.connection.prepareStatement(sql)) {
			statement.setString(1, this.schema);
			return MySqlDialect.strings(statement);
		}
	}

}
