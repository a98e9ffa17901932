package io.dbisolation.dialect;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Describes the whole structure of a MySQL or MariaDB schema as text, in one query:
 * tables, columns, indexes, keys, foreign keys, checks, views, triggers, routines and
 * their parameters, and events. Everything that may name the schema itself (view
 * definitions, trigger and routine bodies, references) is given with the schema's name
 * replaced, so that two clones of one template describe alike.
 */
final class MySqlStructure {

	/**
	 * Each part selects one line per object; every part takes the schema as parameter.
	 */
	private static final String[] PARTS = {
			"SELECT CONCAT_WS('|', 'table', TABLE_NAME, TABLE_TYPE, %s, %s, %s, TABLE_COMMENT) "
				.formatted(nullable("ENGINE"), nullable("TABLE_COLLATION"), nullable("CREATE_OPTIONS"))
					+ "FROM information_schema.TABLES WHERE TABLE_SCHEMA = ?",
			"SELECT CONCAT_WS('|', 'column', TABLE_NAME, ORDINAL_POSITION, COLUMN_NAME, COLUMN_TYPE, IS_NULLABLE, "
					+ "%s, EXTRA, %s, %s, COLUMN_COMMENT) ".formatted(nullable("COLUMN_DEFAULT"),
							nullable("GENERATION_EXPRESSION"), nullable("COLLATION_NAME"))
					+ "FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = ?",
			"SELECT CONCAT_WS('|', 'index', TABLE_NAME, INDEX_NAME, SEQ_IN_INDEX, %s, NON_UNIQUE, %s, INDEX_TYPE, %s) "
				.formatted(nullable("COLUMN_NAME"), nullable("SUB_PART"), nullable("COLLATION"))
					+ "FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = ?",
			"SELECT CONCAT_WS('|', 'key', TABLE_NAME, CONSTRAINT_NAME, ORDINAL_POSITION, COLUMN_NAME, %s, %s, %s) "
				.formatted(nullable("REFERENCED_TABLE_SCHEMA"), nullable("REFERENCED_TABLE_NAME"),
						nullable("REFERENCED_COLUMN_NAME"))
					+ "FROM information_schema.KEY_COLUMN_USAGE WHERE TABLE_SCHEMA = ?",
			"SELECT CONCAT_WS('|', 'foreign key', TABLE_NAME, CONSTRAINT_NAME, UPDATE_RULE, DELETE_RULE) "
					+ "FROM information_schema.REFERENTIAL_CONSTRAINTS WHERE CONSTRAINT_SCHEMA = ?",
			"SELECT CONCAT_WS('|', 'check', CONSTRAINT_NAME, CHECK_CLAUSE) "
					+ "FROM information_schema.CHECK_CONSTRAINTS WHERE CONSTRAINT_SCHEMA = ?",
			"SELECT CONCAT_WS('|', 'view', TABLE_NAME, VIEW_DEFINITION, CHECK_OPTION, SECURITY_TYPE) "
					+ "FROM information_schema.VIEWS WHERE TABLE_SCHEMA = ?",
			"SELECT CONCAT_WS('|', 'trigger', TRIGGER_NAME, EVENT_MANIPULATION, EVENT_OBJECT_TABLE, ACTION_TIMING, "
					+ "ACTION_ORDER, ACTION_STATEMENT) FROM information_schema.TRIGGERS WHERE TRIGGER_SCHEMA = ?",
			"SELECT CONCAT_WS('|', 'routine', ROUTINE_NAME, ROUTINE_TYPE, %s, %s, IS_DETERMINISTIC, SQL_DATA_ACCESS, "
				.formatted(nullable("DTD_IDENTIFIER"), nullable("ROUTINE_DEFINITION"))
					+ "SECURITY_TYPE) FROM information_schema.ROUTINES WHERE ROUTINE_SCHEMA = ?",
			"SELECT CONCAT_WS('|', 'parameter', SPECIFIC_NAME, ORDINAL_POSITION, %s, %s, DTD_IDENTIFIER) "
				.formatted(nullable("PARAMETER_MODE"), nullable("PARAMETER_NAME"))
					+ "FROM information_schema.PARAMETERS WHERE SPECIFIC_SCHEMA = ?",
			"SELECT CONCAT_WS('|', 'event', EVENT_NAME, EVENT_DEFINITION, EVENT_TYPE, %s, %s, STATUS, ON_COMPLETION) "
				.formatted(nullable("INTERVAL_VALUE"), nullable("INTERVAL_FIELD"))
					+ "FROM information_schema.EVENTS WHERE EVENT_SCHEMA = ?" };

	private static final String QUERY = String.join(" UNION ALL ", PARTS);

	private MySqlStructure() {
	}

	static String describe(Connection connection, String schema) throws SQLException {
		List<String> lines = new ArrayList<>();
		try (PreparedStatement statement = connection.prepareStatement(QUERY)) {
			for (int i = 1; i <= PARTS.length; i++) {
				statement.setString(i, schema);
			}
			try (ResultSet result = statement.executeQuery()) {
				while (result.next()) {
					lines.add(result.getString(1).replace(schema, "~"));
				}
			}
		}
		// sorted here, not by the server, whose collations may order lines that differ
		// only in case either way
		Collections.sort(lines);
		return String.join("\n", lines);
	}

	private static String nullable(String column) {
		return "COALESCE(" + column + ", '(null)')";
	}

}
