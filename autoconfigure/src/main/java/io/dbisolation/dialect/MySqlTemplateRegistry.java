package io.dbisolation.dialect;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The registry's record of templates on MySQL and MariaDB: when each was last used, by
 * which application, and which runs use it now. A run that uses a template holds a lock
 * of its own on it (named in its row), so a run that died is told from a live one by the
 * lock and by the run's heartbeat.
 */
final class MySqlTemplateRegistry {

	private MySqlTemplateRegistry() {
	}

	static void create(Statement statement, String registry) throws SQLException {
		statement.execute("CREATE TABLE IF NOT EXISTS " + registry + ".templates ("
				+ "name VARCHAR(64) NOT NULL PRIMARY KEY, application VARCHAR(255) NOT NULL, "
				+ "last_used DATETIME(3) NOT NULL) ENGINE = InnoDB");
		statement.execute("CREATE TABLE IF NOT EXISTS " + registry + ".template_users ("
				+ "name VARCHAR(64) NOT NULL, run_id VARCHAR(16) NOT NULL, lock_name VARCHAR(64) NOT NULL, "
				+ "PRIMARY KEY (name, run_id)) ENGINE = InnoDB");
	}

	static void recordUse(Connection connection, String registry, String template, String application, String runId,
			String lock) throws SQLException {
		try (PreparedStatement statement = connection.prepareStatement("INSERT INTO " + registry
				+ ".templates (name, application, last_used) VALUES (?, ?, UTC_TIMESTAMP(3)) ON DUPLICATE KEY UPDATE "
				+ "application = IF(? = '', application, ?), last_used = UTC_TIMESTAMP(3)")) {
			statement.setString(1, template);
			statement.setString(2, application);
			statement.setString(3, application);
			statement.setString(4, application);
			statement.executeUpdate();
		}
		try (PreparedStatement statement = connection.prepareStatement(
				"INSERT IGNORE INTO " + registry + ".template_users (name, run_id, lock_name) VALUES (?, ?, ?)")) {
			statement.setString(1, template);
			statement.setString(2, runId);
			statement.setString(3, lock);
			statement.executeUpdate();
		}
	}

	static List<String> unused(Connection connection, String registry, String kind, String application,
			long maxAgeSeconds, int keep) throws SQLException {
		List<String> unused = new ArrayList<>();
		Map<String, Integer> seen = new HashMap<>();
		// templates built before last use was recorded count from their creation
		try (PreparedStatement statement = connection.prepareStatement("SELECT s.name, COALESCE(t.application, ''), "
				+ "COALESCE(t.last_used, s.created_at) < UTC_TIMESTAMP() - INTERVAL ? SECOND FROM " + registry
				+ ".created_schemas s LEFT JOIN " + registry + ".templates t ON t.name = s.name WHERE s.kind = ? "
				+ "ORDER BY COALESCE(t.last_used, s.created_at) DESC, s.name")) {
			statement.setLong(1, maxAgeSeconds);
			statement.setString(2, kind);
			try (ResultSet result = statement.executeQuery()) {
				while (result.next()) {
					String owner = result.getString(2);
					int newer = seen.merge(owner, 1, Integer::sum) - 1;
					boolean beyondBound = !application.isEmpty() && owner.equals(application) && newer >= keep;
					if (result.getBoolean(3) || beyondBound) {
						unused.add(result.getString(1));
					}
				}
			}
		}
		return unused;
	}

	static boolean inUse(Connection connection, String registry, String template, int silentSeconds)
			throws SQLException {
		try (PreparedStatement statement = connection.prepareStatement("SELECT COUNT(*) FROM " + registry
				+ ".template_users u LEFT JOIN " + registry + ".runs r ON r.run_id = u.run_id WHERE u.name = ? AND "
				+ "(IS_USED_LOCK(u.lock_name) IS NOT NULL OR r.last_seen >= UTC_TIMESTAMP() - INTERVAL ? SECOND)")) {
			statement.setString(1, template);
			statement.setInt(2, silentSeconds);
			try (ResultSet result = statement.executeQuery()) {
				return result.next() && result.getInt(1) > 0;
			}
		}
	}

	static void forget(Connection connection, String registry, String template) throws SQLException {
		for (String table : List.of("template_users", "templates")) {
			try (PreparedStatement statement = connection
				.prepareStatement("DELETE FROM " + registry + "." + table + " WHERE name = ?")) {
				statement.setString(1, template);
				statement.executeUpdate();
			}
		}
	}

	/**
	 * Removes the use rows of runs that are gone (no heartbeat, lock free) and the
	 * records of templates the registry no longer lists (dropped by hand).
	 */
	static void forgetGoneUsers(Connection connection, String registry) throws SQLException {
		try (Statement statement = connection.createStatement()) {
			statement
				.executeUpdate("DELETE FROM " + registry + ".template_users WHERE run_id NOT IN (SELECT run_id FROM "
						+ registry + ".runs) AND IS_USED_LOCK(lock_name) IS NULL");
			statement.executeUpdate("DELETE FROM " + registry + ".templates WHERE name NOT IN (SELECT name FROM "
					+ registry + ".created_schemas)");
		}
	}

	static String schemaDefaults(Connection connection) throws SQLException {
		try (Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery("SELECT @@character_set_server, @@collation_server, "
						+ "@@sql_mode, @@lower_case_table_names, @@explicit_defaults_for_timestamp")) {
			result.next();
			return "character_set_server=" + result.getString(1) + ";collation_server=" + result.getString(2)
					+ ";sql_mode=" + result.getString(3) + ";lower_case_table_names=" + result.getString(4)
					+ ";explicit_defaults_for_timestamp=" + result.getString(5);
		}
	}

}
