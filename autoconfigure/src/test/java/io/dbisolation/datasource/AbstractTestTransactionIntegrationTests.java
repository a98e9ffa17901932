package io.dbisolation.datasource;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.datasource.DriverManagerDataSource;

import io.dbisolation.dialect.Dialect;
import io.dbisolation.server.DatabaseServer;
import io.dbisolation.testsupport.TestServers;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a test's transaction does when the server ends it or drops its connection: a
 * procedure that commits, a deadlock, a killed connection. Runs on real servers; the
 * statement guard is the dialect's, except that it is told here that {@code CALL} may
 * commit.
 */
abstract class AbstractTestTransactionIntegrationTests {

	private static final String SCHEMA = "dbisolation_transaction_test";

	private DatabaseServer server;

	private DataSource dataSource;

	private final List<TestTransaction> transactions = new ArrayList<>();

	abstract DatabaseServer server();

	@BeforeEach
	void createTable() throws SQLException {
		this.server = server();
		TestServers.execute(this.server, "", "DROP DATABASE IF EXISTS " + SCHEMA);
		TestServers.execute(this.server, "", "CREATE DATABASE " + SCHEMA);
		TestServers.execute(this.server, SCHEMA, "CREATE TABLE items (id INT PRIMARY KEY, v INT) ENGINE = InnoDB");
		TestServers.execute(this.server, SCHEMA, "INSERT INTO items VALUES (10, 0), (20, 0)");
		TestServers.execute(this.server, SCHEMA,
				"CREATE PROCEDURE commits_an_item() BEGIN INSERT INTO items VALUES (90, 0); COMMIT; END");
		this.dataSource = new DriverManagerDataSource(this.server.url(SCHEMA).value(), this.server.username(),
				this.server.password());
	}

	@AfterEach
	void dropSchema() throws SQLException {
		// a test that failed half-way leaves transactions open, whose locks would make
		// the
		// drop wait for ever
		for (TestTransaction transaction : this.transactions) {
			try {
				transaction.end();
			}
			catch (RuntimeException ex) {
				// ended already, or its connection is gone
			}
		}
		for (String session : TestServers.query(this.server, "",
				"SELECT ID FROM information_schema.PROCESSLIST WHERE DB = '" + SCHEMA + "'")) {
			TestServers.execute(this.server, "", "KILL " + session);
		}
		TestServers.execute(this.server, "", "DROP DATABASE IF EXISTS " + SCHEMA);
	}

	@Test
	void procedureThatCommitsIsCaughtAndTheRestOfTheTestIsStillRolledBack() throws SQLException {
		TestTransaction transaction = transaction("ATest.calls");
		try (Statement statement = transaction.lease().createStatement()) {
			statement.executeUpdate("INSERT INTO items VALUES (1, 0)");
			statement.execute("CALL commits_an_item()");
			statement.executeUpdate("INSERT INTO items VALUES (2, 0)");
		}
		assertThat(transaction.end()).containsExactly("Statement 'CALL commits_an_item()' in test 'ATest.calls' "
				+ "committed the test's transaction while it ran, so what the test wrote before it could not be "
				+ "rolled back. Use @DbIsolation(mode = SCHEMA_PER_TEST) on 'ATest', where commits are real.");
		assertThat(ids()).containsExactly("1", "10", "20", "90");
	}

	@Test
	void deadlockVictimGetsTheServersErrorAndNothingIsBlamedOnACommit() throws Exception {
		TestTransaction first = transaction("ATest.first");
		TestTransaction second = transaction("BTest.second");
		Statement one = first.lease().createStatement();
		Statement two = second.lease().createStatement();
		one.executeUpdate("UPDATE items SET v = 1 WHERE id = 10");
		two.executeUpdate("UPDATE items SET v = 2 WHERE id = 20");
		CompletableFuture<Object> waiting = CompletableFuture.supplyAsync(() -> update(one, 20));
		TestTransactionTests.awaitUntil(this::aTransactionWaitsForALock);
		Object crossing = update(two, 10);
		Object waited = waiting.get(30, TimeUnit.SECONDS);
		List<Object> outcomes = List.of(waited, crossing);
		assertThat(outcomes).filteredOn(SQLException.class::isInstance)
			.singleElement()
			.extracting((failure) -> ((SQLException) failure).getErrorCode())
			.isEqualTo(1213);
		Statement victim = (waited instanceof SQLException) ? one : two;
		victim.executeUpdate("INSERT INTO items VALUES (3, 0)");
		assertThat(first.end()).isEmpty();
		assertThat(second.end()).isEmpty();
		assertThat(ids()).containsExactly("10", "20");
		assertThat(TestServers.query(this.server, SCHEMA, "SELECT SUM(v) FROM items")).containsExactly("0");
	}

	@Test
	void killedConnectionIsReportedAsLost() throws SQLException {
		TestTransaction transaction = transaction("ATest.works");
		String id;
		try (Statement statement = transaction.lease().createStatement()) {
			statement.executeUpdate("INSERT INTO items VALUES (1, 0)");
			var result = statement.executeQuery("SELECT CONNECTION_ID()");
			result.next();
			id = result.getString(1);
		}
		TestServers.execute(this.server, "", "KILL " + id);
		List<String> problems = transaction.end();
		assertThat(problems).singleElement()
			.asString()
			.startsWith("The connection to 'jdbc:")
			.contains("' was lost during test 'ATest.works' (")
			.endsWith("The server rolls back what was not committed when a connection drops; check that the server "
					+ "is running and reachable, and that its 'wait_timeout' is longer than the test.");
		assertThat(ids()).containsExactly("10", "20");
	}

	private TestTransaction transaction(String testName) {
		TestTransaction transaction = new TestTransaction(this.dataSource, SCHEMA, testName,
				testName.substring(0, testName.indexOf('.')), this::guard);
		this.transactions.add(transaction);
		return transaction;
	}

	private StatementGuard guard(Connection connection) {
		try {
			Dialect dialect = Dialect.of(connection);
			return new StatementGuard(dialect::implicitCommit, (sql) -> sql.startsWith("CALL"), dialect::writes);
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private boolean aTransactionWaitsForALock() {
		try {
			return TestServers
				.query(this.server, "",
						"SELECT COUNT(*) FROM information_schema.INNODB_TRX WHERE trx_state = 'LOCK WAIT'")
				.equals(List.of("1"));
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static Object update(Statement statement, int id) {
		try {
			return statement.executeUpdate("UPDATE items SET v = 3 WHERE id = " + id);
		}
		catch (SQLException ex) {
			return ex;
		}
	}

	private List<String> ids() throws SQLException {
		return TestServers.query(this.server, SCHEMA, "SELECT id FROM items ORDER BY id");
	}

}
