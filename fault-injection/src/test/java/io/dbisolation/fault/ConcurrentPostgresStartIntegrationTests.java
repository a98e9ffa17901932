package io.dbisolation.fault;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;

import io.dbisolation.fault.extension.ExtensionApplication;
import io.dbisolation.fault.support.ChildJvmOnly;
import io.dbisolation.fault.support.DisposablePostgres;
import io.dbisolation.fault.support.Fork;
import io.dbisolation.fault.support.ForkResult;
import io.dbisolation.fault.support.Handshake;
import io.dbisolation.test.DbIsolation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Ten JVMs, ten forks' worth of contexts, start at the same moment against a fresh
 * PostgreSQL (no template, no registry) with an application whose migrations run
 * {@code CREATE EXTENSION}: all pass, exactly one of them builds the template while the
 * others wait for its lock and then use it, and no private database is left.
 * <p>
 * The second test shows the race that lock keeps away: sessions that run the same
 * {@code CREATE EXTENSION IF NOT EXISTS} in one database at once fail with
 * {@code duplicate key value violates unique constraint "pg_extension_name_index"}, as
 * the parallel test binaries of the seed story did (here 9 of 10 sessions fail, in the
 * first fresh database tried). The same ten JVMs with {@code dbisolation.enabled=false}
 * do not show it: Flyway takes an advisory lock of its own on PostgreSQL, so its
 * migrations of one database never run at once (three rounds of ten JVMs, no collision);
 * their tests fail instead, as they all work in the application's own database.
 */
class ConcurrentPostgresStartIntegrationTests {

	private static final int FORKS = 10;

	/** Ten JVMs on one machine: small heaps. */
	private static final List<String> SMALL_HEAP = List.of("-Xmx256m", "-Xss512k");

	/** Ten JVMs share two cores: each may take longer than one alone. */
	private static final Duration FORK_TIMEOUT = Fork.TIMEOUT.multipliedBy(2);

	private static final String BUILDING_TEMPLATE = "Building template";

	private static final String USING_TEMPLATE = "Using template";

	/** How many fresh databases the race gets to show itself. */
	private static final int RACE_ATTEMPTS = 20;

	@TempDir
	Path work;

	@BeforeAll
	static void postgresInstalled() {
		assumeTrue(DisposablePostgres.isInstalled(), "No PostgreSQL 15 programs in '" + DisposablePostgres.BINARIES
				+ "': install Debian's postgresql-15 to run the PostgreSQL fault scenarios");
	}

	@Test
	void tenForksStartingTogetherOnAFreshServerBuildOneTemplateAndLeaveNothing() {
		try (DisposablePostgres server = DisposablePostgres.start()) {
			server.execute("postgres", "CREATE DATABASE app");
			List<Fork> forks = new ArrayList<>();
			List<ForkResult> results = new ArrayList<>();
			try {
				for (int fork = 1; fork <= FORKS; fork++) {
					Map<String, String> properties = new HashMap<>(server.dataSourceProperties("app"));
					properties.put("dbisolation.embedded.cache-directory", this.work.resolve("cache").toString());
					properties.put(ForkTest.BARRIER, this.work.resolve("barrier").toString());
					properties.put(ForkTest.FORKS, Integer.toString(FORKS));
					properties.put(ForkTest.FORK, Integer.toString(fork));
					forks.add(Fork.start("fork-" + fork, this.work, properties, SMALL_HEAP, ForkTest.class));
				}
				for (Fork fork : forks) {
					results.add(fork.await(FORK_TIMEOUT));
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
			softly.assertThat(linesContaining(results, BUILDING_TEMPLATE))
				.as("'%s' lines in the output of all forks", BUILDING_TEMPLATE)
				.isEqualTo(1);
			softly.assertThat(linesContaining(results, USING_TEMPLATE))
				.as("'%s' lines in the output of all forks", USING_TEMPLATE)
				.isEqualTo(FORKS - 1);
			List<TemplateStep> steps = templateSteps(forks);
			softly.assertThat(steps).as("template steps in the forks' run reports").hasSize(FORKS);
			steps.stream()
				.filter(TemplateStep::built)
				.findFirst()
				.ifPresent((build) -> softly
					.assertThat(steps.stream().filter((step) -> !step.built() && step.at() < build.end()).count())
					.as("forks that asked for the template while another built it: the lock was contested")
					.isPositive());
			List<String> templates = server.templates();
			softly.assertThat(templates).as("templates on the server").hasSize(1);
			if (templates.size() == 1) {
				softly.assertThat(server.queryForStrings(templates.get(0), "SELECT extname FROM pg_extension"))
					.as("extensions in the template")
					.contains("citext", "pgcrypto");
			}
			softly.assertThat(server.privateDatabases()).as("private databases left").isEmpty();
			softly
				.assertThat(
						server.queryForStrings("app", "SELECT tablename FROM pg_tables WHERE schemaname = 'public'"))
				.as("tables in the application's own database")
				.isEmpty();
			softly.assertAll();
		}
	}

	@Test
	void sessionsCreatingTheSameExtensionAtOnceWithoutALockCollide() throws Exception {
		try (DisposablePostgres server = DisposablePostgres.start()) {
			List<SQLException> collisions = new ArrayList<>();
			int attempts = 0;
			while (collisions.isEmpty() && attempts < RACE_ATTEMPTS) {
				attempts++;
				String database = "race_" + attempts;
				server.execute("postgres", "CREATE DATABASE " + database);
				collisions.addAll(createExtensionAtOnce(server, database));
			}
			assertThat(collisions).as("collisions in %d fresh databases", attempts)
				.isNotEmpty()
				.allSatisfy((collision) -> {
					assertThat(collision.getSQLState()).isEqualTo("23505");
					assertThat(collision.getMessage()).contains("pg_extension_name_index");
				});
		}
	}

	/**
	 * Each fork's template step, from the event file of its run report: when it asked for
	 * the template (before it waited for the lock), how long it took, whether it built
	 * it.
	 */
	private static List<TemplateStep> templateSteps(List<Fork> forks) {
		List<TemplateStep> steps = new ArrayList<>();
		for (Fork fork : forks) {
			Path reports = fork.handshake().directory().resolve("target/dbisolation");
			try (DirectoryStream<Path> events = Files.newDirectoryStream(reports, "events-*.tsv")) {
				for (Path file : events) {
					Files.readAllLines(file)
						.stream()
						.map((line) -> line.split("\t", -1))
						.filter((fields) -> fields[0].equals("template"))
						.map((fields) -> new TemplateStep(Long.parseLong(fields[1]), Long.parseLong(fields[2]),
								fields[6].equals("1")))
						.forEach(steps::add);
				}
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}
		return steps;
	}

	private static long linesContaining(List<ForkResult> results, String text) {
		return results.stream().mapToLong((result) -> result.linesContaining(text)).sum();
	}

	/**
	 * What each fork's migrations would do without DbIsolation's lock, in one database:
	 * {@link #FORKS} sessions, connected beforehand, run
	 * {@code CREATE EXTENSION IF NOT EXISTS citext} at the same moment.
	 */
	private static List<SQLException> createExtensionAtOnce(DisposablePostgres server, String database)
			throws Exception {
		List<Connection> connections = new ArrayList<>();
		ExecutorService sessions = Executors.newFixedThreadPool(FORKS);
		try {
			for (int i = 0; i < FORKS; i++) {
				connections.add(server.connect(database));
			}
			CyclicBarrier start = new CyclicBarrier(FORKS);
			List<Future<SQLException>> outcomes = new ArrayList<>();
			for (Connection connection : connections) {
				outcomes.add(sessions.submit(() -> {
					try (Statement statement = connection.createStatement()) {
						start.await(30, TimeUnit.SECONDS);
						statement.execute("CREATE EXTENSION IF NOT EXISTS citext");
						return null;
					}
					catch (SQLException ex) {
						return ex;
					}
				}));
			}
			List<SQLException> failures = new ArrayList<>();
			for (Future<SQLException> outcome : outcomes) {
				SQLException failure = outcome.get(60, TimeUnit.SECONDS);
				if (failure != null) {
					failures.add(failure);
				}
			}
			return failures;
		}
		finally {
			sessions.shutdownNow();
			for (Connection connection : connections) {
				connection.close();
			}
		}
	}

	/**
	 * A fork's template step.
	 *
	 * @param at when it asked for the template, in milliseconds since the epoch
	 * @param millis how long it took, waiting for the lock included
	 * @param built whether this fork built the template
	 */
	record TemplateStep(long at, long millis, boolean built) {

		long end() {
			return this.at + this.millis;
		}

	}

	/**
	 * The suite each fork runs: its context waits for all forks before it creates its
	 * beans, then it writes a row that only it may see, in a table whose column type an
	 * extension brought. Run in child JVMs.
	 */
	@SpringBootTest(classes = ExtensionApplication.class, properties = ExtensionApplication.PROPERTIES)
	@DbIsolation
	@ChildJvmOnly
	@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
	static class ForkTest {

		static final String BARRIER = "fault.barrier";

		static final String FORKS = "fault.forks";

		static final String FORK = "fault.fork";

		@Autowired
		JdbcTemplate jdbc;

		/**
		 * Holds the context's start until every fork's context is ready to create its
		 * beans: then all want the template at the same moment.
		 */
		@TestConfiguration(proxyBeanMethods = false)
		static class StartTogether {

			@Bean
			static BeanFactoryPostProcessor startTogether() {
				return (beanFactory) -> new Handshake(Path.of(System.getProperty(BARRIER)))
					.meet(Integer.getInteger(FORK), Integer.getInteger(FORKS), FORK_TIMEOUT);
			}

		}

		@Test
		@Order(1)
		void writesARowOnlyItSees() {
			assertThat(this.jdbc.queryForObject("SELECT current_database()", String.class)).startsWith("dbiso_")
				.doesNotStartWith("dbiso_tpl_");
			String email = "Fork-" + System.getProperty(FORK) + "@example.com";
			this.jdbc.update("INSERT INTO members (email) VALUES (?)", email);
			// citext: the address matches whatever its case
			assertThat(this.jdbc.queryForList("SELECT email FROM members WHERE email LIKE 'fork-%'", String.class))
				.containsExactly(email);
		}

		@Test
		@Order(2)
		void seesOnlyTheSeedRows() {
			assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM members", Long.class))
				.isEqualTo(ExtensionApplication.SEED_ROWS);
		}

	}

}
