package io.dbisolation.datasource;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import javax.sql.DataSource;

import org.springframework.jdbc.datasource.DelegatingDataSource;

import io.dbisolation.dialect.Dialect;

/**
 * Wraps an application DataSource for isolation. Outside tests, every connection it hands
 * out points at the test context's private schema, whatever URL the DataSource was built
 * with. During a test, every connection, on any thread, is a lease on the test's one
 * pinned connection, and everything is rolled back when the test ends.
 */
public class IsolatingDataSource extends DelegatingDataSource {

	private final String schema;

	private volatile TestTransaction test;

	private final Map<String, String> testSchemas = new ConcurrentHashMap<>();

	private final InheritableThreadLocal<String> threadSchema = new InheritableThreadLocal<>();

	private volatile Function<String, Optional<String>> implicitCommits;

	/**
	 * Wraps a DataSource.
	 * @param target the application's DataSource
	 * @param schema the schema every connection points at, or {@code null} to keep the
	 * target's own
	 */
	public IsolatingDataSource(DataSource target, String schema) {
		super(target);
		this.schema = schema;
	}

	/**
	 * Starts routing every connection to one transaction that {@link #endTest()} rolls
	 * back.
	 * @param testName the test, for messages
	 * @param testClassName the test class, for messages
	 */
	public void beginTest(String testName, String testClassName) {
		this.test = new TestTransaction(obtainTargetDataSource(), this.schema, testName, testClassName);
	}

	/**
	 * Rolls back everything since {@link #beginTest}.
	 * @return what went wrong, such as a statement that committed implicitly; empty if
	 * the rollback covered everything
	 */
	public List<String> endTest() {
		TestTransaction ended = this.test;
		this.test = null;
		return (ended != null) ? ended.end() : List.of();
	}

	/**
	 * Starts routing connections to a schema of the test's own, where commits are real.
	 * Connections of the calling thread, and of threads it starts, go to that schema; so
	 * do those of any other thread while this is the only test running.
	 * @param testName the test
	 * @param schema the test's schema
	 */
	public void beginSchemaTest(String testName, String schema) {
		this.testSchemas.put(testName, schema);
		this.threadSchema.set(schema);
	}

	/**
	 * Stops routing connections to the test's schema.
	 * @param testName the test
	 */
	public void endSchemaTest(String testName) {
		this.testSchemas.remove(testName);
		this.threadSchema.remove();
	}

	@Override
	public Connection getConnection() throws SQLException {
		TestTransaction current = this.test;
		return (current != null) ? current.lease(this::implicitCommits)
				: pointAtSchema(super.getConnection(), currentSchema());
	}

	@Override
	public Connection getConnection(String username, String password) throws SQLException {
		TestTransaction current = this.test;
		return (current != null) ? current.lease(this::implicitCommits)
				: pointAtSchema(super.getConnection(username, password), currentSchema());
	}

	private String currentSchema() {
		String schema = this.threadSchema.get();
		if (schema != null && this.testSchemas.containsValue(schema)) {
			return schema;
		}
		if (this.testSchemas.size() == 1) {
			return this.testSchemas.values().iterator().next();
		}
		return this.schema;
	}

	private Function<String, Optional<String>> implicitCommits(Connection connection) {
		Function<String, Optional<String>> check = this.implicitCommits;
		if (check == null) {
			try {
				check = Dialect.of(connection)::implicitCommit;
			}
			catch (SQLException ex) {
				throw new IllegalStateException("Could not read the database's metadata", ex);
			}
			this.implicitCommits = check;
		}
		return check;
	}

	private Connection pointAtSchema(Connection connection, String schema) throws SQLException {
		// the catalog is tracked by the driver, so this costs a round trip only when the
		// connection points elsewhere
		if (schema != null && !schema.equals(connection.getCatalog())) {
			try {
				connection.setCatalog(schema);
			}
			catch (SQLException ex) {
				connection.close();
				throw ex;
			}
		}
		return connection;
	}

}
