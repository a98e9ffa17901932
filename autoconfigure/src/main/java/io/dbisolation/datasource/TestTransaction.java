package io.dbisolation.datasource;

import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

import javax.sql.DataSource;

/**
 * The one database transaction of a running test. Every connection that the application
 * asks for during the test, on any thread, is a lease on this transaction's pinned
 * connection; access is serialised call by call, so a test thread that waits for a server
 * thread never deadlocks on it. When the test ends, everything is rolled back.
 */
final class TestTransaction {

	private static final String START = "dbiso_test";

	private final DataSource target;

	private final String schema;

	private final String testName;

	private final String testClassName;

	private final ReentrantLock lock = new ReentrantLock();

	private final List<String> violations = new CopyOnWriteArrayList<>();

	private Function<String, Optional<String>> implicitCommits;

	private Connection pinned;

	private Savepoint start;

	TestTransaction(DataSource target, String schema, String testName, String testClassName) {
		this.target = target;
		this.schema = schema;
		this.testName = testName;
		this.testClassName = testClassName;
	}

	/**
	 * A connection for the application: a lease on the pinned connection, which is taken
	 * from the pool on first use.
	 * @param implicitCommitCheck names the statements that would commit implicitly
	 * @return a connection proxy whose commits and rollbacks are savepoint operations
	 * @throws SQLException if the pinned connection could not be opened
	 */
	Connection lease(Function<Connection, Function<String, Optional<String>>> implicitCommitCheck) throws SQLException {
		this.lock.lock();
		try {
			if (this.pinned == null) {
				pin(implicitCommitCheck);
			}
			return (Connection) Proxy.newProxyInstance(TestTransaction.class.getClassLoader(),
					new Class<?>[] { Connection.class }, new LeasedConnection(this));
		}
		finally {
			this.lock.unlock();
		}
	}

	private void pin(Function<Connection, Function<String, Optional<String>>> implicitCommitCheck) throws SQLException {
		Connection connection = this.target.getConnection();
		try {
			if (this.schema != null && !this.schema.equals(connection.getCatalog())) {
				connection.setCatalog(this.schema);
			}
			this.implicitCommits = implicitCommitCheck.apply(connection);
			connection.setAutoCommit(false);
			this.start = connection.setSavepoint(START);
			this.pinned = connection;
		}
		catch (SQLException ex) {
			connection.close();
			throw ex;
		}
	}

	/**
	 * Rolls back everything the test did and returns the pinned connection to its pool.
	 * @return what went wrong, empty if the test's transaction stayed intact
	 */
	List<String> end() {
		this.lock.lock();
		try {
			if (this.pinned != null) {
				try {
					this.pinned.rollback(this.start);
				}
				catch (SQLException ex) {
					// the savepoint is gone only if the transaction ended behind our back
					this.violations.add("The transaction of test '" + this.testName
							+ "' was committed by a statement DbIsolation did not see, so what the test wrote "
							+ "could not be rolled back (" + ex.getMessage() + "). Use @DbIsolation(mode = "
							+ "SCHEMA_PER_TEST) on '" + this.testClassName + "', where commits are real.");
				}
				release();
			}
			return List.copyOf(this.violations);
		}
		finally {
			this.lock.unlock();
		}
	}

	private void release() {
		try {
			this.pinned.rollback();
			this.pinned.setAutoCommit(true);
		}
		catch (SQLException ignored) {
			// the pool validates the connection before it hands it out again
		}
		finally {
			try {
				this.pinned.close();
			}
			catch (SQLException ignored) {
				// closing returns it to the pool; a failure leaves the pool to evict it
			}
			this.pinned = null;
		}
	}

	/**
	 * Fails a statement that would commit implicitly, and remembers it to fail the test
	 * even if the code under test swallows the exception.
	 */
	void checkNotImplicitCommit(String sql) throws SQLException {
		Optional<String> statement = this.implicitCommits.apply(sql);
		if (statement.isPresent()) {
			String message = "Statement '" + statement.get() + "' in test '" + this.testName
					+ "' commits implicitly, which would end the test's transaction, so DbIsolation could not roll "
					+ "the test back. Use @DbIsolation(mode = SCHEMA_PER_TEST) on '" + this.testClassName
					+ "', where commits are real.";
			this.violations.add(message);
			throw new SQLException(message, "25000");
		}
	}

	ReentrantLock lock() {
		return this.lock;
	}

	Connection pinned() {
		return this.pinned;
	}

}
