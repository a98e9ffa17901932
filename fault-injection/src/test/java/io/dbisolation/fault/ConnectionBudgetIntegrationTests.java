package io.dbisolation.fault;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import io.dbisolation.fault.app.FaultApplication;
import io.dbisolation.fault.support.ChildJvmOnly;
import io.dbisolation.fault.support.DisposableMariaDb;
import io.dbisolation.fault.support.Fork;
import io.dbisolation.fault.support.ForkResult;
import io.dbisolation.test.DbIsolation;
import io.dbisolation.test.DbIsolation.Mode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An application whose pool has 24 connections and whose race test holds 20 of them at
 * once, on a server with MySQL's default {@code max_connections} (151) and no
 * {@code dbisolation.*} setting: two JVMs run it at the same time, each also with other
 * contexts that Spring pauses and restarts, and every test passes, within the server's
 * connection budget, leaving no schema behind (issue 10).
 */
class ConnectionBudgetIntegrationTests {

	private static final int MAX_CONNECTIONS = 151;

	/** Connections left for clients other than test contexts. */
	private static final int RESERVED = 10;

	@TempDir
	Path work;

	@Test
	void twoJvmsRaceTwentyWorkersEachOnADefaultServer() {
		try (DisposableMariaDb server = DisposableMariaDb.start("--max-connections=" + MAX_CONNECTIONS)) {
			List<Fork> forks = new ArrayList<>();
			List<ForkResult> results = new ArrayList<>();
			try {
				for (int jvm = 1; jvm <= 2; jvm++) {
					forks.add(Fork.start("jvm-" + jvm, this.work, server.dataSourceProperties(server.url("app")),
							RaceTest.class, OtherContextTest.class, ThirdContextTest.class, RaceAgainTest.class));
				}
				for (Fork fork : forks) {
					results.add(fork.await(Fork.TIMEOUT.multipliedBy(2)));
				}
			}
			finally {
				forks.forEach(Fork::close);
			}
			SoftAssertions softly = new SoftAssertions();
			for (ForkResult result : results) {
				softly.assertThat(result.failures()).as(result.describe()).isEmpty();
				softly.assertThat(result.tests()).as(result.describe()).hasSize(2 * RaceTest.REPETITIONS + 2);
			}
			softly
				.assertThat(Integer
					.parseInt(server.queryForString("SELECT VARIABLE_VALUE FROM information_schema.GLOBAL_STATUS "
							+ "WHERE VARIABLE_NAME = 'MAX_USED_CONNECTIONS'")))
				.as("Max_used_connections")
				.isLessThanOrEqualTo(MAX_CONNECTIONS - RESERVED);
			softly.assertThat(server.privateSchemas()).as("private schemas left").isEmpty();
			softly.assertAll();
		}
	}

	/**
	 * Twenty workers each hold a connection of the application's pool in a transaction
	 * that really commits, all at once (a barrier), and race for one row: exactly one
	 * wins. Run in a child JVM.
	 */
	@SpringBootTest(classes = FaultApplication.class,
			properties = { "spring.datasource.hikari.maximum-pool-size=24", "fault.context=race" })
	@DbIsolation(mode = Mode.SCHEMA_PER_TEST)
	@ChildJvmOnly
	static class RaceTest {

		static final int REPETITIONS = 5;

		private static final int WORKERS = 20;

		@Autowired
		JdbcTemplate jdbc;

		@Autowired
		TransactionTemplate transactions;

		@RepeatedTest(REPETITIONS)
		void exactlyOneOfTwentyWorkersHoldingConnectionsAtOnceWins() throws Exception {
			CyclicBarrier allHoldConnections = new CyclicBarrier(WORKERS);
			ExecutorService workers = Executors.newFixedThreadPool(WORKERS);
			try {
				List<Future<Boolean>> claims = new ArrayList<>();
				for (int worker = 0; worker < WORKERS; worker++) {
					String name = "won by " + worker;
					claims.add(workers.submit(() -> this.transactions.execute((status) -> {
						this.jdbc.queryForObject("SELECT COUNT(*) FROM items", Long.class);
						await(allHoldConnections);
						String current = this.jdbc.queryForObject("SELECT name FROM items WHERE id = 1 FOR UPDATE",
								String.class);
						return "first".equals(current)
								&& this.jdbc.update("UPDATE items SET name = ? WHERE id = 1", name) == 1;
					})));
				}
				int won = 0;
				for (Future<Boolean> claim : claims) {
					won += claim.get(90, TimeUnit.SECONDS) ? 1 : 0;
				}
				assertThat(won).isEqualTo(1);
			}
			finally {
				workers.shutdownNow();
			}
			assertThat(this.jdbc.queryForObject("SELECT name FROM items WHERE id = 1", String.class))
				.startsWith("won by ");
		}

		private static void await(CyclicBarrier barrier) {
			try {
				barrier.await(90, TimeUnit.SECONDS);
			}
			catch (Exception ex) {
				throw new IllegalStateException("Not all workers got a connection", ex);
			}
		}

	}

	/**
	 * The race test's context again, after two others: Spring restarts it, and it takes
	 * its connections back. Run in a child JVM.
	 */
	static class RaceAgainTest extends RaceTest {

	}

	/**
	 * Another context, with the application's default pool. Run in a child JVM.
	 */
	@SpringBootTest(classes = FaultApplication.class, properties = "fault.context=other")
	@DbIsolation
	@ChildJvmOnly
	static class OtherContextTest {

		@Autowired
		JdbcTemplate jdbc;

		@Test
		void seesItsSeedRows() {
			assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM items", Long.class))
				.isEqualTo(FaultApplication.SEED_ROWS);
		}

	}

	/**
	 * A third context. Run in a child JVM.
	 */
	@SpringBootTest(classes = FaultApplication.class, properties = "fault.context=third")
	@DbIsolation
	@ChildJvmOnly
	static class ThirdContextTest extends OtherContextTest {

	}

}
