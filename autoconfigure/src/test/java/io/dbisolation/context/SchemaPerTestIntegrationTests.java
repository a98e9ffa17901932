package io.dbisolation.context;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.ConcurrentHashMap;

import javax.sql.DataSource;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.platform.testkit.engine.EngineTestKit;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;

import io.dbisolation.dialect.JdbcUrl;
import io.dbisolation.schema.PrivateSchema;
import io.dbisolation.schema.SchemaNames;
import io.dbisolation.server.DatabaseServer;
import io.dbisolation.test.DbIsolation;
import io.dbisolation.test.DbIsolation.Mode;
import io.dbisolation.testapp.TestApplication;
import io.dbisolation.testsupport.TestServers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedSuccessfully;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;

/**
 * {@code SCHEMA_PER_TEST} on the embedded MariaDB: each test its own schema from the
 * pool, where commits are real and other connections see them.
 */
@SpringBootTest(classes = TestApplication.class,
		properties = { "spring.flyway.locations=classpath:db/testapp", "case=schema-per-test" })
@DbIsolation(mode = Mode.SCHEMA_PER_TEST)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SchemaPerTestIntegrationTests {

	private static final String MIGRATIONS = "spring.flyway.locations=classpath:db/testapp";

	@Autowired
	private JdbcTemplate jdbc;

	@Autowired
	private DataSource dataSource;

	@Autowired
	private PrivateSchema contextSchema;

	@Autowired
	private Environment environment;

	@Test
	@Order(1)
	void commitsAreRealAndOtherConnectionsSeeThem() throws SQLException {
		this.jdbc.update("INSERT INTO colors (id, name) VALUES (10, 'purple')");
		String schema = currentSchema();
		assertThat(schema).isNotEqualTo(this.contextSchema.name());
		assertThat(SchemaNames.isPrivate(schema)).isTrue();
		String url = JdbcUrl.parse(this.environment.getProperty("spring.datasource.url")).withDatabase(schema).value();
		try (Connection other = DriverManager.getConnection(url, "root", "")) {
			assertThat(new JdbcTemplate(new org.springframework.jdbc.datasource.SingleConnectionDataSource(other, true))
				.queryForObject("SELECT COUNT(*) FROM colors", Long.class)).isEqualTo(4);
		}
	}

	@Test
	@Order(2)
	void everyTestStartsFromTheTemplate() {
		assertThat(this.jdbc.queryForList("SELECT name FROM colors ORDER BY id", String.class)).containsExactly("red",
				"green", "blue");
	}

	@Test
	void testsRunningAtTheSameTimeEachHaveTheirOwnSchema() {
		Parallel.schemas.clear();
		EngineTestKit.engine("junit-jupiter")
			.selectors(selectClass(Parallel.class))
			.configurationParameter("junit.jupiter.execution.parallel.enabled", "true")
			.configurationParameter("junit.jupiter.execution.parallel.mode.default", "concurrent")
			.execute()
			.testEvents()
			.assertThatEvents()
			.haveExactly(2, event(test(), finishedSuccessfully()));
		assertThat(Parallel.schemas.values()).doesNotHaveDuplicates().hasSize(2);
	}

	@Test
	void parallelInvocationsOfOneRepeatedTestEachHaveTheirOwnSchema() {
		Repeated.schemas.clear();
		EngineTestKit.engine("junit-jupiter")
			.selectors(selectClass(Repeated.class))
			.configurationParameter("junit.jupiter.execution.parallel.enabled", "true")
			.configurationParameter("junit.jupiter.execution.parallel.mode.default", "concurrent")
			.configurationParameter("junit.jupiter.execution.parallel.config.strategy", "fixed")
			.configurationParameter("junit.jupiter.execution.parallel.config.fixed.parallelism", "4")
			// all four must run at once, also where a blocked worker would not be
			// replaced
			.configurationParameter("junit.jupiter.execution.parallel.config.fixed.saturate", "false")
			.configurationParameter("junit.jupiter.execution.parallel.config.fixed.max-pool-size", "8")
			.execute()
			.testEvents()
			.assertThatEvents()
			.haveExactly(4, event(test(), finishedSuccessfully()));
		assertThat(Repeated.schemas).hasSize(4).doesNotHaveDuplicates();
	}

	@Test
	void threadOfAFinishedTestIsRefusedAndNeverWritesToTheNextTestsSchema() {
		OutlivingThread.late = new CompletableFuture<>();
		OutlivingThread.release = new CountDownLatch(1);
		EngineTestKit.engine("junit-jupiter")
			.selectors(selectClass(OutlivingThread.class))
			.execute()
			.testEvents()
			.assertThatEvents()
			.haveExactly(2, event(test(), finishedSuccessfully()));
		assertThat(OutlivingThread.late).isCompletedWithValueMatching((failure) -> failure.contains(
				"A thread of test '" + OutlivingThread.class.getName() + ".startsAThreadThatOutlivesIt' asked for a "
						+ "connection after the test ended: its schema may already be another test's, so "
						+ "DbIsolation refuses it. Wait for that work in the test (join the thread, get the future) "
						+ "before the test ends."));
	}

	@Test
	void failedTestsSchemaIsKeptOnRequest() throws SQLException {
		KeepFailed.schemas.clear();
		EngineTestKit.engine("junit-jupiter")
			.selectors(selectClass(KeepFailed.class))
			.execute()
			.testEvents()
			.assertThatEvents()
			.haveExactly(1, event(test(), finishedWithFailure()));
		String kept = KeepFailed.schemas.get("fails");
		DatabaseServer server = TestServers.embedded();
		try {
			assertThat(TestServers.exists(server, kept)).isTrue();
		}
		finally {
			try (Connection connection = server.connect("")) {
				server.dialect().dropSchema(connection, kept);
			}
		}
	}

	private String currentSchema() throws SQLException {
		try (Connection connection = this.dataSource.getConnection()) {
			return connection.getCatalog();
		}
	}

	@SpringBootTest(classes = TestApplication.class, properties = { MIGRATIONS, "case=schema-per-test" })
	@DbIsolation(mode = Mode.SCHEMA_PER_TEST)
	static class Parallel {

		static final Map<String, String> schemas = new ConcurrentHashMap<>();

		@Autowired
		JdbcTemplate jdbc;

		@Test
		void first() {
			insertTheSameKey("first");
		}

		@Test
		void second() {
			insertTheSameKey("second");
		}

		private void insertTheSameKey(String test) {
			this.jdbc.update("INSERT INTO colors (id, name) VALUES (99, ?)", test);
			schemas.put(test, this.jdbc.queryForObject("SELECT DATABASE()", String.class));
			assertThat(this.jdbc.queryForList("SELECT name FROM colors WHERE id = 99", String.class))
				.containsExactly(test);
		}

	}

	@SpringBootTest(classes = TestApplication.class, properties = { MIGRATIONS, "case=schema-per-test" })
	@DbIsolation(mode = Mode.SCHEMA_PER_TEST)
	static class Repeated {

		static final List<String> schemas = new CopyOnWriteArrayList<>();

		private static final CyclicBarrier together = new CyclicBarrier(4);

		@Autowired
		JdbcTemplate jdbc;

		@RepeatedTest(4)
		void insertsTheSameKey(RepetitionInfo repetition) throws Exception {
			String mine = "repetition " + repetition.getCurrentRepetition();
			// all four run at once, so that each one's schema is looked up while the
			// others run
			together.await(30, TimeUnit.SECONDS);
			this.jdbc.update("INSERT INTO colors (id, name) VALUES (99, ?)", mine);
			together.await(30, TimeUnit.SECONDS);
			assertThat(this.jdbc.queryForList("SELECT name FROM colors WHERE id = 99", String.class))
				.containsExactly(mine);
			schemas.add(this.jdbc.queryForObject("SELECT DATABASE()", String.class));
		}

	}

	@SpringBootTest(classes = TestApplication.class, properties = { MIGRATIONS, "case=schema-per-test" })
	@DbIsolation(mode = Mode.SCHEMA_PER_TEST)
	@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
	static class OutlivingThread {

		static CompletableFuture<String> late;

		static CountDownLatch release;

		@Autowired
		JdbcTemplate jdbc;

		@Test
		@Order(1)
		void startsAThreadThatOutlivesIt() {
			new Thread(() -> {
				try {
					release.await(30, TimeUnit.SECONDS);
					this.jdbc.update("INSERT INTO colors (id, name) VALUES (97, 'late')");
					late.complete("written");
				}
				catch (Exception ex) {
					late.complete(ex.getMessage() + " / " + String.valueOf(ex.getCause()));
				}
			}).start();
		}

		@Test
		@Order(2)
		void nextTestSeesNothingOfIt() throws Exception {
			release.countDown();
			late.get(30, TimeUnit.SECONDS);
			assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM colors WHERE id = 97", Long.class)).isZero();
		}

	}

	@SpringBootTest(classes = TestApplication.class,
			properties = { MIGRATIONS, "case=schema-per-test", "dbisolation.keep-failed=true" })
	@DbIsolation(mode = Mode.SCHEMA_PER_TEST)
	static class KeepFailed {

		static final Map<String, String> schemas = new ConcurrentHashMap<>();

		@Autowired
		JdbcTemplate jdbc;

		@Test
		void fails() {
			this.jdbc.update("INSERT INTO colors (id, name) VALUES (98, 'evidence')");
			schemas.put("fails", this.jdbc.queryForObject("SELECT DATABASE()", String.class));
			assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM colors", Long.class)).isEqualTo(3);
		}

	}

}
