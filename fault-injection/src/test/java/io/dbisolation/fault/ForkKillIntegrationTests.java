package io.dbisolation.fault;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.assertj.core.api.SoftAssertions;
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
import io.dbisolation.test.DbIsolation;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Test JVMs are killed with SIGKILL twenty times, each once its private schema exists, so
 * that no shutdown hook runs: the next run leaves no private schema behind, and schemas
 * that DbIsolation did not create survive every run, even one whose name has the form of
 * a private schema's (issue 7, item 4).
 */
class ForkKillIntegrationTests {

	private static final int KILLS = 20;

	/**
	 * Children started at once: two cores, and concurrent sweeps are part of the fault.
	 */
	private static final int AT_ONCE = 2;

	/** Not ours, though its name has the form of a private schema's. */
	private static final String LOOKALIKE = "dbiso_abcdefgh_1";

	/** Not ours, with our prefix. */
	private static final String USER_DATA = "dbiso_user_data";

	@TempDir
	Path work;

	@Test
	void killedTestJvmsLeaveNoPrivateSchemaAndSchemasWeDidNotCreateSurvive() {
		try (DisposableMariaDb server = DisposableMariaDb.start()) {
			for (String schema : List.of(LOOKALIKE, USER_DATA)) {
				server.execute("CREATE DATABASE " + schema,
						"CREATE TABLE " + schema + ".notes (id INT PRIMARY KEY, text VARCHAR(40))",
						"INSERT INTO " + schema + ".notes VALUES (1, 'mine')");
			}
			Map<String, String> dataSource = server.dataSourceProperties(server.url("app"));
			Map<String, String> firstMissedAfter = new LinkedHashMap<>();
			long lastKillNanos = 0;
			for (int started = 0; started < KILLS; started += AT_ONCE) {
				List<Fork> forks = new ArrayList<>();
				try {
					for (int i = started; i < Math.min(KILLS, started + AT_ONCE); i++) {
						forks.add(Fork.start("killed-" + (i + 1), this.work, dataSource, HoldingTest.class));
					}
					for (Fork fork : forks) {
						String schema = fork.awaitSignal(HoldingTest.IN_TEST, Fork.TIMEOUT);
						assertThat(server.schemaExists(schema)).as("private schema of '%s'", fork.name()).isTrue();
					}
					forks.forEach(Fork::kill9);
					lastKillNanos = System.nanoTime();
				}
				finally {
					forks.forEach(Fork::close);
				}
				String run = "killed run " + Math.min(KILLS, started + AT_ONCE);
				for (String schema : List.of(LOOKALIKE, USER_DATA)) {
					if (!firstMissedAfter.containsKey(schema) && !survived(server, schema)) {
						firstMissedAfter.put(schema, run);
					}
				}
			}
			LeftoverGrace.awaitRunsGoneSince(lastKillNanos);
			ForkResult next;
			try (Fork fork = Fork.start("next", this.work, dataSource, OrdinaryRun.class)) {
				next = fork.await(Fork.TIMEOUT);
			}
			for (String schema : List.of(LOOKALIKE, USER_DATA)) {
				if (!firstMissedAfter.containsKey(schema) && !survived(server, schema)) {
					firstMissedAfter.put(schema, "the next run");
				}
			}
			SoftAssertions softly = new SoftAssertions();
			softly.assertThat(next.failures()).as(next.describe()).isEmpty();
			softly.assertThat(firstMissedAfter)
				.as("schemas we did not create, with the run after which they (or their row) were gone")
				.isEmpty();
			softly.assertThat(server.privateSchemas())
				.as("schemas of the form of private ones after the next run (only '%s' is not ours)", LOOKALIKE)
				.containsExactly(LOOKALIKE);
			softly.assertAll();
		}
	}

	private static boolean survived(DisposableMariaDb server, String schema) {
		return server.schemaExists(schema) && server.rowCount(schema, "notes") == 1;
	}

	/**
	 * A test that holds its private schema until its JVM is killed. Run in child JVMs.
	 */
	@SpringBootTest(classes = FaultApplication.class)
	@DbIsolation
	@ChildJvmOnly
	static class HoldingTest {

		static final String IN_TEST = "in-test";

		private static final String NEVER = "never";

		@Autowired
		JdbcTemplate jdbc;

		@Test
		void holdsItsSchemaUntilKilled() {
			this.jdbc.update("INSERT INTO items (name) VALUES ('before the kill')");
			Handshake handshake = Handshake.ofThisFork();
			handshake.signal(IN_TEST, this.jdbc.queryForObject("SELECT DATABASE()", String.class));
			// the test that started this JVM kills it; the deadline ends an orphan
			handshake.await(NEVER, Fork.TIMEOUT);
		}

	}

}
