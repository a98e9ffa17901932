package io.dbisolation.server;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

import io.dbisolation.dialect.Dialect;
import io.dbisolation.dialect.JdbcUrl;
import io.dbisolation.test.DbIsolationException;

/**
 * A database server that DbIsolation creates schemas on: where it is, who to connect as,
 * and which dialect it speaks.
 */
public final class DatabaseServer {

	/** ER_ACCESS_DENIED_ERROR, on MySQL and MariaDB alike. */
	private static final int ACCESS_DENIED = 1045;

	private final JdbcUrl url;

	private final String username;

	private final String password;

	private final boolean embedded;

	private final Dialect dialect;

	private final String engineVersion;

	private final int maxConnections;

	/** The database that a connection to no schema in particular names. */
	private final String maintenance;

	private DatabaseServer(JdbcUrl url, String username, String password, boolean embedded) {
		this.url = url;
		this.maintenance = Dialect.maintenanceDatabase(url);
		this.username = username;
		this.password = password;
		this.embedded = embedded;
		try (Connection connection = connect("")) {
			this.dialect = Dialect.of(connection, this::connect);
			this.engineVersion = this.dialect.engine() + " " + connection.getMetaData().getDatabaseProductVersion();
			this.maxConnections = this.dialect.maxConnections(connection);
		}
		catch (SQLException ex) {
			// ER_CON_COUNT_ERROR: before the dialect is known, MySQL and MariaDB say so
			// alike
			String failed = "Could not connect to the database server '" + url.withDatabase("") + "' as '" + username
					+ "': ";
			if (ex.getErrorCode() == 1040) {
				throw new DbIsolationException(
						failed + "the server accepts no more connections (" + ex.getMessage() + "; SQLState "
								+ ex.getSQLState() + ", vendor code 1040).",
						"Lower 'dbisolation.connection-budget' (how many connections test contexts may hold on the "
								+ "server, its max_connections less 10 by default), stop what else holds connections, or "
								+ "raise the server's max_connections.",
						ex);
			}
			String action = (ex.getErrorCode() == ACCESS_DENIED)
					? "Check 'spring.datasource.username' and 'spring.datasource.password', and that the server "
							+ "lets that user connect from this host, or remove 'spring.datasource.url' to use the "
							+ "embedded MariaDB."
					: "Check that the server is running and that 'spring.datasource.url', 'spring.datasource.username' "
							+ "and 'spring.datasource.password' are right, or remove 'spring.datasource.url' to use "
							+ "the embedded MariaDB.";
			throw new DbIsolationException(failed + ex.getMessage() + " (SQLState " + ex.getSQLState()
					+ ", vendor code " + ex.getErrorCode() + ").", action, ex);
		}
	}

	/**
	 * A server the user configured.
	 * @param url the configured JDBC URL
	 * @param username the user to connect as
	 * @param password the password, may be {@code null}
	 * @return the server, checked to be reachable
	 */
	public static DatabaseServer configured(String url, String username, String password) {
		return new DatabaseServer(JdbcUrl.parse(url), username, password, false);
	}

	static DatabaseServer embedded(JdbcUrl url, String username) {
		return new DatabaseServer(url, username, "", true);
	}

	/**
	 * Opens a connection to one schema of the server.
	 * @param schema the schema, or empty for none (on PostgreSQL, the maintenance
	 * database, where DbIsolation's locks and registry are)
	 * @return a new connection; the caller closes it
	 * @throws SQLException on failure
	 */
	public Connection connect(String schema) throws SQLException {
		Properties properties = new Properties();
		if (this.username != null) {
			properties.setProperty("user", this.username);
		}
		if (this.password != null) {
			properties.setProperty("password", this.password);
		}
		String database = schema.isEmpty() ? this.maintenance : schema;
		return DriverManager.getConnection(this.url.withDatabase(database).value(), properties);
	}

	/**
	 * The URL that connects to one schema of the server.
	 * @param schema the schema
	 * @return the URL
	 */
	public JdbcUrl url(String schema) {
		return this.url.withDatabase(schema);
	}

	public String username() {
		return this.username;
	}

	/**
	 * The password to connect with; never log it.
	 * @return the password, may be {@code null}
	 */
	public String password() {
		return this.password;
	}

	public boolean isEmbedded() {
		return this.embedded;
	}

	public Dialect dialect() {
		return this.dialect;
	}

	/**
	 * The engine and its version, as the server reports it.
	 * @return for example "MariaDB 11.4.5-MariaDB"
	 */
	public String engineVersion() {
		return this.engineVersion;
	}

	/**
	 * The most connections the server accepts at once, read when it was first reached.
	 * @return the server's max_connections
	 */
	public int maxConnections() {
		return this.maxConnections;
	}

	@Override
	public String toString() {
		return this.url.withDatabase("").toSafeString();
	}

}
