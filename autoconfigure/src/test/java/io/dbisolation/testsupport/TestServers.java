package io.dbisolation.testsupport;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Assumptions;

import io.dbisolation.server.DatabaseServer;
import io.dbisolation.server.EmbeddedMariaDb;
import io.dbisolation.server.EmbeddedPostgres;
import io.dbisolation.test.DbIsolationException;

/**
 * The servers the integration tests run against: the embedded MariaDB (always, through
 * mysql-connector-j), the embedded PostgreSQL, and the MariaDB on 127.0.0.1:3306 (through
 * the MariaDB driver) and the PostgreSQL on 127.0.0.1:5432 when they are running.
 */
public final class TestServers {

	/** The local server's URL. */
	public static final String LOCAL_URL = "jdbc:mariadb://127.0.0.1:3306/test";

	/** The local PostgreSQL's URL. */
	public static final String POSTGRES_URL = "jdbc:postgresql://127.0.0.1:5432/postgres";

	private static DatabaseServer local;

	private static DatabaseServer postgres;

	private TestServers() {
	}

	public static DatabaseServer embedded() {
		return EmbeddedMariaDb.obtain(cacheDirectory()).server("mysql");
	}

	/**
	 * The embedded PostgreSQL, started or joined in the run's cache directory.
	 * @return the server
	 */
	public static DatabaseServer embeddedPostgres() {
		return EmbeddedPostgres.obtain(cacheDirectory()).server();
	}

	private static Path cacheDirectory() {
		// the same directory the test contexts use, when it is set for the whole run
		return Path.of(System.getProperty("dbisolation.embedded.cache-directory",
				Path.of(System.getProperty("user.home"), ".cache", "dbisolation").toString()));
	}

	/**
	 * The local server, or the test is skipped with the reason.
	 * @return the server on 127.0.0.1:3306
	 */
	public static synchronized DatabaseServer local() {
		if (local == null) {
			try {
				local = DatabaseServer.configured(LOCAL_URL, "root", "");
			}
			catch (DbIsolationException ex) {
				Assumptions
					.abort("No MariaDB at '" + LOCAL_URL + "' (" + ex.getMessage() + "); start it to run these tests");
			}
		}
		return local;
	}

	/**
	 * Empties the embedded server's shared database {@code test}, which holds whatever
	 * the last suite without private schemas left there.
	 */
	public static void resetEmbeddedSharedDatabase() {
		DatabaseServer server = embedded();
		try (Connection connection = server.connect("")) {
			server.dialect().dropSchema(connection, "test");
			server.dialect().createSchema(connection, "test");
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * The local PostgreSQL, or the test is skipped with the reason.
	 * @return the server on 127.0.0.1:5432
	 */
	public static synchronized DatabaseServer postgres() {
		if (postgres == null) {
			try {
				postgres = DatabaseServer.configured(POSTGRES_URL, "postgres", "");
			}
			catch (DbIsolationException ex) {
				Assumptions.abort("No PostgreSQL at '" + POSTGRES_URL + "' (" + ex.getMessage()
						+ "); start it to run these tests");
			}
		}
		return postgres;
	}

	/**
	 * Whether the local PostgreSQL runs, for {@code @EnabledIf}.
	 * @return {@code true} if 127.0.0.1:5432 answers
	 */
	public static boolean postgresAvailable() {
		try (Connection ignored = java.sql.DriverManager.getConnection(POSTGRES_URL, "postgres", "")) {
			return true;
		}
		catch (SQLException ex) {
			return false;
		}
	}

	/**
	 * Whether the local server runs, for {@code @EnabledIf}.
	 * @return {@code true} if 127.0.0.1:3306 answers
	 */
	public static boolean localAvailable() {
		try (Connection ignored = java.sql.DriverManager.getConnection(LOCAL_URL, "root", "")) {
			return true;
		}
		catch (SQLException ex) {
			return false;
		}
	}

	/**
	 * The first column of a query's rows.
	 * @param server the server
	 * @param schema the schema to query
	 * @param sql the query
	 * @return the values, as strings
	 * @throws SQLException on failure
	 */
	public static List<String> query(DatabaseServer server, String schema, String sql) throws SQLException {
		List<String> values = new ArrayList<>();
		try (Connection connection = server.connect(schema);
				Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery(sql)) {
			while (result.next()) {
				values.add(result.getString(1));
			}
		}
		return values;
	}

	/**
	 * Runs a statement in a schema.
	 * @param server the server
	 * @param schema the schema
	 * @param sql the statement
	 * @throws SQLException on failure
	 */
	public static void execute(DatabaseServer server, String schema, String sql) throws SQLException {
		try (Connection connection = server.connect(schema); Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
	}

	/**
	 * Whether a schema exists on a server.
	 * @param server the server
	 * @param schema the schema
	 * @return {@code true} if it exists
	 */
	public static boolean exists(DatabaseServer server, String schema) {
		try (Connection connection = server.connect("")) {
			return server.dialect().schemaExists(connection, schema);
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
