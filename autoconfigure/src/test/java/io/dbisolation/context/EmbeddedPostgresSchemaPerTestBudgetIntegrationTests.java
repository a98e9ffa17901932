package io.dbisolation.context;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext.HierarchyMode;
import org.springframework.test.context.TestContext;
import org.springframework.test.context.TestContextManager;
import org.springframework.test.context.TestPropertySource;

import io.dbisolation.test.DbIsolation;
import io.dbisolation.test.DbIsolation.Mode;
import io.dbisolation.test.DbIsolationException;
import io.dbisolation.testapp.TestApplication;
import io.dbisolation.testsupport.TestServers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * On PostgreSQL a {@code SCHEMA_PER_TEST} test's connections are a pool of its own, the
 * size of the application's, besides the context's: the context counts both against the
 * connection budget, so a budget that holds one pool but not two is refused for that mode
 * and not for the default one.
 */
class EmbeddedPostgresSchemaPerTestBudgetIntegrationTests {

	private static final String MIGRATIONS = "spring.flyway.locations=classpath:db/testapp-postgres";

	private static final String BUDGET = "dbisolation.connection-budget=18";

	private static final String POOL = "spring.datasource.hikari.maximum-pool-size=8";

	static {
		System.setProperty(EmbeddedPostgresSchemaPerTestIntegrationTests.URL_PROPERTY,
				TestServers.embeddedPostgres().url("postgres").value());
	}

	@Test
	void theTestsPoolsAreCountedAgainstTheBudget() {
		assertThatIllegalStateException().isThrownBy(() -> testContext(PerTest.class).getApplicationContext())
			.havingRootCause()
			.isInstanceOf(DbIsolationException.class)
			.withMessageStartingWith("A test context needs 16 connections, more than the connection budget of 18")
			.withMessageContaining(
					"(this context asks for 16: its pools' sizes twice, since each test has a pool " + "of its own)");
		TestContext perContext = testContext(PerContext.class);
		try {
			assertThat(((org.springframework.context.ConfigurableApplicationContext) perContext.getApplicationContext())
				.isActive()).isTrue();
		}
		finally {
			perContext.markApplicationContextDirty(HierarchyMode.EXHAUSTIVE);
		}
	}

	private static TestContext testContext(Class<?> testClass) {
		return new TestContextManager(testClass).getTestContext();
	}

	@TestPropertySource(properties = {
			"spring.datasource.url=${" + EmbeddedPostgresSchemaPerTestIntegrationTests.URL_PROPERTY + "}",
			"spring.datasource.username=postgres", MIGRATIONS, BUDGET, POOL })
	@SpringBootTest(classes = TestApplication.class, properties = "case=pg-budget-per-test")
	@DbIsolation(mode = Mode.SCHEMA_PER_TEST)
	static class PerTest {

	}

	@TestPropertySource(properties = {
			"spring.datasource.url=${" + EmbeddedPostgresSchemaPerTestIntegrationTests.URL_PROPERTY + "}",
			"spring.datasource.username=postgres", MIGRATIONS, BUDGET, POOL })
	@SpringBootTest(classes = TestApplication.class, properties = "case=pg-budget-per-context")
	@DbIsolation
	static class PerContext {

	}

}
