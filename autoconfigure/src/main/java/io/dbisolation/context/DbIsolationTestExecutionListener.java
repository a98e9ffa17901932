package io.dbisolation.context;

import java.util.concurrent.Semaphore;

import org.springframework.context.ApplicationContext;
import org.springframework.test.context.TestContext;
import org.springframework.test.context.support.AbstractTestExecutionListener;
import org.springframework.test.context.transaction.TransactionalTestExecutionListener;

/**
 * Runs the test classes that share one isolated context one at a time. Classes with
 * different contexts have different schemas and run in parallel freely; classes that
 * share a context share its schema, so while one runs, the others wait.
 */
public class DbIsolationTestExecutionListener extends AbstractTestExecutionListener {

	/**
	 * Before Spring's test transaction begins and after it ends.
	 */
	public static final int ORDER = TransactionalTestExecutionListener.ORDER - 500;

	private static final String PERMIT_ATTRIBUTE = DbIsolationTestExecutionListener.class.getName() + ".permit";

	@Override
	public int getOrder() {
		return ORDER;
	}

	@Override
	public void beforeTestClass(TestContext testContext) throws Exception {
		ApplicationContext context = testContext.getApplicationContext();
		if (context.containsBean(DbIsolationContextCustomizer.SCHEMA_BEAN_NAME)) {
			Semaphore permit = context.getBean(ClassPermit.BEAN_NAME, ClassPermit.class).semaphore();
			permit.acquire();
			testContext.setAttribute(PERMIT_ATTRIBUTE, permit);
		}
	}

	@Override
	public void afterTestClass(TestContext testContext) {
		Object permit = testContext.removeAttribute(PERMIT_ATTRIBUTE);
		if (permit instanceof Semaphore semaphore) {
			semaphore.release();
		}
	}

	/**
	 * The permit that the test classes sharing one context take turns holding.
	 *
	 * @param semaphore one permit
	 */
	record ClassPermit(Semaphore semaphore) {

		static final String BEAN_NAME = "dbIsolationClassPermit";

		ClassPermit() {
			this(new Semaphore(1, true));
		}

	}

}
