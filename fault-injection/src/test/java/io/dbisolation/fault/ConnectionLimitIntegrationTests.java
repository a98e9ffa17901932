package io.dbisolation.fault;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
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
 * A server with a low {@code max_connections} and a suite with many test contexts, each
 * with a private schema and a pool: the run fails with one actionable message that names
 * {@code max_connections} and a setting to change, not with pool timeouts (issue 7, item
 * 12) nor with further errors (item 10). The suite runs once, in one child JVM.
 */
class ConnectionLimitIntegrationTests {

	private static final int MAX_CONNECTIONS = 12;

	/**
	 * The application's own setting, kept short so that pool timeouts cannot make the run
	 * slow.
	 */
	private static final String POOL_TIMEOUT_MILLIS = "5000";

	@TempDir
	static Path work;

	private static ForkResult result;

	@BeforeAll
	static void runManyContextsOnAServerWithFewConnections() {
		try (DisposableMariaDb server = DisposableMariaDb.start("--max-connections=" + MAX_CONNECTIONS)) {
			Map<String, String> properties = new HashMap<>(server.dataSourceProperties(server.url("app")));
			properties.put("spring.datasource.hikari.connection-timeout", POOL_TIMEOUT_MILLIS);
			try (Fork fork = Fork.start("many-contexts", work, properties, Context1.class, Context2.class,
					Context3.class, Context4.class, Context5.class, Context6.class, Context7.class, Context8.class,
					Context9.class, Context10.class, Context11.class, Context12.class)) {
				result = fork.await(Fork.TIMEOUT);
			}
		}
	}

	@Test
	void everyFailedTestNamesMaxConnectionsAndASettingToChange() {
		List<TestOutcome> failedTests = result.failures().stream().filter(TestOutcome::test).toList();
		assertThat(failedTests).as("the run fails\n%s", result.describe()).isNotEmpty();
		SoftAssertions softly = new SoftAssertions();
		for (TestOutcome failure : failedTests) {
			softly.assertThat(failure.messages())
				.as("failure of %s", failure.name())
				.contains("max_connections")
				.contains("'dbisolation.connection-budget'")
				.doesNotContain("request timed out");
		}
		softly.assertAll();
	}

	/**
	 * The message is the only one: a class whose context failed gets no further error,
	 * such as Spring's "failure threshold exceeded" when something loads the failed
	 * context again after its tests (issue 7, item 10).
	 */
	@Test
	void classesWhoseContextFailedGetNoFurtherError() {
		assertThat(result.failures().stream().filter((outcome) -> !outcome.test()).map(TestOutcome::toString))
			.as(result.describe())
			.isEmpty();
	}

	/**
	 * A test that uses its context's database. Each subclass has a context of its own.
	 * Run in a child JVM.
	 */
	@DbIsolation
	@ChildJvmOnly
	abstract static class ContextTest {

		@Autowired
		JdbcTemplate jdbc;

		@Test
		void usesItsDatabase() {
			this.jdbc.update("INSERT INTO items (name) VALUES ('one of many')");
			assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM items", Long.class))
				.isEqualTo(FaultApplication.SEED_ROWS + 1);
		}

	}

	@SpringBootTest(classes = FaultApplication.class, properties = "fault.context=1")
	static class Context1 extends ContextTest {

	}

	@SpringBootTest(classes = FaultApplication.class, properties = "fault.context=2")
	static class Context2 extends ContextTest {

	}

	@SpringBootTest(classes = FaultApplication.class, properties = "fault.context=3")
	static class Context3 extends ContextTest {

	}

	@SpringBootTest(classes = FaultApplication.class, properties = "fault.context=4")
	static class Context4 extends ContextTest {

	}

	@SpringBootTest(classes = FaultApplication.class, properties = "fault.context=5")
	static class Context5 extends ContextTest {

	}

	@SpringBootTest(classes = FaultApplication.class, properties = "fault.context=6")
	static class Context6 extends ContextTest {

	}

	@SpringBootTest(classes = FaultApplication.class, properties = "fault.context=7")
	static class Context7 extends ContextTest {

	}

	@SpringBootTest(classes = FaultApplication.class, properties = "fault.context=8")
	static class Context8 extends ContextTest {

	}

	@SpringBootTest(classes = FaultApplication.class, properties = "fault.context=9")
	static class Context9 extends ContextTest {

	}

	@SpringBootTest(classes = FaultApplication.class, properties = "fault.context=10")
	static class Context10 extends ContextTest {

	}

	@SpringBootTest(classes = FaultApplication.class, properties = "fault.context=11")
	static class Context11 extends ContextTest {

	}

	@SpringBootTest(classes = FaultApplication.class, properties = "fault.context=12")
	static class Context12 extends ContextTest {

	}

}
