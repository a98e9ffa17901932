package io.dbisolation.datasource;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.util.ClassUtils;

import io.dbisolation.dialect.Dialect;
import io.dbisolation.dialect.JdbcUrl;

/**
 * The connections of one {@code SCHEMA_PER_TEST} test to its own database, on engines
 * where a connection reaches a database through its URL (PostgreSQL), so that the
 * application's pooled connections cannot be switched to it. For an application's Hikari
 * pool, a pool of the test's own with the same settings and the test's database in its
 * URL; for any other DataSource, connections opened one by one with DbIsolation's
 * account. When the test ends, every connection is closed, those still in use included,
 * so that no session is left on the database when it is recycled or dropped.
 */
final class TestDatabaseConnections implements AutoCloseable {

	private static final Log logger = LogFactory.getLog(TestDatabaseConnections.class);

	private static final boolean HIKARI_PRESENT = ClassUtils.isPresent("com.zaxxer.hikari.HikariDataSource",
			TestDatabaseConnections.class.getClassLoader());

	private final DataSource pool;

	private final Dialect.Connector connector;

	private final String database;

	private final List<Connection> opened = new CopyOnWriteArrayList<>();

	private TestDatabaseConnections(DataSource pool, Dialect.Connector connector, String database) {
		this.pool = pool;
		this.connector = connector;
		this.database = database;
	}

	/**
	 * The connections of a test to its database, for one of the application's
	 * DataSources.
	 * @param application the application's DataSource, whose settings are kept
	 * @param database the test's database
	 * @param connector opens connections to a database of the server with DbIsolation's
	 * account, for DataSources that are not Hikari pools
	 * @return the connections, none opened yet
	 */
	static TestDatabaseConnections of(DataSource application, String database, Dialect.Connector connector) {
		DataSource pool = (HIKARI_PRESENT) ? HikariCopy.of(application, database) : null;
		return new TestDatabaseConnections(pool, connector, database);
	}

	/**
	 * A connection to the test's database.
	 * @return a new or pooled connection, to be closed by the caller
	 * @throws SQLException on failure
	 */
	Connection getConnection() throws SQLException {
		if (this.pool != null) {
			return this.pool.getConnection();
		}
		Connection connection = this.connector.connect(this.database);
		this.opened.add(connection);
		this.opened.removeIf(TestDatabaseConnections::isClosed);
		return connection;
	}

	/**
	 * Closes every connection to the test's database, also those still in use.
	 */
	@Override
	public void close() {
		if (this.pool instanceof AutoCloseable closeable) {
			try {
				closeable.close();
			}
			catch (Exception ex) {
				logger.debug("Could not close the connections to '" + this.database + "'", ex);
			}
		}
		for (Connection connection : this.opened) {
			try {
				connection.close();
			}
			catch (SQLException ex) {
				logger.debug("Could not close a connection to '" + this.database + "'", ex);
			}
		}
		this.opened.clear();
	}

	private static boolean isClosed(Connection connection) {
		try {
			return connection.isClosed();
		}
		catch (SQLException ex) {
			return true;
		}
	}

	/**
	 * A Hikari pool with the application's settings on another database; only loaded
	 * where Hikari is present.
	 */
	static final class HikariCopy {

		private HikariCopy() {
		}

		static DataSource of(DataSource application, String database) {
			if (!(application instanceof HikariDataSource hikari) || hikari.getJdbcUrl() == null
					|| hikari.getDataSource() != null) {
				return null;
			}
			// started on its first connection: a test that does not connect opens none
			HikariDataSource config = new HikariDataSource();
			hikari.copyStateTo(config);
			config.setJdbcUrl(JdbcUrl.parse(hikari.getJdbcUrl()).withDatabase(database).value());
			config.setPoolName("dbisolation-" + database);
			// connections only as the test asks for them, and no metrics or MBeans that
			// would outlive the test's pool
			config.setMinimumIdle(0);
			config.setRegisterMbeans(false);
			if (config.getMetricRegistry() != null) {
				config.setMetricRegistry(null);
			}
			config.setMetricsTrackerFactory(null);
			config.setHealthCheckRegistry(null);
			return config;
		}

	}

}
