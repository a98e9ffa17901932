package io.dbisolation.context;

import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

import org.springframework.context.annotation.Configuration;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.annotation.DirtiesContext.ClassMode;
import org.springframework.test.context.junit.jupiter.SpringJUnitConfig;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;

/**
 * The listener leaves classes without {@code @DbIsolation} alone: they load exactly the
 * contexts, and fail exactly as often, as without the library.
 */
class DbIsolationTestExecutionListenerTests {

	@Test
	void classThatDirtiesItsContextAfterEachTestLoadsOneContextPerTest() {
		CountingConfiguration.loads.set(0);
		EngineTestKit.engine("junit-jupiter")
			.selectors(selectClass(DirtiesAfterEachTest.class))
			.execute()
			.testEvents()
			.assertStatistics((stats) -> stats.succeeded(2));
		assertThat(CountingConfiguration.loads).hasValue(2);
	}

	@Test
	void classWhoseContextFailsToLoadGetsExactlyOneError() {
		Events events = EngineTestKit.engine("junit-jupiter")
			.selectors(selectClass(FailingContext.class))
			.execute()
			.allEvents();
		assertThat(events.filter(finishedWithFailure()::matches)).hasSize(1);
	}

	@Configuration(proxyBeanMethods = false)
	static class CountingConfiguration {

		static final AtomicInteger loads = new AtomicInteger();

		CountingConfiguration() {
			loads.incrementAndGet();
		}

	}

	@SpringJUnitConfig(CountingConfiguration.class)
	@DirtiesContext(classMode = ClassMode.AFTER_EACH_TEST_METHOD)
	static class DirtiesAfterEachTest {

		@Test
		void first() {
		}

		@Test
		void second() {
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class FailingConfiguration {

		FailingConfiguration() {
			throw new IllegalStateException("This context does not load");
		}

	}

	@SpringJUnitConfig(FailingConfiguration.class)
	static class FailingContext {

		@Test
		void needsTheContext() {
		}

	}

}
