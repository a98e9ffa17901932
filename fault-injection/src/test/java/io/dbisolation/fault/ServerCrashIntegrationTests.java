package io.dbisolation.fault;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.assertj.core.api.SoftAssertions;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;

import io.dbisolation.fault.app.FaultApplication;
import io.dbisolation.fault.app.OrdinaryRun;
import io.dbisolation.fault.support.ChildJvmOnly;
import io.dbisolation.fault.support.DisposableMariaDb;
import io.dbisolation.fault.support.Fork;
import io.dbisolation.fault.support.ForkResult;
import io.dbisolation.fault.support.Handshake;
import io.dbisolation.fault.support.LeftoverGrace;
import io.dbisolation.fault.support.TestOutcome;
import io.dbisolation.test.DbIsolation;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The server is killed with SIGKILL in the middle of a test and restarted: the running
 * test fails within seconds, saying that the connection was lost (not that a statement
 * committed behind DbIsolation's back, issue 7 item 12); nothing hangs; the next run
 * passes and leaves no private schema (it starts once the crashed run counts as gone, see
 * {@link LeftoverGrace}).
 */
class ServerCrashIntegrationTests {

	/** How soon after the crash the running test must have failed. */
	private static final Duration FAILS_WITHIN = Duration.ofSeconds(15);

	/** How soon after the crash the crashed run's JVM must have ended. */
	private static final Duration ENDS_WITHIN = Duration.ofSeconds(60);

	@TempDir
	Path work;

	@Test
	void serverKilledMidTestFailsTheTestWithinSecondsSayingTheConnectionWasLost() {
		try (DisposableMariaDb server = DisposableMariaDb.start()) {
			Map<String, String> dataSource = server.dataSourceProperties(server.url("app"));
			SoftAssertions softly = new SoftAssertions();
			try (Fork crashed = Fork.start("crashed", this.work, dataSource, BusyTest.class)) {
				String schema = crashed.awaitSignal(BusyTest.IN_TEST, Fork.TIMEOUT);
				assertThat(server.schemaExists(schema)).isTrue();
				long killedAt = System.currentTimeMillis();
				server.kill9();
				server.restart();
				ForkResult result = crashed.await(ENDS_WITHIN);
				long endedAtNanos = System.nanoTime();
				TestOutcome busy = result.outcome(BusyTest.class, "worksWhileTheServerDies");
				softly.assertThat(busy.failed()).as(result.describe()).isTrue();
				softly.assertThat(busy.finishedAtMillis() - killedAt)
					.as("milliseconds from the crash to the test's failure")
					.isLessThan(FAILS_WITHIN.toMillis());
				softly.assertThat(busy.messages())
					.as("what the user reads")
					.containsPattern("(?i)connection (was |to .+ )?lost|lost (the |its )?connection"
							+ "|communications link failure")
					.doesNotContain("committed by a statement DbIsolation did not see");
				LeftoverGrace.awaitRunsGoneSince(endedAtNanos);
			}
			try (Fork next = Fork.start("next", this.work, dataSource, OrdinaryRun.class)) {
				ForkResult result = next.await(Fork.TIMEOUT);
				softly.assertThat(result.failures()).as(result.describe()).isEmpty();
				softly.assertThat(result.tests()).as(result.describe()).hasSize(2);
			}
			softly.assertThat(server.privateSchemas()).as("private schemas left after the next run").isEmpty();
			softly.assertAll();
		}
	}

	/**
	 * A test that keeps using the database until it fails. Run in a child JVM.
	 */
	@SpringBootTest(classes = FaultApplication.class)
	@DbIsolation
	@ChildJvmOnly
	static class BusyTest {

		static final String IN_TEST = "in-test";

		@Autowired
		JdbcTemplate jdbc;

		@Test
		void worksWhileTheServerDies() {
			this.jdbc.update("INSERT INTO items (name) VALUES ('before the crash')");
			Handshake.ofThisFork().signal(IN_TEST, this.jdbc.queryForObject("SELECT DATABASE()", String.class));
			// ends only by failing: when the server dies, the next query must fail
			Awaitility.await("the server's death")
				.atMost(Fork.TIMEOUT)
				.pollInSameThread()
				.pollInterval(Duration.ofMillis(50))
				.until(() -> this.jdbc.queryForObject("SELECT COUNT(*) FROM items", Long.class) < 0);
		}

	}

}
