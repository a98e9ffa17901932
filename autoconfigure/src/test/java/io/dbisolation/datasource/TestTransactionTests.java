package io.dbisolation.datasource;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * A test's transaction: open, ending, ended, and what it reports when the server ended
 * the transaction or the connection behind its back. Checked against a fake driver.
 */
class TestTransactionTests {

	private static final String ENDED = "The connection of test 'ATest.works' was used after the test ended: work "
			+ "that outlives its test is not rolled back with it, so DbIsolation refuses it. Wait for that work in "
			+ "the test (join the thread, get the future) before the test ends.";

	private final FakeDatabase database = new FakeDatabase();

	private TestTransaction transaction;

	@BeforeEach
	void begin() {
		this.transaction = new TestTransaction(this.database.dataSource(), "dbiso_ctx", "ATest.works", "ATest",
				(connection) -> LeasedConnectionTests.GUARD);
	}

	@Test
	void leaseAfterTheEndNeverPinsAConnectionAgain() throws SQLException {
		this.transaction.lease().createStatement().executeQuery("SELECT 1");
		assertThat(this.transaction.end()).isEmpty();
		assertThat(this.transaction.lease()).isNull();
		assertThat(this.database.opened).hasValue(1);
		assertThat(this.database.closed).hasValue(1);
	}

	@Test
	void leaseUsedAfterTheEndFailsNamingTheTest() throws SQLException {
		Connection lease = this.transaction.lease();
		Statement statement = lease.createStatement();
		ResultSet resultSet = statement.executeQuery("SELECT 1");
		this.transaction.end();
		assertThatExceptionOfType(SQLException.class).isThrownBy(lease::createStatement).withMessage(ENDED);
		assertThatExceptionOfType(SQLException.class).isThrownBy(() -> statement.executeQuery("SELECT 1"))
			.withMessage(ENDED);
		assertThatExceptionOfType(SQLException.class).isThrownBy(resultSet::next).withMessage(ENDED);
		assertThatExceptionOfType(SQLException.class).isThrownBy(lease::commit).withMessage(ENDED);
		assertThat(lease.isClosed()).isTrue();
		assertThat(lease.isValid(1)).isFalse();
		assertThatNoException().isThrownBy(() -> {
			resultSet.close();
			statement.close();
			lease.close();
		});
	}

	@Test
	void endingLetsTheStatementUnderWayFinishAndRefusesNewLeases() throws Exception {
		Statement statement = this.transaction.lease().createStatement();
		this.database.executing = new CountDownLatch(1);
		this.database.release = new CountDownLatch(1);
		CompletableFuture<ResultSet> running = CompletableFuture.supplyAsync(() -> query(statement));
		assertThat(this.database.executing.await(10, TimeUnit.SECONDS)).isTrue();
		CompletableFuture<List<String>> ending = CompletableFuture.supplyAsync(this.transaction::end);
		awaitUntil(() -> !this.transaction.isOpen());
		assertThat(this.transaction.lease()).isNull();
		assertThat(ending).isNotDone();
		this.database.release.countDown();
		assertThat(running.get(10, TimeUnit.SECONDS)).isNotNull();
		assertThat(ending.get(10, TimeUnit.SECONDS)).isEmpty();
		assertThat(this.database.opened).hasValue(1);
		assertThat(this.database.closed).hasValue(1);
	}

	@Test
	void procedureThatCommitsIsCaughtRightAfterItRanAndLaterWorkIsStillRolledBack() throws SQLException {
		Statement statement = this.transaction.lease().createStatement();
		statement.executeUpdate("INSERT INTO colors VALUES (1, 'red')");
		statement.execute("CALL commits_a_color()");
		statement.executeUpdate("INSERT INTO colors VALUES (2, 'green')");
		assertThat(this.transaction.end()).containsExactly("Statement 'CALL commits_a_color()' in test "
				+ "'ATest.works' committed the test's transaction while it ran, so what the test wrote before it could "
				+ "not be rolled back. Use @DbIsolation(mode = SCHEMA_PER_TEST) on 'ATest', where commits are real.");
		assertThat(this.database.callsStartingWith("Connection.setSavepoint[dbiso_test]")).hasSize(2);
		assertThat(this.database.callsStartingWith("Connection.rollback["))
			.containsExactly("Connection.rollback[FakeSavepoint[name=dbiso_test]]", "Connection.rollback[]");
	}

	@Test
	void procedureThatDoesNotCommitLeavesTheTransactionAlone() throws SQLException {
		this.transaction.lease().createStatement().execute("CALL reads()");
		assertThat(this.transaction.end()).isEmpty();
		assertThat(this.database.callsStartingWith("Connection.setSavepoint[dbiso_test]")).hasSize(1);
		assertThat(this.database.callsStartingWith("Connection.releaseSavepoint"))
			.containsExactly("Connection.releaseSavepoint[FakeSavepoint[name=dbiso_probe]]");
	}

	@Test
	void deadlockVictimSeesTheServersErrorAndTheRestOfTheTestIsStillRolledBack() throws SQLException {
		this.database.failure = (sql) -> sql.contains("deadlock")
				? new SQLException("Deadlock found when trying to get lock; try restarting transaction", "40001", 1213)
				: null;
		Connection lease = this.transaction.lease();
		lease.setAutoCommit(false);
		Statement statement = lease.createStatement();
		statement.executeUpdate("INSERT INTO colors VALUES (1, 'red')");
		SQLException deadlock = org.junit.jupiter.api.Assertions.assertThrows(SQLException.class,
				() -> statement.executeUpdate("UPDATE deadlock SET x = 1"));
		assertThat(deadlock.getErrorCode()).isEqualTo(1213);
		assertThatNoException().isThrownBy(lease::rollback);
		statement.executeUpdate("INSERT INTO colors VALUES (2, 'green')");
		assertThat(this.transaction.end()).isEmpty();
		assertThat(this.database.callsStartingWith("Connection.setSavepoint[dbiso_test]")).hasSize(2);
	}

	@Test
	void lostConnectionIsReportedAsLostWithoutThePassword() throws SQLException {
		this.transaction.lease().createStatement().executeUpdate("INSERT INTO colors VALUES (1, 'red')");
		this.database.rollbackFailure = new SQLException("Communications link failure", "08S01");
		this.database.valid = false;
		assertThat(this.transaction.end()).containsExactly("The connection to "
				+ "'jdbc:mysql://127.0.0.1:3306?user=app&password=***' was lost during test 'ATest.works' "
				+ "(Communications link failure, SQLState 08S01, error 0). The server rolls back what was not "
				+ "committed when a connection drops; check that the server is running and reachable, and that its "
				+ "'wait_timeout' is longer than the test.");
	}

	@Test
	void savepointGoneWhileTheConnectionLivesIsACommitDbIsolationDidNotSee() throws SQLException {
		this.transaction.lease().createStatement().executeUpdate("INSERT INTO colors VALUES (1, 'red')");
		this.database.savepoints.clear();
		assertThat(this.transaction.end()).containsExactly("The transaction of test 'ATest.works' was committed by "
				+ "a statement DbIsolation did not see, so what the test wrote could not be rolled back (SAVEPOINT "
				+ "dbiso_test does not exist, SQLState 42000, error 1305). Use @DbIsolation(mode = SCHEMA_PER_TEST) "
				+ "on 'ATest', where commits are real.");
	}

	private static ResultSet query(Statement statement) {
		try {
			return statement.executeQuery("SELECT 1");
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

	static void awaitUntil(BooleanSupplier condition) {
		Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
		while (!condition.getAsBoolean()) {
			assertThat(Instant.now()).as("waited 10 s for a condition").isBefore(deadline);
			Thread.onSpinWait();
		}
	}

}
