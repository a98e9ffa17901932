package io.dbisolation.testsupport;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;

import org.junit.jupiter.api.Assumptions;

import io.dbisolation.server.DatabaseServer;
import io.dbisolation.server.EmbeddedMariaDb;
import io.dbisolation.test.DbIsolationException;

/**
 * The servers the integration tests run against: the embedded MariaDB (always, through
 * mysql-connector-j) and the MariaDB on 127.0.0.1:3306 (through the MariaDB driver) when
 * it is running.
 */
public final class TestServers {

	/** The local server's URL; override with -Ddbisolation.test.local-url. */
	public static final String LOCAL_URL = System.getProperty("dbisolation.test.local-url",
			"jdbc:mariadb://127.0.0.1:3306/test");

	private static DatabaseServer local;

	private TestServers() {
	}

	public static DatabaseServer embedded() {
		return EmbeddedMariaDb.obtain(Path.of(System.getProperty("user.home"), ".cache", "dbisolation"))
			.server("mysql");
	}

	/**
	 * The local server, or the test is skipped with the reason.
	 * @return the server on 127.0.0.1:3306
	 */
	public static synchronized DatabaseServer local() {
		if (local == null) {
			try {
				local = DatabaseServer.configured(LOCAL_URL, System.getProperty("dbisolation.test.local-user", "root"),
						System.getProperty("dbisolation.test.local-password", ""));
			}
			catch (DbIsolationException ex) {
				Assumptions
					.abort("No MariaDB at '" + LOCAL_URL + "' (" + ex.getMessage() + "); start it to run these tests");
			}
		}
		return local;
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
