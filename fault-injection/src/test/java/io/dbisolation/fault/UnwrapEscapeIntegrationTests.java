package io.dbisolation.fault;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;

import javax.sql.DataSource;

import com.mysql.cj.jdbc.JdbcConnection;
import com.mysql.cj.jdbc.JdbcStatement;
import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;

import io.dbisolation.fault.app.FaultApplication;
import io.dbisolation.fault.support.ChildJvmOnly;
import io.dbisolation.fault.support.DisposableMariaDb;
import io.dbisolation.fault.support.Fork;
import io.dbisolation.fault.support.ForkResult;
import io.dbisolation.fault.support.TestOutcome;
import io.dbisolation.test.DbIsolation;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Ways to reach a raw pool or connection from what DbIsolation hands out (issue 7, item
 * 5), each used to INSERT and commit inside a rolled-back test: the next test sees no
 * extra row. DbIsolation may instead refuse the escape, with a message that names itself.
 * All cases run in one child JVM, each class with a context and schema of its own.
 */
class UnwrapEscapeIntegrationTests {

	@TempDir
	static Path work;

	private static ForkResult result;

	@BeforeAll
	static void runEveryEscapeInOneChild() {
		Class<?>[] cases = Arrays.stream(Escape.values()).map(Escape::testClass).toArray(Class<?>[]::new);
		try (DisposableMariaDb server = DisposableMariaDb.start();
				Fork fork = Fork.start("escapes", work, server.dataSourceProperties(server.url("app")), cases)) {
			result = fork.await(Fork.TIMEOUT);
		}
	}

	@ParameterizedTest(name = "{0}")
	@EnumSource(Escape.class)
	void escapeCommitsNothingOrIsRefusedWithAMessage(Escape escape) {
		TestOutcome escaping = result.outcome(escape.testClass(), "insertsAndCommitsThroughTheEscape");
		if (escaping.failed()) {
			assertThat(escaping.messages()).as("the refusal of %s", escape).containsIgnoringCase("DbIsolation");
		}
		TestOutcome next = result.outcome(escape.testClass(), "nextTestSeesOnlyTheSeedRows");
		assertThat(next.passed()).as("after %s: %s", escape, next).isTrue();
	}

	/**
	 * The escapes, each with the test class that uses it.
	 */
	enum Escape {

		/** dataSource.unwrap(HikariDataSource.class). */
		DATA_SOURCE_UNWRAP("dataSource.unwrap(HikariDataSource.class)", DataSourceUnwrap.class) {
			@Override
			void insertAndCommitThrough(DataSource dataSource) throws SQLException {
				try (Connection raw = dataSource.unwrap(HikariDataSource.class).getConnection()) {
					insertAndCommit(raw);
				}
			}
		},

		/** connection.unwrap(JdbcConnection.class). */
		CONNECTION_UNWRAP("connection.unwrap(JdbcConnection.class)", ConnectionUnwrap.class) {
			@Override
			void insertAndCommitThrough(DataSource dataSource) throws SQLException {
				try (Connection connection = dataSource.getConnection()) {
					insertAndCommit(connection.unwrap(JdbcConnection.class));
				}
			}
		},

		/** resultSet.getStatement().getConnection(). */
		RESULT_SET_STATEMENT_CONNECTION("resultSet.getStatement().getConnection()",
				ResultSetStatementConnection.class) {
			@Override
			void insertAndCommitThrough(DataSource dataSource) throws SQLException {
				try (Connection connection = dataSource.getConnection();
						Statement statement = connection.createStatement();
						ResultSet result = statement.executeQuery("SELECT 1")) {
					insertAndCommit(result.getStatement().getConnection());
				}
			}
		},

		/** connection.getMetaData().getConnection(). */
		METADATA_CONNECTION("connection.getMetaData().getConnection()", MetaDataConnection.class) {
			@Override
			void insertAndCommitThrough(DataSource dataSource) throws SQLException {
				try (Connection connection = dataSource.getConnection()) {
					insertAndCommit(connection.getMetaData().getConnection());
				}
			}
		},

		/** statement.unwrap(JdbcStatement.class).getConnection(). */
		STATEMENT_UNWRAP("statement.unwrap(JdbcStatement.class).getConnection()", StatementUnwrap.class) {
			@Override
			void insertAndCommitThrough(DataSource dataSource) throws SQLException {
				try (Connection connection = dataSource.getConnection();
						Statement statement = connection.createStatement()) {
					insertAndCommit(statement.unwrap(JdbcStatement.class).getConnection());
				}
			}
		};

		private final String description;

		private final Class<?> testClass;

		Escape(String description, Class<?> testClass) {
			this.description = description;
			this.testClass = testClass;
		}

		abstract void insertAndCommitThrough(DataSource dataSource) throws SQLException;

		Class<?> testClass() {
			return this.testClass;
		}

		@Override
		public String toString() {
			return this.description;
		}

		private static void insertAndCommit(Connection connection) throws SQLException {
			try (Statement statement = connection.createStatement()) {
				statement.executeUpdate("INSERT INTO items (name) VALUES ('escaped')");
			}
			if (!connection.getAutoCommit()) {
				connection.commit();
			}
		}

	}

	/**
	 * Inserts and commits through one escape, then checks the table in the next test. Run
	 * in a child JVM.
	 */
	@DbIsolation
	@ChildJvmOnly
	@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
	abstract static class EscapeTest {

		@Autowired
		DataSource dataSource;

		@Autowired
		JdbcTemplate jdbc;

		@Value("${fault.escape}")
		Escape escape;

		@Test
		@Order(1)
		void insertsAndCommitsThroughTheEscape() throws SQLException {
			this.escape.insertAndCommitThrough(this.dataSource);
		}

		@Test
		@Order(2)
		void nextTestSeesOnlyTheSeedRows() {
			assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM items", Long.class))
				.isEqualTo(FaultApplication.SEED_ROWS);
		}

	}

	@SpringBootTest(classes = FaultApplication.class, properties = "fault.escape=DATA_SOURCE_UNWRAP")
	static class DataSourceUnwrap extends EscapeTest {

	}

	@SpringBootTest(classes = FaultApplication.class, properties = "fault.escape=CONNECTION_UNWRAP")
	static class ConnectionUnwrap extends EscapeTest {

	}

	@SpringBootTest(classes = FaultApplication.class, properties = "fault.escape=RESULT_SET_STATEMENT_CONNECTION")
	static class ResultSetStatementConnection extends EscapeTest {

	}

	@SpringBootTest(classes = FaultApplication.class, properties = "fault.escape=METADATA_CONNECTION")
	static class MetaDataConnection extends EscapeTest {

	}

	@SpringBootTest(classes = FaultApplication.class, properties = "fault.escape=STATEMENT_UNWRAP")
	static class StatementUnwrap extends EscapeTest {

	}

}
