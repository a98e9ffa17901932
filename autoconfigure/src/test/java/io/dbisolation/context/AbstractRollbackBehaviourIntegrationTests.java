package io.dbisolation.context;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import javax.sql.DataSource;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.Commit;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import io.dbisolation.server.DatabaseServer;
import io.dbisolation.test.DbIsolation;
import io.dbisolation.test.DbIsolation.Mode;
import io.dbisolation.testapp.TestApplication;
import io.dbisolation.testsupport.TestServers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

/**
 * How rolled-back tests behave at the edges: statements that would commit, Spring's own
 * transaction annotations, tests running at the same time. Each case runs real test
 * classes through the JUnit engine and checks their outcome; subclasses say which
 * classes, so that every case runs on every server.
 */
abstract class AbstractRollbackBehaviourIntegrationTests {

	static final String MIGRATIONS = "spring.flyway.locations=classpath:db/testapp";

	abstract Class<?> truncating();

	abstract Class<?> unwrappingToTheDriver();

	abstract Class<?> callingAProcedureThatCommits();

	abstract Class<?> writingInBeforeAll();

	abstract Class<?> nextClassAfterWritingInBeforeAll();

	abstract Class<?> committing();

	abstract Class<?> springTransactional();

	abstract Class<?> transactionMode();

	abstract Class<?> sameKeyFirst();

	abstract Class<?> sameKeySecond();

	abstract Class<?> sameKeyOffFirst();

	abstract Class<?> sameKeyOffSecond();

	/**
	 * The server the test classes run on.
	 */
	abstract DatabaseServer server();

	/**
	 * Empties the database that contexts without private schemas share.
	 */
	abstract void resetSharedDatabase();

	@Test
	void statementThatCommitsImplicitlyFailsTheTestNamingItAndTheMode() {
		run(truncating()).assertThatEvents()
			.haveExactly(1,
					event(test("truncates"), finishedWithFailure(message("Statement 'TRUNCATE TABLE colors' in test '"
							+ truncating().getName() + ".truncates' commits "
							+ "implicitly, which would end the test's transaction, so DbIsolation could not roll the "
							+ "test back. Use @DbIsolation(mode = SCHEMA_PER_TEST) on '" + truncating().getName()
							+ "', where commits are real."))));
	}

	@Test
	void unwrappingAConnectionToTheDriversTypeIsRefused() {
		run(unwrappingToTheDriver()).assertThatEvents()
			.haveExactly(1, event(test("createsATableOnTheRawConnection"),
					finishedWithFailure(message("Cannot unwrap the Connection of test '"
							+ unwrappingToTheDriver().getName() + ".createsATableOnTheRawConnection' to "
							+ "'com.mysql.cj.jdbc.JdbcConnection': the driver's own object would escape the test's "
							+ "transaction, and what is done through it would not be rolled back. Use the "
							+ "'java.sql.Connection' interface, or use @DbIsolation(mode = SCHEMA_PER_TEST), where "
							+ "connections are real."))));
	}

	@Test
	void procedureThatCommitsFailsTheTestRightAfterItRanAndLaterWritesAreStillRolledBack() {
		Assumptions.assumeTrue(server().dialect().mayCommitWhileRunning("CALL commits_a_color()"),
				"the dialect does not yet say that CALL may commit");
		Class<?> testClass = callingAProcedureThatCommits();
		Events events = run(testClass);
		events.assertThatEvents()
			.haveExactly(1, event(test("callsIt"),
					finishedWithFailure(message((text) -> text.startsWith("Statement 'CALL commits_a_color()' "
							+ "in test '" + testClass.getName() + ".callsIt' committed the test's transaction while it "
							+ "ran, so what the test wrote before it could not be rolled back. Use @DbIsolation(mode = "
							+ "SCHEMA_PER_TEST) on '" + testClass.getName() + "', where commits are real.\n"
							+ "DbIsolation cloned schema 'dbiso_")
							&& text.endsWith("', so the next test starts from the template.")))));
		events.assertThatEvents().haveExactly(1, event(test("laterWritesWereRolledBack"), finishedSuccessfully()));
	}

	@Test
	void verifyRollbackFailsAClassThatWroteOutsideItsTestsAndTheNextClassStartsClean() {
		EngineExecutionResults results = EngineTestKit.engine("junit-jupiter")
			.selectors(selectClass(writingInBeforeAll()), selectClass(nextClassAfterWritingInBeforeAll()))
			.execute();
		results.containerEvents()
			.assertThatEvents()
			.haveExactly(1, event(finishedWithFailure(message((text) -> text
				.startsWith("After the tests of '" + writingInBeforeAll().getName()
						+ "', the tables 'colors' of schema 'dbiso_")
					&& text.endsWith("' differ from its template: something wrote outside a rolled-back test (in "
							+ "@BeforeAll or @AfterAll, or after a test ended). Move the writes into the tests or their "
							+ "@BeforeEach. DbIsolation cloned the schema again from its template for the next test "
							+ "class.")))));
		// the same context, so the same schema: neither the writes nor the blame carry
		// over
		results.containerEvents().assertThatEvents().haveExactly(1, event(finishedWithFailure()));
		results.testEvents()
			.assertThatEvents()
			.haveExactly(1, event(test("seesOnlyTheTemplatesRows"), finishedSuccessfully()));
	}

	@Test
	void commitAnnotationConflictsWithRollback() {
		run(committing()).assertThatEvents()
			.haveExactly(1,
					event(test("commits"),
							finishedWithFailure(message("Conflicting annotations on '" + committing().getName()
									+ ".commits': @Commit or @Rollback(false) asks Spring to commit the "
									+ "test's transaction, but @DbIsolation rolls back every test. Remove it, or use "
									+ "@DbIsolation(mode = SCHEMA_PER_TEST), where commits are real."))));
	}

	@Test
	void springTransactionalTestRunsInsideTheRolledBackTransaction() {
		run(springTransactional()).assertThatEvents().haveExactly(2, event(test(), finishedSuccessfully()));
	}

	@Test
	void transactionModeRollsBackOnTheSharedDatabase() {
		resetSharedDatabase();
		run(transactionMode()).assertThatEvents().haveExactly(2, event(test(), finishedSuccessfully()));
	}

	@Test
	void testsRunningAtTheSameTimeEachSeeOnlyTheirOwnRow() {
		SameKey.rows.clear();
		Events tests = runInParallel(sameKeyFirst(), sameKeySecond());
		tests.assertThatEvents().haveExactly(2, event(test(), finishedSuccessfully()));
		assertThat(SameKey.rows).containsOnlyKeys(sameKeyFirst().getSimpleName(), sameKeySecond().getSimpleName());
		assertThat(SameKey.rows).containsEntry(sameKeyFirst().getSimpleName(), List.of(sameKeyFirst().getSimpleName()))
			.containsEntry(sameKeySecond().getSimpleName(), List.of(sameKeySecond().getSimpleName()));
	}

	@Test
	void theSameTestsWithIsolationSwitchedOffCollide() {
		resetSharedDatabase();
		Events tests = runInParallel(sameKeyOffFirst(), sameKeyOffSecond());
		tests.assertThatEvents()
			.haveAtLeastOne(event(test(), finishedWithFailure(message((text) -> text.contains("Duplicate entry")
					|| text.contains("Expecting actual:") || text.contains("Lock wait timeout")))));
	}

	private static Events run(Class<?> testClass) {
		return EngineTestKit.engine("junit-jupiter").selectors(selectClass(testClass)).execute().testEvents();
	}

	private static Events runInParallel(Class<?>... testClasses) {
		return EngineTestKit.engine("junit-jupiter")
			.selectors(java.util.Arrays.stream(testClasses)
				.map(org.junit.platform.engine.discovery.DiscoverySelectors::selectClass)
				.toArray(org.junit.platform.engine.DiscoverySelector[]::new))
			.configurationParameter("junit.jupiter.execution.parallel.enabled", "true")
			.configurationParameter("junit.jupiter.execution.parallel.mode.classes.default", "concurrent")
			.configurationParameter("junit.jupiter.execution.parallel.config.strategy", "fixed")
			.configurationParameter("junit.jupiter.execution.parallel.config.fixed.parallelism", "2")
			.execute()
			.testEvents();
	}

	private static org.assertj.core.api.Condition<org.junit.platform.testkit.engine.Event> finishedSuccessfully() {
		return org.junit.platform.testkit.engine.EventConditions.finishedSuccessfully();
	}

	@SpringBootTest(classes = TestApplication.class, properties = { MIGRATIONS, "case=truncating" })
	@DbIsolation
	static class Truncating {

		@Autowired
		JdbcTemplate jdbc;

		@Test
		void truncates() {
			try {
				this.jdbc.execute("TRUNCATE TABLE colors");
			}
			catch (RuntimeException ignored) {
				// code under test that swallows the failure does not hide it
			}
		}

	}

	@SpringBootTest(classes = TestApplication.class, properties = { MIGRATIONS, "case=behind-the-back" })
	@DbIsolation
	static class UnwrappingToTheDriver {

		@Autowired
		DataSource dataSource;

		@Test
		void createsATableOnTheRawConnection() throws SQLException {
			try (Connection connection = this.dataSource.getConnection()) {
				Connection raw = connection.unwrap(com.mysql.cj.jdbc.JdbcConnection.class);
				try (Statement statement = raw.createStatement()) {
					statement.execute("CREATE TABLE shapes (id INT)");
				}
			}
		}

	}

	@SpringBootTest(classes = TestApplication.class, properties = { MIGRATIONS, "case=procedure" })
	@DbIsolation
	@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
	static class CallingAProcedureThatCommits {

		@Autowired
		JdbcTemplate jdbc;

		@BeforeAll
		static void createProcedure(@Autowired JdbcTemplate jdbc) {
			// outside a test: DDL commits, as it may here
			jdbc.execute("DROP PROCEDURE IF EXISTS commits_a_color");
			jdbc.execute("CREATE PROCEDURE commits_a_color() BEGIN INSERT INTO colors (id, name) VALUES (90, 'violet');"
					+ " COMMIT; END");
		}

		@Test
		@Order(1)
		void callsIt() {
			this.jdbc.update("INSERT INTO colors (id, name) VALUES (91, 'indigo')");
			this.jdbc.execute("CALL commits_a_color()");
			this.jdbc.update("INSERT INTO colors (id, name) VALUES (92, 'ochre')");
		}

		@Test
		@Order(2)
		void laterWritesWereRolledBack() {
			// what the procedure committed, and what came before it, was committed; the
			// schema was cloned again from the template before this test
			assertThat(this.jdbc.queryForList("SELECT id FROM colors WHERE id >= 90 ORDER BY id", Integer.class))
				.isEmpty();
			assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM colors", Integer.class)).isEqualTo(3);
		}

	}

	@SpringBootTest(classes = TestApplication.class,
			properties = { MIGRATIONS, "case=before-all", "dbisolation.verify-rollback=true" })
	@DbIsolation
	static class WritingInBeforeAll {

		@BeforeAll
		static void addColor(@Autowired JdbcTemplate jdbc) {
			jdbc.update("INSERT INTO colors (id, name) VALUES (80, 'bronze')");
		}

		@Test
		void seesTheColor() {
		}

	}

	@SpringBootTest(classes = TestApplication.class,
			properties = { MIGRATIONS, "case=before-all", "dbisolation.verify-rollback=true" })
	@DbIsolation
	static class NextClassAfterWritingInBeforeAll {

		@Autowired
		JdbcTemplate jdbc;

		@Test
		void seesOnlyTheTemplatesRows() {
			assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM colors", Integer.class)).isEqualTo(3);
		}

	}

	@SpringBootTest(classes = TestApplication.class, properties = MIGRATIONS)
	@DbIsolation
	@Transactional
	static class Committing {

		@Test
		@Commit
		void commits() {
		}

	}

	@SpringBootTest(classes = TestApplication.class, properties = { MIGRATIONS, "case=spring-transactional" })
	@DbIsolation
	@Transactional
	@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
	static class SpringTransactional {

		@Autowired
		JdbcTemplate jdbc;

		@Test
		@Order(1)
		void writesInSpringsTestTransaction() {
			assertThat(TransactionSynchronizationManager.isActualTransactionActive()).isTrue();
			this.jdbc.update("INSERT INTO colors (id, name) VALUES (60, 'gold')");
			assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM colors", Long.class)).isEqualTo(4);
		}

		@Test
		@Order(2)
		void findsNothingOfTheEarlierTest() {
			assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM colors", Long.class)).isEqualTo(3);
		}

	}

	@SpringBootTest(classes = TestApplication.class, properties = { MIGRATIONS, "case=transaction-mode" })
	@DbIsolation(mode = Mode.TRANSACTION)
	@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
	static class TransactionMode {

		@Autowired
		JdbcTemplate jdbc;

		@Test
		@Order(1)
		void writesToTheSharedDatabase() {
			assertThat(this.jdbc.queryForObject("SELECT DATABASE()", String.class)).isIn("test",
					LocalMariaDbRollbackBehaviourIntegrationTests.SHARED_DATABASE);
			this.jdbc.update("INSERT INTO colors (id, name) VALUES (70, 'silver')");
		}

		@Test
		@Order(2)
		void findsNothingOfTheEarlierTest() {
			assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM colors WHERE id = 70", Long.class)).isZero();
		}

	}

	/**
	 * Two test classes of one context insert the same key and read it back. They try to
	 * run at the same time; isolated, one waits for the other.
	 */
	abstract static class SameKey {

		static final Map<String, List<String>> rows = new ConcurrentHashMap<>();

		private static final CyclicBarrier together = new CyclicBarrier(2);

		@Autowired
		JdbcTemplate jdbc;

		@Test
		void insertsTheSharedKeyAndSeesOnlyItsOwnRow() throws InterruptedException {
			String mine = getClass().getSimpleName();
			meet();
			this.jdbc.update("INSERT INTO colors (id, name) VALUES (99, ?)", mine);
			meet();
			List<String> seen = this.jdbc.queryForList("SELECT name FROM colors WHERE id = 99", String.class);
			rows.put(getClass().getSimpleName(), seen);
			assertThat(seen).containsExactly(mine);
		}

		/**
		 * Waits briefly for the other class: while isolated they never meet, since the
		 * other waits for its turn.
		 */
		private static void meet() throws InterruptedException {
			try {
				together.await(1, TimeUnit.SECONDS);
			}
			catch (TimeoutException | BrokenBarrierException ex) {
				together.reset();
			}
		}

	}

	@SpringBootTest(classes = TestApplication.class, properties = { MIGRATIONS, "case=same-key" })
	@DbIsolation
	static class SameKeyFirst extends SameKey {

	}

	@SpringBootTest(classes = TestApplication.class, properties = { MIGRATIONS, "case=same-key" })
	@DbIsolation
	static class SameKeySecond extends SameKey {

	}

	@SpringBootTest(classes = TestApplication.class,
			properties = { MIGRATIONS, "case=same-key-off", "dbisolation.enabled=false" })
	@DbIsolation
	static class SameKeyOffFirst extends SameKey {

	}

	@SpringBootTest(classes = TestApplication.class,
			properties = { MIGRATIONS, "case=same-key-off", "dbisolation.enabled=false" })
	@DbIsolation
	static class SameKeyOffSecond extends SameKey {

	}

}
