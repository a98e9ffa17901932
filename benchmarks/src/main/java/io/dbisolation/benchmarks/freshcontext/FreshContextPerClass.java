package io.dbisolation.benchmarks.freshcontext;

import java.util.List;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.annotation.DirtiesContext.HierarchyMode;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;
import org.springframework.test.context.TestContext;
import org.springframework.test.context.support.DirtiesContextTestExecutionListener;

/**
 * Gives every test class a Spring context of its own and closes it after the class, as
 * {@code @DirtiesContext} on every class would, without touching the test sources. The
 * speed benchmark puts this class on a sample suite's test classpath (with
 * {@code src/fresh-context/META-INF/spring.factories}) to measure what fresh contexts
 * cost.
 */
public final class FreshContextPerClass implements ContextCustomizerFactory {

	@Override
	public ContextCustomizer createContextCustomizer(Class<?> testClass,
			List<ContextConfigurationAttributes> configAttributes) {
		return new OwnContext(testClass);
	}

	/**
	 * Makes the context cache key differ per test class, so that classes running in
	 * parallel never share (and never close) each other's context.
	 */
	record OwnContext(Class<?> testClass) implements ContextCustomizer {

		@Override
		public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration mergedConfig) {
		}

	}

	/**
	 * Closes the class's context after the class, in {@code @DirtiesContext}'s place
	 * among the listeners (after DbIsolation's own after-class checks).
	 */
	public static final class CloseAfterClass extends DirtiesContextTestExecutionListener {

		@Override
		public void afterTestClass(TestContext testContext) {
			testContext.markApplicationContextDirty(HierarchyMode.EXHAUSTIVE);
		}

	}

}
