package io.dbisolation.fault;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;

import io.dbisolation.fault.app.FaultApplication;
import io.dbisolation.fault.support.ChildJvmOnly;
import io.dbisolation.fault.support.DisposableMariaDb;
import io.dbisolation.fault.support.Fork;
import io.dbisolation.fault.support.ForkResult;
import io.dbisolation.fault.support.Handshake;
import io.dbisolation.test.DbIsolation;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two and three "machines" (JVMs with settings and directories of their own) start the
 * same suite at the same moment against one server that has no template yet: all pass,
 * exactly one of them builds the template, and no private schema is left.
 */
class ConcurrentMachinesIntegrationTests {

	private static final String BUILDING_TEMPLATE = "Building template";

	@TempDir
	Path work;

	@ParameterizedTest(name = "{0} machines")
	@ValueSource(ints = { 2, 3 })
	void machinesStartingTogetherBuildOneTemplateAndLeaveNothing(int machines) {
		try (DisposableMariaDb server = DisposableMariaDb.start()) {
			List<Fork> forks = new ArrayList<>();
			List<ForkResult> results = new ArrayList<>();
			try {
				for (int machine = 1; machine <= machines; machine++) {
					Map<String, String> properties = new HashMap<>(server.dataSourceProperties(server.url("app")));
					properties.put("dbisolation.embedded.cache-directory",
							this.work.resolve("machine-" + machine).resolve("cache").toString());
					properties.put(MachineTest.BARRIER, this.work.resolve("barrier").toString());
					properties.put(MachineTest.MACHINES, Integer.toString(machines));
					properties.put(MachineTest.MACHINE, Integer.toString(machine));
					forks.add(Fork.start("machine-" + machine, this.work, properties, MachineTest.class));
				}
				for (Fork fork : forks) {
					results.add(fork.await(Fork.TIMEOUT));
				}
			}
			finally {
				forks.forEach(Fork::close);
			}
			SoftAssertions softly = new SoftAssertions();
			for (ForkResult result : results) {
				softly.assertThat(result.failures()).as(result.describe()).isEmpty();
				softly.assertThat(result.tests()).as(result.describe()).hasSize(2);
			}
			softly.assertThat(results.stream().mapToLong((result) -> result.linesContaining(BUILDING_TEMPLATE)).sum())
				.as("'%s' lines in the output of all machines", BUILDING_TEMPLATE)
				.isEqualTo(1);
			softly.assertThat(server.templates()).as("templates on the server").hasSize(1);
			softly.assertThat(server.privateSchemas()).as("private schemas left").isEmpty();
			softly.assertAll();
		}
	}

	/**
	 * The suite each machine runs: it waits for all machines before its context starts,
	 * then writes a row that only it may see. Run in child JVMs.
	 */
	@SpringBootTest(classes = FaultApplication.class)
	@DbIsolation
	@ChildJvmOnly
	@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
	static class MachineTest {

		static final String BARRIER = "fault.barrier";

		static final String MACHINES = "fault.machines";

		static final String MACHINE = "fault.machine";

		@Autowired
		JdbcTemplate jdbc;

		@BeforeAll
		static void startTogether() {
			new Handshake(Path.of(System.getProperty(BARRIER))).meet(Integer.getInteger(MACHINE),
					Integer.getInteger(MACHINES), Fork.TIMEOUT);
		}

		@Test
		@Order(1)
		void writesARowOnlyItSees() {
			this.jdbc.update("INSERT INTO items (name) VALUES (?)", "machine " + System.getProperty(MACHINE));
			assertThat(this.jdbc.queryForList("SELECT name FROM items WHERE name LIKE 'machine %'", String.class))
				.containsExactly("machine " + System.getProperty(MACHINE));
		}

		@Test
		@Order(2)
		void seesOnlyTheSeedRows() {
			assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM items", Long.class))
				.isEqualTo(FaultApplication.SEED_ROWS);
		}

	}

}
