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

/**
 * Replays a captured MySQL or MariaDB schema into another schema on the same server, and
 * gives a used clone its template's content back. Every statement that names the source
 * schema (a view's tables, a trigger's or routine's body, a column default's
 * {@code nextval}) is made to name the target instead.
 */
final class MySqlReplay {

	private final MySqlDialect dialect;

	private final Connection connection;

	private final SchemaSnapshot snapshot;

	private final String target;

	MySqlReplay(MySqlDialect dialect, Connection connection, SchemaSnapshot snapshot, String target) {
		this.dialect = dialect;
		this.connection = connection;
		this.snapshot = snapshot;
		this.target = target;
	}

	void restore() throws SQLException {
		String previousCatalog = this.connection.getCatalog();
		this.connection.setCatalog(this.target);
		try (Statement statement = this.connection.createStatement()) {
			statement.execute("SET FOREIGN_KEY_CHECKS = 0");
			try {
				for (String ddl : this.snapshot.tables()) {
					statement.execute(retarget(ddl));
				}
				createViews(statement);
				for (Map.Entry<String, List<String>> table : this.snapshot.rowsToCopy().entrySet()) {
					copyRows(statement, table.getKey(), table.getValue());
				}
				for (String ddl : this.snapshot.afterData()) {
					statement.execute(retarget(ddl));
				}
			}
			finally {
				statement.execute("SET FOREIGN_KEY_CHECKS = 1");
			}
		}
		finally {
			if (previousCatalog != null && !previousCatalog.isEmpty()) {
				this.connection.setCatalog(previousCatalog);
			}
		}
	}

	/**
	 * Refills the given tables, puts every sequence back to the template's state (using
	 * one advances it without changing its row until its cache runs out, so it is always
	 * put back) and every AUTO_INCREMENT counter that moved.
	 */
	void restoreRows(List<String> tables) throws SQLException {
		try (Statement statement = this.connection.createStatement()) {
			statement.execute("SET FOREIGN_KEY_CHECKS = 0");
			try {
				for (String table : tables) {
					// TRUNCATE also resets AUTO_INCREMENT, as in a fresh clone
					statement.execute("TRUNCATE TABLE " + qualified(this.target, table));
					List<String> columns = this.snapshot.rowsToCopy().get(table);
					if (columns != null) {
						copyRows(statement, table, columns);
					}
				}
				for (String sequence : this.snapshot.sequenceNames()) {
					// inserting a sequence's row replaces its state and empties its cache
					copyRows(statement, sequence, this.snapshot.rowsToCopy().get(sequence));
				}
			}
			finally {
				statement.execute("SET FOREIGN_KEY_CHECKS = 1");
			}
			restoreCounters(statement);
		}
	}

	/**
	 * Gives each table the template's next AUTO_INCREMENT value. A refill leaves the
	 * counter after the highest copied id, and rows inserted and deleted again leave the
	 * rows alike but the counter advanced; in a fresh clone it is the template's.
	 * Lowering it with {@code ALTER TABLE} is allowed down to the highest id in use.
	 */
	private void restoreCounters(Statement statement) throws SQLException {
		this.dialect.readCurrentStatistics(statement);
		Map<String, Long> counters = new LinkedHashMap<>();
		try (PreparedStatement changed = this.connection.prepareStatement("SELECT s.TABLE_NAME, s.AUTO_INCREMENT "
				+ "FROM information_schema.TABLES s JOIN information_schema.TABLES t ON t.TABLE_NAME = s.TABLE_NAME "
				+ "WHERE s.TABLE_SCHEMA = ? AND t.TABLE_SCHEMA = ? AND s.AUTO_INCREMENT IS NOT NULL "
				+ "AND NOT (s.AUTO_INCREMENT <=> t.AUTO_INCREMENT)")) {
			changed.setString(1, this.snapshot.source());
			changed.setString(2, this.target);
			try (ResultSet result = changed.executeQuery()) {
				while (result.next()) {
					counters.put(result.getString(1), result.getLong(2));
				}
			}
		}
		for (Map.Entry<String, Long> counter : counters.entrySet()) {
			statement.execute("ALTER TABLE " + qualified(this.target, counter.getKey()) + " AUTO_INCREMENT = "
					+ counter.getValue());
		}
	}

	/**
	 * Views may select from each other; create those whose dependencies exist, and repeat
	 * until all are created or a round makes no progress.
	 */
	private void createViews(Statement statement) throws SQLException {
		List<String> pending = new ArrayList<>(this.snapshot.views());
		while (!pending.isEmpty()) {
			List<String> failed = new ArrayList<>();
			SQLException lastFailure = null;
			for (String ddl : pending) {
				try {
					statement.execute(retarget(ddl));
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

	private void copyRows(Statement statement, String table, List<String> columns) throws SQLException {
		String list = String.join(", ", columns.stream().map(this.dialect::quote).toList());
		statement.execute("INSERT INTO " + qualified(this.target, table) + " (" + list + ") SELECT " + list + " FROM "
				+ qualified(this.snapshot.source(), table));
	}

	private String retarget(String ddl) {
		return ddl.replace(this.dialect.quote(this.snapshot.source()) + ".", this.dialect.quote(this.target) + ".");
	}

	private String qualified(String schema, String name) {
		return this.dialect.quote(schema) + "." + this.dialect.quote(name);
	}

}
