package io.dbisolation.datasource;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

import org.springframework.jdbc.datasource.DriverManagerDataSource;

import io.dbisolation.dialect.Dialect;
import io.dbisolation.server.DatabaseServer;
import io.dbisolation.testsupport.TestServers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A test's transaction on the PostgreSQL at 127.0.0.1:5432, where a failed statement
 * aborts the transaction until it is rolled back and DDL is transactional. Disabled when
 * no server runs there.
 */
@EnabledIf(value = "io.dbisolation.testsupport.TestServers#postgresAvailable",
		disabledReason = "no PostgreSQL on 127.0.0.1:5432")
class PostgreSqlTestTransactionIntegrationTests {

	private static final String DATABASE = "dbisolation_pg_transaction_test";

	private DatabaseServer server;

	private DataSource dataSource;

	@BeforeEach
	void createTable() throws SQLException {
		this.server = TestServers.postgres();
		TestServers.execute(this.server, "", "DROP DATABASE IF EXISTS " + DATABASE);
		TestServers.execute(this.server, "", "CREATE DATABASE " + DATABASE);
		TestServers.execute(this.server, DATABASE, "CREATE TABLE items (id INT PRIMARY KEY, v INT)");
		TestServers.execute(this.server, DATABASE, "INSERT INTO items VALUES (10, 0), (20, 0)");
		this.dataSource = new DriverManagerDataSource(this.server.url(DATABASE).value(), this.server.username(),
				this.server.password());
	}

	@AfterEach
	void dropDatabase() throws SQLException {
		TestServers.execute(this.server, "", "DROP DATABASE IF EXISTS " + DATABASE);
	}

	@Test
	void failedStatementInAutoCommitFailsAloneAndTheTestGoesOn() throws SQLException {
		TestTransaction transaction = transaction("ATest.duplicate");
		try (Connection connection = transaction.lease(); Statement statement = connection.createStatement()) {
			statement.executeUpdate("INSERT INTO items VALUES (1, 0)");
			assertThatExceptionOfType(SQLException.class)
				.isThrownBy(() -> statement.executeUpdate("INSERT INTO items VALUES (10, 0)"))
				.satisfies((ex) -> assertThat(ex.getSQLState()).isEqualTo("23505"));
			statement.executeUpdate("INSERT INTO items VALUES (2, 0)");
			assertThat(count(statement)).isEqualTo(4);
		}
		assertThat(transaction.end()).isEmpty();
		assertThat(TestServers.query(this.server, DATABASE, "SELECT id FROM items ORDER BY id")).containsExactly("10",
				"20");
	}

	@Test
	void applicationTransactionThatFailedIsAbortedUntilRolledBackAsWithoutDbIsolation() throws SQLException {
		TestTransaction transaction = transaction("ATest.ownTransaction");
		try (Connection connection = transaction.lease(); Statement statement = connection.createStatement()) {
			statement.executeUpdate("INSERT INTO items VALUES (1, 0)");
			connection.setAutoCommit(false);
			statement.executeUpdate("INSERT INTO items VALUES (2, 0)");
			assertThatExceptionOfType(SQLException.class)
				.isThrownBy(() -> statement.executeUpdate("INSERT INTO items VALUES (10, 0)"));
			// as on PostgreSQL itself: the transaction is aborted until it ends
			assertThatExceptionOfType(SQLException.class).isThrownBy(() -> count(statement))
				.satisfies((ex) -> assertThat(ex.getSQLState()).isEqualTo("25P02"));
			connection.rollback();
			assertThat(count(statement)).isEqualTo(3);
			statement.executeUpdate("INSERT INTO items VALUES (3, 0)");
			assertThatExceptionOfType(SQLException.class)
				.isThrownBy(() -> statement.executeUpdate("INSERT INTO items VALUES (20, 0)"));
			// a commit of a failed transaction rolls it back and says so
			assertThatExceptionOfType(SQLException.class).isThrownBy(connection::commit)
				.withMessageStartingWith("The transaction failed earlier, so the database rolled it back");
			assertThat(count(statement)).isEqualTo(3);
		}
		assertThat(transaction.end()).isEmpty();
		assertThat(TestServers.query(this.server, DATABASE, "SELECT count(*) FROM items")).containsExactly("2");
	}

	@Test
	void ddlInATestIsRolledBack() throws SQLException {
		TestTransaction transaction = transaction("ATest.ddl");
		try (Connection connection = transaction.lease(); Statement statement = connection.createStatement()) {
			statement.execute("ALTER TABLE items ADD COLUMN note TEXT");
			statement.execute("CREATE TABLE extra (id INT)");
			statement.execute("TRUNCATE items");
			assertThat(count(statement)).isZero();
		}
		assertThat(transaction.end()).isEmpty();
		assertThat(TestServers.query(this.server, DATABASE, "SELECT count(*) FROM items")).containsExactly("2");
		assertThat(TestServers.query(this.server, DATABASE,
				"SELECT count(*) FROM information_schema.columns WHERE table_name = 'items' AND column_name = 'note'"))
			.containsExactly("0");
		assertThat(TestServers.query(this.server, DATABASE, "SELECT to_regclass('extra') IS NULL"))
			.containsExactly("t");
	}

	@Test
	void statementThatWouldCommitIsRefused() throws SQLException {
		TestTransaction transaction = transaction("ATest.commits");
		try (Connection connection = transaction.lease(); Statement statement = connection.createStatement()) {
			statement.executeUpdate("INSERT INTO items VALUES (1, 0)");
			assertThatExceptionOfType(SQLException.class).isThrownBy(() -> statement.execute("COMMIT"))
				.withMessageStartingWith("Statement 'COMMIT' in test 'ATest.commits' commits implicitly");
		}
		assertThat(transaction.end()).singleElement().asString().startsWith("Statement 'COMMIT' in test");
		assertThat(TestServers.query(this.server, DATABASE, "SELECT count(*) FROM items")).containsExactly("2");
	}

	private static int count(Statement statement) throws SQLException {
		try (var result = statement.executeQuery("SELECT count(*) FROM items")) {
			result.next();
			return result.getInt(1);
		}
	}

	private TestTransaction transaction(String testName) {
		return new TestTransaction(this.dataSource, DATABASE, testName, testName.substring(0, testName.indexOf('.')),
				(connection) -> {
					try {
						return StatementGuard.of(Dialect.of(connection));
					}
					catch (SQLException ex) {
						throw new IllegalStateException(ex);
					}
				});
	}

}
