package io.dbisolation.fault;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

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
import org.springframework.dao.DataAccessException;
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
 * Statements that end the test's transaction in hidden ways (issue 7, item 6, and more),
 * each issued in a rolled-back test after an INSERT by code that swallows any exception:
 * DbIsolation fails the test with its message, naming the test and the mode where commits
 * are real, and the next test of the class sees a clean schema. All cases run in one
 * child JVM, each class with a context and schema of its own.
 */
class ImplicitCommitIntegrationTests {

	@TempDir
	static Path work;

	private static ForkResult result;

	@BeforeAll
	static void runEveryStatementInOneChild() {
		Class<?>[] cases = Arrays.stream(HiddenCommit.values()).map(HiddenCommit::testClass).toArray(Class<?>[]::new);
		try (DisposableMariaDb server = DisposableMariaDb.start()) {
			Map<String, String> properties = new HashMap<>(
					server.dataSourceProperties(server.url("app") + "?allowMultiQueries=true"));
			try (Fork fork = Fork.start("statements", work, properties, cases)) {
				result = fork.await(Fork.TIMEOUT);
			}
		}
	}

	@ParameterizedTest(name = "{0}")
	@EnumSource(HiddenCommit.class)
	void statementFailsTheTestWithDbIsolationsMessage(HiddenCommit statement) {
		TestOutcome issued = result.outcome(statement.testClass(), "issuesTheStatementAfterAnInsert");
		String testName = statement.testClass().getName() + ".issuesTheStatementAfterAnInsert";
		assertThat(issued.failed()).as("'%s' failed the test\n%s", statement.sql, result.describe()).isTrue();
		assertThat(issued.messages()).as("'%s'", statement.sql)
			.contains("test '" + testName + "'")
			.contains("SCHEMA_PER_TEST");
	}

	@ParameterizedTest(name = "{0}")
	@EnumSource(HiddenCommit.class)
	void nextTestSeesACleanSchema(HiddenCommit statement) {
		TestOutcome next = result.outcome(statement.testClass(), "nextTestSeesACleanSchema");
		assertThat(next.passed()).as("after '%s': %s", statement.sql, next).isTrue();
	}

	/**
	 * The statements, each with the test class that issues it.
	 */
	enum HiddenCommit {

		/** versioned create table. */
		VERSIONED_CREATE_TABLE("/*!50000 CREATE TABLE t (id INT) */", VersionedCreateTable.class),

		/** commented create table. */
		COMMENTED_CREATE_TABLE("CREATE /*c*/ TABLE t (id INT)", CommentedCreateTable.class),

		/** insert then commit. */
		INSERT_THEN_COMMIT("INSERT INTO items (name) VALUES ('second'); COMMIT", InsertThenCommit.class),

		/** set local autocommit. */
		SET_LOCAL_AUTOCOMMIT("SET LOCAL autocommit=1", SetLocalAutocommit.class),

		/** versioned set autocommit. */
		VERSIONED_SET_AUTOCOMMIT("/*!40101 SET autocommit=1 */", VersionedSetAutocommit.class),

		/** xa start. */
		XA_START("XA START 'x'", XaStart.class),

		/** release savepoint. */
		RELEASE_SAVEPOINT("RELEASE SAVEPOINT dbiso_test", ReleaseSavepoint.class),

		/** call committing procedure. */
		CALL_COMMITTING_PROCEDURE("CALL commit_now()", CallCommittingProcedure.class),

		/** autocommit in second assignment. */
		AUTOCOMMIT_IN_SECOND_ASSIGNMENT("SET @x = 1, autocommit = 1", AutocommitInSecondAssignment.class),

		/** local variable autocommit. */
		LOCAL_VARIABLE_AUTOCOMMIT("SET @@local.autocommit = 1", LocalVariableAutocommit.class),

		/** execute immediate. */
		EXECUTE_IMMEDIATE("EXECUTE IMMEDIATE 'CREATE TABLE t (id INT)'", ExecuteImmediate.class),

		/** anonymous block. */
		ANONYMOUS_BLOCK("BEGIN NOT ATOMIC COMMIT; END", AnonymousBlock.class);

		private final String sql;

		private final Class<?> testClass;

		HiddenCommit(String sql, Class<?> testClass) {
			this.sql = sql;
			this.testClass = testClass;
		}

		Class<?> testClass() {
			return this.testClass;
		}

		@Override
		public String toString() {
			return this.sql;
		}

	}

	/**
	 * Issues one statement after an INSERT, then checks the schema in the next test. Run
	 * in a child JVM.
	 */
	@DbIsolation
	@ChildJvmOnly
	@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
	abstract static class StatementTest {

		@Autowired
		JdbcTemplate jdbc;

		@Value("${fault.statement}")
		HiddenCommit statement;

		@Test
		@Order(1)
		void issuesTheStatementAfterAnInsert() {
			this.jdbc.update("INSERT INTO items (name) VALUES ('first')");
			try {
				this.jdbc.execute(this.statement.sql);
			}
			catch (DataAccessException ignored) {
				// code under test that swallows the failure must not hide it
			}
		}

		@Test
		@Order(2)
		void nextTestSeesACleanSchema() {
			assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM items", Long.class))
				.isEqualTo(FaultApplication.SEED_ROWS);
			assertThat(this.jdbc.queryForList(
					"SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 't'",
					String.class))
				.isEmpty();
		}

	}

	@SpringBootTest(classes = FaultApplication.class, properties = "fault.statement=VERSIONED_CREATE_TABLE")
	static class VersionedCreateTable extends StatementTest {

	}

	@SpringBootTest(classes = FaultApplication.class, properties = "fault.statement=COMMENTED_CREATE_TABLE")
	static class CommentedCreateTable extends StatementTest {

	}

	@SpringBootTest(classes = FaultApplication.class, properties = "fault.statement=INSERT_THEN_COMMIT")
	static class InsertThenCommit extends StatementTest {

	}

	@SpringBootTest(classes = FaultApplication.class, properties = "fault.statement=SET_LOCAL_AUTOCOMMIT")
	static class SetLocalAutocommit extends StatementTest {

	}

	@SpringBootTest(classes = FaultApplication.class, properties = "fault.statement=VERSIONED_SET_AUTOCOMMIT")
	static class VersionedSetAutocommit extends StatementTest {

	}

	@SpringBootTest(classes = FaultApplication.class, properties = "fault.statement=XA_START")
	static class XaStart extends StatementTest {

	}

	@SpringBootTest(classes = FaultApplication.class, properties = "fault.statement=RELEASE_SAVEPOINT")
	static class ReleaseSavepoint extends StatementTest {

	}

	@SpringBootTest(classes = FaultApplication.class, properties = "fault.statement=CALL_COMMITTING_PROCEDURE")
	static class CallCommittingProcedure extends StatementTest {

	}

	@SpringBootTest(classes = FaultApplication.class, properties = "fault.statement=AUTOCOMMIT_IN_SECOND_ASSIGNMENT")
	static class AutocommitInSecondAssignment extends StatementTest {

	}

	@SpringBootTest(classes = FaultApplication.class, properties = "fault.statement=LOCAL_VARIABLE_AUTOCOMMIT")
	static class LocalVariableAutocommit extends StatementTest {

	}

	@SpringBootTest(classes = FaultApplication.class, properties = "fault.statement=EXECUTE_IMMEDIATE")
	static class ExecuteImmediate extends StatementTest {

	}

	@SpringBootTest(classes = FaultApplication.class, properties = "fault.statement=ANONYMOUS_BLOCK")
	static class AnonymousBlock extends StatementTest {

	}

}
