package io.dbisolation.fault;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.assertj.core.api.SoftAssertions;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
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
import io.dbisolation.fault.support.TestOutcome;
import io.dbisolation.test.DbIsolation;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The connection that holds a run's schema locks is lost while a long test runs, and at
 * that moment a second owner (another JVM) starts and sweeps leftovers: no live schema
 * may be dropped. The first run keeps its locks (its tests pass) or fails loudly about
 * the lost lock; it never fails with "Table ... doesn't exist" or "Unknown database"
 * (issue 7, items 2 and 3).
 */
class LockLossIntegrationTests {

	private static final int WAIT_TIMEOUT_SECONDS = 3;

	@TempDir
	Path work;

	@Test
	void lockConnectionKilledWhileAnotherOwnerSweepsDropsNoLiveSchema() {
		try (DisposableMariaDb server = DisposableMariaDb.start()) {
			loseTheLockWhileAnotherOwnerSweeps(server, (schema) -> {
				Long holder = server.lockHolder(schema);
				assertThat(holder).as("the session holding the lock named '%s'", schema).isNotNull();
				server.execute("KILL " + holder);
			});
		}
	}

	@Test
	void lockConnectionTimedOutWhileAnotherOwnerSweepsDropsNoLiveSchema() {
		try (DisposableMariaDb server = DisposableMariaDb.start("--wait-timeout=" + WAIT_TIMEOUT_SECONDS)) {
			loseTheLockWhileAnotherOwnerSweeps(server, (schema) -> outlastWaitTimeout(server, schema));
		}
	}

	private void loseTheLockWhileAnotherOwnerSweeps(DisposableMariaDb server, Fault fault) {
		Map<String, String> dataSource = server.dataSourceProperties(server.url("app"));
		try (Fork first = Fork.start("first-owner", this.work, dataSource, LongTest.class)) {
			String schema = first.awaitSignal(LongTest.IN_TEST, Fork.TIMEOUT);
			assertThat(server.schemaExists(schema)).isTrue();
			fault.inject(schema);
			ForkResult second;
			boolean survived;
			try (Fork sweeping = Fork.start("second-owner", this.work, dataSource, OrdinaryRun.class)) {
				// a sweep that tries to drop the live schema blocks on the first owner's
				// open
				// transaction until its test ends: that attempt is already the failure
				Awaitility.await("the second owner finishes or tries to drop '" + schema + "'")
					.atMost(Fork.TIMEOUT)
					.pollInterval(Duration.ofMillis(100))
					.until(() -> !sweeping.isAlive() || server.isDropping(schema));
				survived = !server.isDropping(schema) && server.schemaExists(schema);
				first.handshake().signal(LongTest.PROCEED, "");
				second = sweeping.await(Fork.TIMEOUT);
			}
			ForkResult firstResult = first.await(Fork.TIMEOUT);

			SoftAssertions softly = new SoftAssertions();
			softly.assertThat(second.failures()).as(second.describe()).isEmpty();
			softly.assertThat(second.output())
				.as("the second owner's log")
				.doesNotContain("Dropped schema '" + schema + "'");
			softly.assertThat(survived)
				.as("schema '%s' of the running first owner survived the second owner's sweep", schema)
				.isTrue();
			for (TestOutcome failure : firstResult.failures()) {
				softly.assertThat(failure.messages())
					.as("a failure of the first owner\n%s", firstResult.describe())
					.doesNotContain("doesn't exist")
					.doesNotContain("Unknown database")
					.containsIgnoringCase("lock");
			}
			softly.assertThat(firstResult.tests()).as(firstResult.describe()).hasSize(2);
			softly.assertThat(server.privateSchemas()).as("private schemas left when both owners ended").isEmpty();
			softly.assertAll();
		}
	}

	/**
	 * Lets the server's {@code wait_timeout} pass while the first owner's tests keep only
	 * their own connection busy: a lock connection that is not kept alive is closed by
	 * the server and its locks vanish.
	 */
	private static void outlastWaitTimeout(DisposableMariaDb server, String schema) {
		long deadline = System.nanoTime() + Duration.ofSeconds(WAIT_TIMEOUT_SECONDS + 2).toNanos();
		Awaitility.await("the lock of '" + schema + "' is lost or wait_timeout has passed")
			.atMost(Duration.ofSeconds(WAIT_TIMEOUT_SECONDS + 10))
			.pollInterval(Duration.ofMillis(200))
			.until(() -> server.lockHolder(schema) == null || System.nanoTime() > deadline);
	}

	/**
	 * A fault injected while the first owner's long test runs.
	 */
	@FunctionalInterface
	interface Fault {

		void inject(String schema);

	}

	/**
	 * The first owner's tests: a long test that keeps using its own connection until the
	 * fault has passed, then one more test. Run in a child JVM.
	 */
	@SpringBootTest(classes = FaultApplication.class)
	@DbIsolation
	@ChildJvmOnly
	@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
	static class LongTest {

		static final String IN_TEST = "in-test";

		static final String PROCEED = "proceed";

		@Autowired
		JdbcTemplate jdbc;

		@Test
		@Order(1)
		void keepsWorkingWhileItsLockIsLost() {
			this.jdbc.update("INSERT INTO items (name) VALUES ('during the fault')");
			Handshake handshake = Handshake.ofThisFork();
			handshake.signal(IN_TEST, this.jdbc.queryForObject("SELECT DATABASE()", String.class));
			Awaitility.await("the test that started this JVM lets it proceed")
				.atMost(Fork.TIMEOUT)
				.pollInSameThread()
				.pollInterval(Duration.ofMillis(100))
				.until(() -> count() == FaultApplication.SEED_ROWS + 1 && handshake.signalled(PROCEED));
		}

		@Test
		@Order(2)
		void nextTestStillHasItsSchema() {
			assertThat(count()).isEqualTo(FaultApplication.SEED_ROWS);
			this.jdbc.update("INSERT INTO items (name) VALUES ('after the fault')");
			assertThat(count()).isEqualTo(FaultApplication.SEED_ROWS + 1);
		}

		private long count() {
			return this.jdbc.queryForObject("SELECT COUNT(*) FROM items", Long.class);
		}

	}

}
