package io.dbisolation.dialect;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a PostgreSQL template holds beyond its structure, read once so that a clone can be
 * given it back in place: the rows of the tables that hold any (reference data, the
 * migration history), as row literals; the state of every sequence, those that no column
 * owns included; and a checksum of every table. A used clone is refilled by truncating
 * the tables whose rows changed, with every table that references them, and inserting the
 * template's rows again, parents first; then every sequence is set back, and the rows are
 * checked against the template's checksums, since a trigger may have fired on the refill.
 *
 * @param tables the tables, referenced ones before those that reference them
 * @param references the tables that reference each table with a foreign key
 * @param columns the insertable columns (not generated) of each table that holds rows
 * @param rows the rows of each table that holds any, as row literals
 * @param sequences each sequence's last value and whether it was called
 * @param checksums each table's checksum
 */
record PostgreSqlContent(List<String> tables, Map<String, Set<String>> references, Map<String, List<String>> columns,
		Map<String, List<String>> rows, Map<String, SequenceState> sequences, Map<String, Long> checksums) {

	/**
	 * Reads the content of a database.
	 * @param database a connection to it
	 * @param tables its tables, as {@code schema.table}
	 * @param dialect quotes names
	 * @return the content
	 * @throws SQLException on failure
	 */
	static PostgreSqlContent read(Connection database, List<String> tables, Dialect dialect) throws SQLException {
		Map<String, Set<String>> references = references(database, tables);
		Map<String, List<String>> columns = new HashMap<>();
		Map<String, List<String>> rows = new HashMap<>();
		Map<String, Long> checksums = PostgreSqlStructure.checksums(database, tables, dialect);
		for (String table : tables) {
			List<String> literals = query(database, "SELECT t::text FROM " + qualified(table, dialect) + " t");
			if (!literals.isEmpty()) {
				rows.put(table, literals);
				columns.put(table, insertableColumns(database, table, dialect));
			}
		}
		// those of identity columns too, which information_schema leaves out
		List<String> sequences = query(database, "SELECT schemaname || '.' || sequencename FROM pg_sequences "
				+ "WHERE schemaname NOT IN ('pg_catalog', 'information_schema') ORDER BY 1");
		Map<String, SequenceState> states = new LinkedHashMap<>();
		try (Statement statement = database.createStatement()) {
			for (String sequence : sequences) {
				try (ResultSet result = statement
					.executeQuery("SELECT last_value, is_called FROM " + qualified(sequence, dialect))) {
					result.next();
					states.put(sequence, new SequenceState(result.getLong(1), result.getBoolean(2)));
				}
			}
		}
		return new PostgreSqlContent(parentsFirst(tables, references), references, columns, rows, states, checksums);
	}

	/**
	 * Gives a clone of the template this content was read from the template's content
	 * again.
	 * @param database a connection to the clone, whose structure is the template's
	 * @param changed the tables whose rows differ from the template's
	 * @param dialect quotes names
	 * @throws SQLException on failure, or if the rows still differ afterwards
	 */
	void restore(Connection database, List<String> changed, Dialect dialect) throws SQLException {
		Set<String> truncated = withReferencing(changed);
		boolean autoCommit = database.getAutoCommit();
		database.setAutoCommit(false);
		try {
			try (Statement statement = database.createStatement()) {
				if (!truncated.isEmpty()) {
					statement.execute("TRUNCATE " + truncated.stream()
						.map((table) -> qualified(table, dialect))
						.collect(Collectors.joining(", ")) + " RESTART IDENTITY");
				}
			}
			for (String table : this.tables) {
				if (truncated.contains(table) && this.rows.containsKey(table)) {
					refill(database, table, dialect);
				}
			}
			resetSequences(database, dialect);
			database.commit();
		}
		catch (SQLException | RuntimeException ex) {
			database.rollback();
			throw ex;
		}
		finally {
			database.setAutoCommit(autoCommit);
		}
		Map<String, Long> now = PostgreSqlStructure.checksums(database, this.tables, dialect);
		List<String> differing = this.tables.stream()
			.filter((table) -> !Objects.equals(now.get(table), this.checksums.get(table)))
			.toList();
		if (!differing.isEmpty()) {
			throw new SQLException("The rows of " + differing + " differ from the template's after the refill");
		}
	}

	private Set<String> withReferencing(List<String> changed) {
		Set<String> all = new LinkedHashSet<>();
		Deque<String> next = new ArrayDeque<>(changed);
		while (!next.isEmpty()) {
			String table = next.poll();
			if (all.add(table)) {
				next.addAll(this.references.getOrDefault(table, Set.of()));
			}
		}
		return all;
	}

	private void refill(Connection database, String table, Dialect dialect) throws SQLException {
		List<String> names = this.columns.get(table);
		String columnList = names.stream().map(dialect::quote).collect(Collectors.joining(", "));
		String fields = names.stream()
			.map((column) -> "(r)." + dialect.quote(column))
			.collect(Collectors.joining(", "));
		try (PreparedStatement statement = database.prepareStatement("INSERT INTO " + qualified(table, dialect) + " ("
				+ columnList + ") OVERRIDING SYSTEM VALUE SELECT " + fields + " FROM (SELECT CAST(literal AS "
				+ qualified(table, dialect) + ") AS r FROM unnest(?) AS literal) AS source")) {
			Array literals = database.createArrayOf("text", this.rows.get(table).toArray());
			statement.setArray(1, literals);
			statement.executeUpdate();
			literals.free();
		}
	}

	private void resetSequences(Connection database, Dialect dialect) throws SQLException {
		if (this.sequences.isEmpty()) {
			return;
		}
		String sql = "SELECT " + this.sequences.keySet()
			.stream()
			.map((sequence) -> "setval(?::regclass, ?, ?)")
			.collect(Collectors.joining(", "));
		try (PreparedStatement statement = database.prepareStatement(sql)) {
			int index = 1;
			for (Map.Entry<String, SequenceState> sequence : this.sequences.entrySet()) {
				statement.setString(index++, qualified(sequence.getKey(), dialect));
				statement.setLong(index++, sequence.getValue().lastValue());
				statement.setBoolean(index++, sequence.getValue().called());
			}
			statement.executeQuery().close();
		}
	}

	/**
	 * The tables that reference each table, by foreign keys between the given tables.
	 */
	private static Map<String, Set<String>> references(Connection database, List<String> tables) throws SQLException {
		Map<String, Set<String>> references = new HashMap<>();
		try (PreparedStatement statement = database
			.prepareStatement("SELECT cn.nspname || '.' || c.relname, pn.nspname || '.' || p.relname "
					+ "FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid "
					+ "JOIN pg_namespace cn ON cn.oid = c.relnamespace JOIN pg_class p ON p.oid = k.confrelid "
					+ "JOIN pg_namespace pn ON pn.oid = p.relnamespace WHERE k.contype = 'f'");
				ResultSet result = statement.executeQuery()) {
			while (result.next()) {
				String child = result.getString(1);
				String parent = result.getString(2);
				if (tables.contains(child) && tables.contains(parent) && !child.equals(parent)) {
					references.computeIfAbsent(parent, (key) -> new LinkedHashSet<>()).add(child);
				}
			}
		}
		return references;
	}

	/**
	 * The tables with every referenced table before the tables that reference it; tables
	 * in a cycle of references keep their order.
	 */
	private static List<String> parentsFirst(List<String> tables, Map<String, Set<String>> references) {
		Map<String, Integer> parents = new LinkedHashMap<>();
		tables.forEach((table) -> parents.put(table, 0));
		references.values().forEach((children) -> children.forEach((child) -> parents.merge(child, 1, Integer::sum)));
		List<String> ordered = new ArrayList<>();
		Deque<String> ready = new ArrayDeque<>();
		parents.forEach((table, count) -> {
			if (count == 0) {
				ready.add(table);
			}
		});
		while (ordered.size() < tables.size()) {
			if (ready.isEmpty()) {
				// a cycle: its tables follow in their order; a refill of them fails on a
				// key
				// and the clone is replaced instead
				tables.stream().filter((table) -> !ordered.contains(table)).forEach(ordered::add);
				break;
			}
			String table = ready.poll();
			ordered.add(table);
			for (String child : references.getOrDefault(table, Set.of())) {
				if (parents.merge(child, -1, Integer::sum) == 0) {
					ready.add(child);
				}
			}
		}
		return List.copyOf(ordered);
	}

	private static List<String> insertableColumns(Connection database, String table, Dialect dialect)
			throws SQLException {
		try (PreparedStatement statement = database.prepareStatement("SELECT attname FROM pg_attribute "
				+ "WHERE attrelid = ?::regclass AND attnum > 0 AND NOT attisdropped AND attgenerated = '' "
				+ "ORDER BY attnum")) {
			statement.setString(1, qualified(table, dialect));
			return PostgreSqlStructure.strings(statement);
		}
	}

	private static String qualified(String name, Dialect dialect) {
		return PostgreSqlStructure.qualified(name, dialect);
	}

	private static List<String> query(Connection database, String sql) throws SQLException {
		try (PreparedStatement statement = database.prepareStatement(sql)) {
			return PostgreSqlStructure.strings(statement);
		}
	}

	/**
	 * A sequence's state, as {@code setval} takes it.
	 *
	 * @param lastValue its last value
	 * @param called whether that value was handed out
	 */
	record SequenceState(long lastValue, boolean called) {

	}

}
