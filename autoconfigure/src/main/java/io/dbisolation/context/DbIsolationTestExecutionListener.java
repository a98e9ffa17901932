package io.dbisolation.context;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.context.ApplicationContext;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.test.annotation.Rollback;
import org.springframework.test.context.TestContext;
import org.springframework.test.context.TestContextAnnotationUtils;
import org.springframework.test.context.support.AbstractTestExecutionListener;
import org.springframework.test.context.transaction.TransactionalTestExecutionListener;

import io.dbisolation.datasource.SchemaTest;
import io.dbisolation.datasource.TestOutcome;
import io.dbisolation.report.RunRecorder;
import io.dbisolation.schema.PrivateSchema;
import io.dbisolation.schema.SchemaPool;
import io.dbisolation.schema.Template;
import io.dbisolation.server.DatabaseServer;
import io.dbisolation.test.DbIsolation;
import io.dbisolation.test.DbIsolation.Mode;
import io.dbisolation.test.DbIsolationException;

/**
 * Isolates each test of an isolated context. Usually it is rolled back: before the test,
 * every DataSource of the context starts routing all connections, from any thread, to one
 * transaction; after it, that transaction is rolled back and checked to have stayed
 * intact. The tests of one context take turns, since they share its schema; tests of
 * different contexts run in parallel. In {@code SCHEMA_PER_TEST} mode each test instead
 * gets a fresh schema from the pool, where commits are real, and gives it back
 * afterwards.
 */
public class DbIsolationTestExecutionListener extends AbstractTestExecutionListener {

	/**
	 * Around Spring's test transaction: begins before it and rolls back after it.
	 */
	public static final int ORDER = TransactionalTestExecutionListener.ORDER - 500;

	private static final Log logger = LogFactory.getLog(DbIsolationTestExecutionListener.class);

	private static final String SCHEMA_ATTRIBUTE = DbIsolationTestExecutionListener.class.getName() + ".schema";

	private static final String SCHEMA_TEST_ATTRIBUTE = DbIsolationTestExecutionListener.class.getName()
			+ ".schemaTest";

	private static final String TIMING_ATTRIBUTE = DbIsolationTestExecutionListener.class.getName() + ".timing";

	private static final String ISOLATION_ATTRIBUTE = DbIsolationTestExecutionListener.class.getName() + ".isolation";

	@Override
	public int getOrder() {
		return ORDER;
	}

	@Override
	public void beforeTestMethod(TestContext testContext) throws Exception {
		ContextIsolation isolation = isolationOf(testContext);
		if (isolation == null) {
			return;
		}
		if (isolation.schema() != null) {
			isolation.schema().checkOwned();
		}
		if (isolation.settings().mode() == Mode.SCHEMA_PER_TEST) {
			PrivateSchema schema = pool(isolation).take();
			try {
				schema.checkOwned();
			}
			catch (RuntimeException ex) {
				// another run may be dropping it: never give it back to the pool
				schema.destroy();
				throw ex;
			}
			testContext.setAttribute(TIMING_ATTRIBUTE, RunRecorder.test(contextName(isolation), testName(testContext)));
			testContext.setAttribute(SCHEMA_ATTRIBUTE, schema);
			testContext.setAttribute(ISOLATION_ATTRIBUTE, isolation);
			DatabaseServer server = isolation.owner().server();
			// where a schema is a database reached through the URL, the test's
			// connections are its own
			testContext.setAttribute(SCHEMA_TEST_ATTRIBUTE,
					isolation.dataSources()
						.beginSchemaTest(testName(testContext), schema.name(),
								server.dialect().schemaIsCatalog() ? null : server::connect));
			return;
		}
		rejectCommit(testContext);
		RunRecorder.TestTiming timing = RunRecorder.test(contextName(isolation), testName(testContext));
		isolation.turn().acquire();
		timing.running();
		testContext.setAttribute(TIMING_ATTRIBUTE, timing);
		testContext.setAttribute(ISOLATION_ATTRIBUTE, isolation);
		isolation.dataSources().beginTest(testName(testContext), testContext.getTestClass().getName());
	}

	@Override
	public void afterTestMethod(TestContext testContext) {
		if (!(testContext.removeAttribute(ISOLATION_ATTRIBUTE) instanceof ContextIsolation isolation)) {
			return;
		}
		if (testContext.removeAttribute(TIMING_ATTRIBUTE) instanceof RunRecorder.TestTiming timing) {
			timing.ended(testContext.getTestException());
		}
		if (testContext.removeAttribute(SCHEMA_ATTRIBUTE) instanceof PrivateSchema schema) {
			if (testContext.removeAttribute(SCHEMA_TEST_ATTRIBUTE) instanceof SchemaTest test) {
				isolation.dataSources().endSchemaTest(test);
			}
			if (testContext.getTestException() != null && isolation.settings().keepFailed()) {
				String url = isolation.owner().keep(schema);
				RunRecorder.kept(schema.name(), testName(testContext), url);
				logger.warn("Kept schema '" + schema.name() + "' of failed test '" + testName(testContext)
						+ "': connect with '" + url + "' and drop it with DROP DATABASE "
						+ isolation.owner().server().dialect().quote(schema.name()) + " when done");
			}
			else {
				pool(isolation).giveBack(schema);
			}
			return;
		}
		List<String> problems = new ArrayList<>();
		try {
			TestOutcome outcome = isolation.dataSources().endTest();
			problems.addAll(outcome.problems());
			if (outcome.committed()) {
				// before the next test of the context takes its turn
				problems.add(repair(isolation));
			}
		}
		finally {
			isolation.turn().release();
		}
		if (!problems.isEmpty()) {
			throw new DbIsolationException(String.join("\n", problems));
		}
	}

	/**
	 * Gives a schema whose test committed for real its template's content back, so that
	 * the next test starts from it.
	 * @return what was done, for the test's failure message
	 */
	private static String repair(ContextIsolation isolation) {
		PrivateSchema schema = isolation.schema();
		if (schema == null || schema.template() == null) {
			return "What it committed stays in the database" + ((schema != null) ? " '" + schema.name() + "'" : "")
					+ ", where later tests will see it: restart the test run after fixing the test.";
		}
		List<String> recloned = new ArrayList<>();
		try {
			for (PrivateSchema each : schemasOf(isolation)) {
				each.restoreTemplate();
				recloned.add("'" + each.name() + "' again from template '" + each.template().name() + "'");
			}
		}
		catch (RuntimeException ex) {
			return "DbIsolation could not clone the context's schemas again from their templates (" + ex.getMessage()
					+ "), so later tests of the context may see what was committed: restart the test run.";
		}
		return "DbIsolation cloned schema " + String.join(", ", recloned)
				+ ", so the next test starts from the template.";
	}

	private static List<PrivateSchema> schemasOf(ContextIsolation isolation) {
		List<PrivateSchema> schemas = new ArrayList<>();
		schemas.add(isolation.schema());
		schemas.addAll(isolation.copies());
		return schemas;
	}

	/**
	 * With {@code dbisolation.verify-rollback}, checks that the class left its schema as
	 * the template made it: what is written in {@code @BeforeAll}, {@code @AfterAll} or
	 * after a test ended is not rolled back.
	 */
	@Override
	public void afterTestClass(TestContext testContext) {
		// a context that is not loaded (closed by @DirtiesContext, or failed to load) has
		// nothing to verify, and loading it here would cost a context or repeat its
		// failure
		ContextIsolation isolation = testContext.hasApplicationContext() ? isolationOf(testContext) : null;
		if (isolation == null || !isolation.settings().verifyRollback() || isolation.schema() == null) {
			return;
		}
		List<String> changed;
		isolation.turn().acquireUninterruptibly();
		try {
			changed = isolation.schema().changedTables();
			if (!changed.isEmpty()) {
				// the next class of this context must not inherit the writes, nor the
				// blame; under the same turn, so that no test runs in between
				isolation.schema().restoreTemplate();
			}
		}
		finally {
			isolation.turn().release();
		}
		RunRecorder.verified(isolation.schema().name(), testContext.getTestClass().getName(), changed);
		if (!changed.isEmpty()) {
			throw new DbIsolationException("After the tests of '" + testContext.getTestClass().getName()
					+ "', the tables '" + String.join("', '", changed) + "' of schema '" + isolation.schema().name()
					+ "' differ from its template: something wrote outside a rolled-back test (in @BeforeAll or "
					+ "@AfterAll, or after a test ended). Move the writes into the tests or their @BeforeEach. "
					+ "DbIsolation cloned the schema again from its template for the next test class.");
		}
	}

	/**
	 * The isolation of the test's context; {@code null}, without touching the context,
	 * for classes without {@code @DbIsolation}, which must behave as without the library.
	 */
	private static ContextIsolation isolationOf(TestContext testContext) {
		if (TestContextAnnotationUtils.findMergedAnnotation(testContext.getTestClass(), DbIsolation.class) == null) {
			return null;
		}
		ApplicationContext context = testContext.getApplicationContext();
		return context.containsBean(ContextIsolation.BEAN_NAME)
				? context.getBean(ContextIsolation.BEAN_NAME, ContextIsolation.class) : null;
	}

	private SchemaPool pool(ContextIsolation isolation) {
		Template template = isolation.schema().template();
		if (template == null) {
			throw new DbIsolationException("@DbIsolation(mode = SCHEMA_PER_TEST) found nothing to build a template "
					+ "from: no Flyway or Liquibase bean, Hibernate schema generation or 'spring.sql.init.mode=always' "
					+ "scripts. Add the migrations (on Spring Boot 4 with the tool's starter, such as "
					+ "'spring-boot-starter-flyway'), or use mode = SCHEMA.");
		}
		return isolation.owner().pool(template);
	}

	private void rejectCommit(TestContext testContext) {
		Method method = testContext.getTestMethod();
		Rollback rollback = AnnotatedElementUtils.findMergedAnnotation(method, Rollback.class);
		if (rollback == null) {
			rollback = TestContextAnnotationUtils.findMergedAnnotation(testContext.getTestClass(), Rollback.class);
		}
		if (rollback != null && !rollback.value()) {
			throw new DbIsolationException("Conflicting annotations on '" + testName(testContext)
					+ "': @Commit or @Rollback(false) asks Spring to commit the test's transaction, but @DbIsolation "
					+ "rolls back every test. Remove it, or use @DbIsolation(mode = SCHEMA_PER_TEST), where commits "
					+ "are real.");
		}
	}

	/**
	 * The context's name in the run's report: its schema, or, without one (such as in
	 * {@code TRANSACTION} mode), its mode and identity.
	 */
	private static String contextName(ContextIsolation isolation) {
		return (isolation.schema() != null) ? isolation.schema().name()
				: isolation.settings().mode() + " #" + Integer.toHexString(System.identityHashCode(isolation));
	}

	private static String testName(TestContext testContext) {
		return testContext.getTestClass().getName() + "." + testContext.getTestMethod().getName();
	}

}
