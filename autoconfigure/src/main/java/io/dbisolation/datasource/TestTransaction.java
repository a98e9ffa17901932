package io.dbisolation.datasource;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

import javax.sql.DataSource;

/**
 * The one database transaction of a running test. Every connection that the application
 * asks for during the test, on any thread, is a lease on this transaction's pinned
 * connection; access is serialised call by call, so a test thread that waits for a server
 * thread never deadlocks on it. It is open, then ending (no new work is let in, work
 * under way finishes), then ended: everything is rolled back and the pinned connection is
 * back in its pool, and whatever still holds a lease gets a clear error.
 */
final class TestTransaction {

	/** The savepoint that every test is rolled back to. */
	static final String START = "dbiso_test";

	private static final String PROBE = "dbiso_probe";

	private static final String STATEMENT = "dbiso_statement";

	/**
	 * MySQL's and MariaDB's ER_LOCK_DEADLOCK: the server rolled back the whole
	 * transaction.
	 */
	private static final int DEADLOCK = 1213;

	enum State {

		OPEN, ENDING, ENDED

	}

	private final DataSource target;

	private final String schema;

	private final String testName;

	private final Function<Connection, StatementGuard> guards;

	private final ReentrantLock lock = new ReentrantLock();

	private final TestProblems problems;

	private volatile State state = State.OPEN;

	private StatementGuard guard;

	private Connection pinned;

	private String server;

	private Savepoint start;

	/**
	 * Counts the times the test's savepoint was set anew; older lease savepoints are
	 * gone.
	 */
	private int epoch;

	TestTransaction(DataSource target, String schema, String testName, String testClassName,
			Function<Connection, StatementGuard> guards) {
		this.target = target;
		this.schema = schema;
		this.testName = testName;
		this.guards = guards;
		this.problems = new TestProblems(testName, testClassName);
	}

	/**
	 * A connection for the application: a lease on the pinned connection, which is taken
	 * from the pool on first use.
	 * @return a lease, or {@code null} if the test is ending or has ended
	 * @throws SQLException if the pinned connection could not be opened
	 */
	Connection lease() throws SQLException {
		if (this.state != State.OPEN) {
			// without waiting for the lock, which the ending test holds while it rolls
			// back
			return null;
		}
		this.lock.lock();
		try {
			if (this.state != State.OPEN) {
				return null;
			}
			if (this.pinned == null) {
				pin();
			}
			return new LeasedConnection(this).proxy();
		}
		finally {
			this.lock.unlock();
		}
	}

	private void pin() throws SQLException {
		Connection connection = this.target.getConnection();
		try {
			if (this.schema != null && !this.schema.equals(connection.getCatalog())) {
				connection.setCatalog(this.schema);
			}
			this.guard = this.guards.apply(connection);
			this.server = TestProblems.serverOf(connection);
			connection.setAutoCommit(false);
			this.start = connection.setSavepoint(START);
			this.pinned = connection;
		}
		catch (SQLException | RuntimeException ex) {
			connection.close();
			throw ex;
		}
	}

	/**
	 * Runs a call on the pinned connection, holding the lock.
	 * @param call what to run
	 * @return what it returned
	 * @throws Throwable what it threw, or an exception if the test has ended
	 */
	<T> T call(JdbcCall<T> call) throws Throwable {
		this.lock.lock();
		try {
			requireOpen();
			return call.run();
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Runs a statement for a lease: starts the lease's transaction, and if the statement
	 * may commit while it runs, checks right after it that the test's transaction is
	 * still open, before anything else runs.
	 * @param lease the lease that runs it
	 * @param sql the statement, for messages
	 * @param mayCommit whether to check the transaction afterwards
	 * @param call what runs the statement
	 * @return what the statement returned
	 * @throws Throwable what it threw
	 */
	<T> T execute(LeasedConnection lease, String sql, boolean mayCommit, JdbcCall<T> call) throws Throwable {
		this.lock.lock();
		try {
			requireOpen();
			lease.beforeStatement();
			int before = this.epoch;
			Savepoint probe = mayCommit ? this.pinned.setSavepoint(PROBE) : null;
			// where an error aborts the transaction, a statement outside a transaction of
			// the application's must fail alone, as it would in auto-commit
			Savepoint statement = (this.guard.errorAbortsTransaction() && lease.isAutoCommit())
					? this.pinned.setSavepoint(STATEMENT) : null;
			try {
				T result = call.run();
				if (statement != null) {
					this.pinned.releaseSavepoint(statement);
				}
				return result;
			}
			catch (SQLException ex) {
				if (statement != null) {
					rollbackQuietly(statement, ex);
				}
				if (ex.getErrorCode() == DEADLOCK) {
					this.problems.deadlock(sql, ex);
					restart();
				}
				throw ex;
			}
			finally {
				if (probe != null && before == this.epoch) {
					checkStillOpen(probe, sql);
				}
			}
		}
		finally {
			this.lock.unlock();
		}
	}

	private void rollbackQuietly(Savepoint statement, SQLException failure) {
		try {
			this.pinned.rollback(statement);
			this.pinned.releaseSavepoint(statement);
		}
		catch (SQLException ex) {
			failure.addSuppressed(ex);
		}
	}

	private void checkStillOpen(Savepoint probe, String sql) throws SQLException {
		try {
			this.pinned.releaseSavepoint(probe);
		}
		catch (SQLException ex) {
			if (TestProblems.isConnectionLoss(ex, this.pinned)) {
				throw ex;
			}
			// the probe is gone only if the transaction ended while the statement ran
			this.problems.committedWhileRunning(sql);
			restart();
		}
	}

	/**
	 * Sets the test's savepoint again after the server ended the transaction, so that
	 * what the test does next is still rolled back.
	 */
	private void restart() throws SQLException {
		this.start = this.pinned.setSavepoint(START);
		this.epoch++;
	}

	/**
	 * Fails a statement that would commit implicitly, and remembers it to fail the test
	 * even if the code under test swallows the exception.
	 */
	void checkNotImplicitCommit(String sql) throws SQLException {
		requireOpen();
		Optional<String> statement = this.guard.implicitCommit().apply(sql);
		if (statement.isPresent()) {
			throw this.problems.implicitCommit(statement.get());
		}
	}

	StatementGuard guard() {
		return this.guard;
	}

	/**
	 * Whether a savepoint is one of DbIsolation's own, which the application must not
	 * release or roll back to.
	 */
	boolean isOwn(Savepoint savepoint) {
		if (savepoint == this.start) {
			return true;
		}
		try {
			return savepoint.getSavepointName().startsWith("dbiso_");
		}
		catch (SQLException ex) {
			// an unnamed savepoint has no name to compare; ours are all named
			return false;
		}
	}

	int epoch() {
		return this.epoch;
	}

	/**
	 * Fails if the test is ending or has ended.
	 * @throws SQLException naming the test and saying what to do
	 */
	void requireOpen() throws SQLException {
		if (this.state != State.OPEN) {
			throw new SQLException(TestProblems.ended("The connection of test '" + this.testName + "' was used"),
					"25000");
		}
	}

	boolean isOpen() {
		return this.state == State.OPEN;
	}

	String testName() {
		return this.testName;
	}

	ReentrantLock lock() {
		return this.lock;
	}

	Connection pinned() {
		return this.pinned;
	}

	/**
	 * Whether the test really committed something, which the rollback did not undo.
	 * @return {@code true} after a commit DbIsolation could not prevent
	 */
	boolean committed() {
		return this.problems.committed();
	}

	/**
	 * Rolls back everything the test did and returns the pinned connection to its pool.
	 * New work is refused from the moment this is called; work under way finishes first.
	 * @return what went wrong, empty if the test's transaction stayed intact
	 */
	List<String> end() {
		this.state = State.ENDING;
		this.lock.lock();
		try {
			if (this.pinned != null) {
				try {
					this.pinned.rollback(this.start);
				}
				catch (SQLException ex) {
					if (TestProblems.isConnectionLoss(ex, this.pinned)) {
						this.problems.connectionLost(this.server, ex);
					}
					else {
						this.problems.committedUnseen(ex);
					}
				}
				release();
			}
			return this.problems.violations();
		}
		finally {
			this.state = State.ENDED;
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
	 * A call on the pinned connection or one of its objects.
	 */
	@FunctionalInterface
	interface JdbcCall<T> {

		T run() throws Throwable;

	}

}
