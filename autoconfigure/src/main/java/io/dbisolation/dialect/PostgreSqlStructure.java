package io.dbisolation.dialect;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a PostgreSQL database from a connection to it: its tables and sequences, a
 * description of its structure, and checksums of its tables' rows. Tables are named
 * {@code schema.table}, for the schemas of the application (not the server's own, nor
 * those of extensions' objects).
 */
final class PostgreSqlStructure {

	/** The schemas of the server and of its catalog views, not the application's. */
	private static final List<String> SYSTEM_SCHEMAS = List.of("pg_catalog", "information_schema", "pg_toast");

	private static final String USER_SCHEMAS = SYSTEM_SCHEMAS.stream()
		.map((schema) -> "'" + schema + "'")
		.collect(java.util.stream.Collectors.joining(", ", "NOT IN (", ")"));

	private PostgreSqlStructure() {
	}

	static List<String> tables(Connection database) throws SQLException {
		return query(database, "SELECT table_schema || '.' || table_name FROM information_schema.tables "
				+ "WHERE table_type = 'BASE TABLE' AND table_schema " + USER_SCHEMAS + " ORDER BY 1");
	}

	static List<String> sequences(Connection database) throws SQLException {
		return query(database, "SELECT sequence_schema || '.' || sequence_name FROM information_schema.sequences "
				+ "WHERE sequence_schema " + USER_SCHEMAS + " ORDER BY 1");
	}

	/**
	 * A name of the form {@code schema.object}, quoted for SQL.
	 */
	static String qualified(String name, Dialect dialect) {
		int dot = name.indexOf('.');
		return dialect.quote(name.substring(0, dot)) + "." + dialect.quote(name.substring(dot + 1));
	}

	static String unqualified(String table) {
		return table.substring(table.indexOf('.') + 1);
	}

	/**
	 * A row count and an order-free sum of row hashes per table.
	 */
	static Map<String, Long> checksums(Connection database, List<String> tables, Dialect dialect) throws SQLException {
		Map<String, Long> checksums = new LinkedHashMap<>();
		try (Statement statement = database.createStatement()) {
			for (String table : tables) {
				String name = qualified(table, dialect);
				try (ResultSet result = statement
					.executeQuery("SELECT count(*), coalesce(sum(hashtext(t::text)), 0) " + "FROM " + name + " t")) {
					result.next();
					BigDecimal sum = result.getBigDecimal(2);
					checksums.put(table, result.getLong(1) * 1_000_003L + sum.longValue());
				}
			}
		}
		return checksums;
	}

	/**
	 * The database's structure as sorted lines: schemas, columns, constraints, indexes,
	 * views, sequences, triggers, functions and extensions; equal for copies of one
	 * database.
	 */
	static String describe(Connection database) throws SQLException {
		List<String> lines = new ArrayList<>();
		lines.addAll(query(database,
				"SELECT 'column ' || table_schema || '.' || table_name || '.' || column_name "
						+ "|| ' ' || data_type || ' ' || is_nullable || ' ' || coalesce(column_default, '') "
						+ "FROM information_schema.columns WHERE table_schema " + USER_SCHEMAS));
		lines.addAll(query(database, "SELECT 'constraint ' || n.nspname || '.' || c.conname || ' ' "
				+ "|| pg_get_constraintdef(c.oid) FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace "
				+ "WHERE n.nspname " + USER_SCHEMAS));
		lines.addAll(query(database, "SELECT 'index ' || indexdef FROM pg_indexes WHERE schemaname " + USER_SCHEMAS));
		lines.addAll(query(database, "SELECT 'view ' || schemaname || '.' || viewname || ' ' || definition "
				+ "FROM pg_views WHERE schemaname " + USER_SCHEMAS));
		lines.addAll(query(database,
				"SELECT 'trigger ' || pg_get_triggerdef(t.oid) FROM pg_trigger t " + "WHERE NOT t.tgisinternal"));
		lines.addAll(query(database,
				"SELECT 'function ' || pg_get_functiondef(p.oid) FROM pg_proc p "
						+ "JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname " + USER_SCHEMAS
						+ " AND p.prokind IN ('f', 'p') AND NOT EXISTS (SELECT 1 FROM pg_depend d "
						+ "WHERE d.objid = p.oid AND d.deptype = 'e')"));
		lines.addAll(query(database, "SELECT 'schema ' || nspname FROM pg_namespace WHERE nspname " + USER_SCHEMAS
				+ " AND nspname NOT LIKE 'pg\\_temp\\_%' AND nspname NOT LIKE 'pg\\_toast\\_temp\\_%'"));
		lines.addAll(query(database,
				"SELECT 'sequence ' || schemaname || '.' || sequencename || ' ' || data_type || ' ' || start_value "
						+ "|| ' ' || min_value || ' ' || max_value || ' ' || increment_by || ' ' || cycle "
						+ "FROM pg_sequences WHERE schemaname " + USER_SCHEMAS));
		lines.addAll(query(database, "SELECT 'extension ' || extname || ' ' || extversion FROM pg_extension"));
		lines.sort(null);
		return String.join("\n", lines);
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

	private static List<String> query(Connection database, String sql) throws SQLException {
		try (PreparedStatement statement = database.prepareStatement(sql)) {
			return strings(statement);
		}
	}

}
