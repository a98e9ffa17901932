package io.dbisolation.context;

import java.lang.reflect.Method;
import java.util.List;

import org.springframework.context.ApplicationContext;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.test.annotation.Rollback;
import org.springframework.test.context.TestContext;
import org.springframework.test.context.TestContextAnnotationUtils;
import org.springframework.test.context.support.AbstractTestExecutionListener;
import org.springframework.test.context.transaction.TransactionalTestExecutionListener;

import io.dbisolation.test.DbIsolationException;

/**
 * Rolls back each test of an isolated context: before the test, every DataSource of the
 * context starts routing all connections, from any thread, to one transaction; after it,
 * that transaction is rolled back and checked to have stayed intact. The tests of one
 * context take turns, since they share its schema; tests of different contexts run in
 * parallel.
 */
public class DbIsolationTestExecutionListener extends AbstractTestExecutionListener {

	/**
	 * Around Spring's test transaction: begins before it and rolls back after it.
	 */
	public static final int ORDER = TransactionalTestExecutionListener.ORDER - 500;

	private static final String ISOLATION_ATTRIBUTE = DbIsolationTestExecutionListener.class.getName() + ".isolation";

	@Override
	public int getOrder() {
		return ORDER;
	}

	@Override
	public void beforeTestMethod(TestContext testContext) throws Exception {
		ApplicationContext context = testContext.getApplicationContext();
		if (!context.containsBean(ContextIsolation.BEAN_NAME)) {
			return;
		}
		rejectCommit(testContext);
		ContextIsolation isolation = context.getBean(ContextIsolation.BEAN_NAME, ContextIsolation.class);
		isolation.turn().acquire();
		testContext.setAttribute(ISOLATION_ATTRIBUTE, isolation);
		isolation.dataSources().beginTest(testName(testContext), testContext.getTestClass().getName());
	}

	@Override
	public void afterTestMethod(TestContext testContext) {
		if (!(testContext.removeAttribute(ISOLATION_ATTRIBUTE) instanceof ContextIsolation isolation)) {
			return;
		}
		List<String> problems;
		try {
			problems = isolation.dataSources().endTest();
		}
		finally {
			isolation.turn().release();
		}
		if (!problems.isEmpty()) {
			throw new DbIsolationException(String.join("\n", problems));
		}
	}

	/**
	 * With {@code dbisolation.verify-rollback}, checks that the class left its schema as
	 * the template made it: what is written in {@code @BeforeAll}, {@code @AfterAll} or
	 * after a test ended is not rolled back.
	 */
	@Override
	public void afterTestClass(TestContext testContext) {
		ApplicationContext context = testContext.getApplicationContext();
		if (!context.containsBean(ContextIsolation.BEAN_NAME)) {
			return;
		}
		ContextIsolation isolation = context.getBean(ContextIsolation.BEAN_NAME, ContextIsolation.class);
		if (!isolation.verifyRollback() || isolation.schema() == null) {
			return;
		}
		List<String> changed;
		try {
			isolation.turn().acquireUninterruptibly();
			changed = isolation.schema().changedTables();
		}
		finally {
			isolation.turn().release();
		}
		if (!changed.isEmpty()) {
			throw new DbIsolationException("After the tests of '" + testContext.getTestClass().getName()
					+ "', the tables '" + String.join("', '", changed) + "' of schema '" + isolation.schema().name()
					+ "' differ from its template: something wrote outside a rolled-back test (in @BeforeAll or "
					+ "@AfterAll, or after a test ended). Move the writes into the tests or their @BeforeEach.");
		}
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

	private static String testName(TestContext testContext) {
		return testContext.getTestClass().getName() + "." + testContext.getTestMethod().getName();
	}

}
