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
 * The registry's record of templates on PostgreSQL, as on MySQL: when each was last used,
 * by which application, and which runs use it now, told by the advisory lock each user
 * holds (found in {@code pg_locks} by the key {@link PostgreSqlDialect#lockKey} gives its
 * name) and by the run's heartbeat.
 */
final class PostgreSqlTemplateRegistry {

	/**
	 * Whether the advisory lock of the name in column {@code lock_name} is held by any
	 * session of the maintenance database: the key is computed in SQL as in Java.
	 */
	private static final String LOCK_HELD = String.join(" ",
			"EXISTS (SELECT 1 FROM pg_locks l WHERE l.locktype = 'advisory' AND l.granted",
			"AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())",
			"AND ((l.classid::bigint << 32) | l.objid::bigint) = ('x' || substr(encode(sha256(convert_to(",
			"'dbisolation:' || lock_name, 'UTF8')), 'hex'), 1, 16))::bit(64)::bigint)");

	private PostgreSqlTemplateRegistry() {
	}

	static void create(Connection connection, String registry) throws SQLException {
		try (Statement statement = connection.createStatement()) {
			statement.execute("CREATE TABLE IF NOT EXISTS " + registry + ".templates ("
					+ "name VARCHAR(64) NOT NULL PRIMARY KEY, application VARCHAR(255) NOT NULL, "
					+ "last_used TIMESTAMP(3) NOT NULL)");
			statement.execute("CREATE TABLE IF NOT EXISTS " + registry + ".template_users ("
					+ "name VARCHAR(64) NOT NULL, run_id VARCHAR(16) NOT NULL, lock_name VARCHAR(64) NOT NULL, "
					+ "PRIMARY KEY (name, run_id))");
		}
	}

	static void recordUse(Connection connection, String registry, String template, String application, String runId,
			String lock) throws SQLException {
		try (PreparedStatement statement = connection.prepareStatement("INSERT INTO " + registry
				+ ".templates AS t (name, application, last_used) VALUES (?, ?, timezone('UTC', now())) "
				+ "ON CONFLICT (name) DO UPDATE SET application = CASE WHEN EXCLUDED.application = '' "
				+ "THEN t.application ELSE EXCLUDED.application END, last_used = EXCLUDED.last_used")) {
			statement.setString(1, template);
			statement.setString(2, application);
			statement.executeUpdate();
		}
		try (PreparedStatement statement = connection.prepareStatement("INSERT INTO " + registry
				+ ".template_users (name, run_id, lock_name) VALUES (?, ?, ?) ON CONFLICT DO NOTHING")) {
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
		try (PreparedStatement statement = connection.prepareStatement("SELECT s.name, COALESCE(t.application, ''), "
				+ "COALESCE(t.last_used, s.created_at) < timezone('UTC', now()) - make_interval(secs => ?) FROM "
				+ registry + ".created_schemas s LEFT JOIN " + registry + ".templates t ON t.name = s.name "
				+ "WHERE s.kind = ? ORDER BY COALESCE(t.last_used, s.created_at) DESC, s.name")) {
			statement.setDouble(1, maxAgeSeconds);
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
		try (PreparedStatement statement = connection.prepareStatement("SELECT count(*) FROM " + registry
				+ ".template_users u LEFT JOIN " + registry + ".runs r ON r.run_id = u.run_id WHERE u.name = ? AND ("
				+ LOCK_HELD + " OR r.last_seen >= timezone('UTC', now()) - make_interval(secs => ?))")) {
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

	static void forgetGoneUsers(Connection connection, String registry) throws SQLException {
		try (Statement statement = connection.createStatement()) {
			statement.executeUpdate("DELETE FROM " + registry + ".template_users WHERE run_id NOT IN (SELECT run_id "
					+ "FROM " + registry + ".runs) AND NOT " + LOCK_HELD);
			statement.executeUpdate("DELETE FROM " + registry + ".templates WHERE name NOT IN (SELECT name FROM "
					+ registry + ".created_schemas)");
		}
	}

	/**
	 * What shapes what migrations create on PostgreSQL: the encoding and collation of new
	 * databases (those of {@code template1}).
	 */
	static String schemaDefaults(Connection connection) throws SQLException {
		try (Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery("SELECT pg_encoding_to_char(encoding), datcollate, datctype "
						+ "FROM pg_database WHERE datname = 'template1'")) {
			result.next();
			return "encoding=" + result.getString(1) + ";collate=" + result.getString(2) + ";ctype="
					+ result.getString(3);
		}
	}

}
