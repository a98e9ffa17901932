package io.dbisolation.context;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.platform.testkit.engine.EngineTestKit;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.web.client.RestClient;

import io.dbisolation.schema.PrivateSchema;
import io.dbisolation.schema.SchemaNames;
import io.dbisolation.server.DatabaseServer;
import io.dbisolation.test.DbIsolation;
import io.dbisolation.test.DbIsolation.Mode;
import io.dbisolation.testapp.ColorService;
import io.dbisolation.testapp.TestApplication;
import io.dbisolation.testsupport.TestServers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;

/**
 * {@code SCHEMA_PER_TEST} on PostgreSQL, where each test's database is reached through
 * the URL: commits are real and seen by other connections, writes of server threads and
 * {@code @Async} methods go to the test's database, the next test starts from the
 * template, and no session of a test stays on its database afterwards.
 */
@SpringBootTest(classes = TestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.flyway.locations=classpath:db/testapp-postgres", "case=pg-schema-per-test" })
@DbIsolation(mode = Mode.SCHEMA_PER_TEST)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class AbstractPostgreSqlSchemaPerTestIntegrationTests {

	private static final Map<Class<?>, String> previousDatabase = new ConcurrentHashMap<>();

	@Autowired
	private JdbcTemplate jdbc;

	@Autowired
	private DataSource dataSource;

	@Autowired
	private ColorService colors;

	@Autowired
	private PrivateSchema contextDatabase;

	@Value("${local.server.port}")
	private int port;

	abstract DatabaseServer server();

	@Test
	@Order(1)
	void commitsAreRealAndOtherConnectionsSeeThem() throws SQLException {
		this.colors.add(10, "purple");
		String database = currentDatabase();
		assertThat(database).isNotEqualTo(this.contextDatabase.name());
		assertThat(SchemaNames.isPrivate(database)).isTrue();
		assertThat(this.colors.committed()).contains("purple");
		try (Connection other = server().connect(database)) {
			assertThat(new JdbcTemplate(new SingleConnectionDataSource(other, true))
				.queryForList("SELECT name FROM colors ORDER BY id", String.class))
				.containsExactly("red", "green", "blue", "purple");
		}
		previousDatabase.put(getClass(), database);
	}

	@Test
	@Order(2)
	void theNextTestStartsFromTheTemplateAndNoSessionOfTheLastOneIsLeft() throws SQLException {
		assertThat(this.jdbc.queryForList("SELECT name FROM colors ORDER BY id", String.class)).containsExactly("red",
				"green", "blue");
		String last = previousDatabase.get(getClass());
		assertThat(last).isNotNull();
		// the sessions of the last test were closed before its database was recycled
		// or dropped; the server may take a moment to forget them
		List<String> sessions = List.of("?");
		for (int attempt = 0; attempt < 100 && !sessions.isEmpty(); attempt++) {
			sessions = TestServers.query(server(), "",
					"SELECT pid::text FROM pg_stat_activity WHERE datname = '" + last + "'");
			if (!sessions.isEmpty()) {
				Thread.onSpinWait();
			}
		}
		assertThat(sessions).isEmpty();
	}

	@Test
	@Order(3)
	void serverThreadsAndAsyncMethodsWriteToTheTestsDatabase() throws Exception {
		RestClient.create("http://localhost:" + this.port).post().uri("/colors/30/teal").retrieve().toBodilessEntity();
		this.colors.addLater(31, "navy").get(30, TimeUnit.SECONDS);
		Thread thread = new Thread(() -> this.jdbc.update("INSERT INTO colors (id, name) VALUES (32, 'lime')"));
		thread.start();
		thread.join(30_000);
		try (Connection other = server().connect(currentDatabase())) {
			assertThat(new JdbcTemplate(new SingleConnectionDataSource(other, true))
				.queryForList("SELECT name FROM colors WHERE id >= 30 ORDER BY id", String.class))
				.containsExactly("teal", "navy", "lime");
		}
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM colors", Long.class)).isEqualTo(6);
	}

	@Test
	@Order(4)
	void theContextsDatabaseStaysAsTheTemplateMadeIt() throws SQLException {
		assertThat(TestServers.query(server(), this.contextDatabase.name(), "SELECT count(*) FROM colors"))
			.containsExactly("3");
	}

	@Test
	void failedTestsDatabaseIsKeptOnRequest() throws SQLException {
		KeepFailed.kept = null;
		System.setProperty(KeepFailed.URL_PROPERTY, server().url("postgres").value());
		try {
			EngineTestKit.engine("junit-jupiter")
				.selectors(selectClass(KeepFailed.class))
				.execute()
				.testEvents()
				.assertThatEvents()
				.haveExactly(1, event(test(), finishedWithFailure()));
		}
		finally {
			System.clearProperty(KeepFailed.URL_PROPERTY);
		}
		assertThat(KeepFailed.kept).isNotNull();
		try {
			assertThat(TestServers.query(server(), KeepFailed.kept, "SELECT name FROM colors WHERE id = 98"))
				.containsExactly("evidence");
		}
		finally {
			TestServers.execute(server(), "", "DROP DATABASE IF EXISTS \"" + KeepFailed.kept + "\" WITH (FORCE)");
		}
	}

	private String currentDatabase() throws SQLException {
		try (Connection connection = this.dataSource.getConnection()) {
			return connection.getCatalog();
		}
	}

	@SpringBootTest(classes = TestApplication.class,
			properties = { "spring.flyway.locations=classpath:db/testapp-postgres", "case=pg-keep-failed",
					"dbisolation.keep-failed=true", "spring.datasource.url=${" + KeepFailed.URL_PROPERTY + "}",
					"spring.datasource.username=postgres" })
	@DbIsolation(mode = Mode.SCHEMA_PER_TEST)
	@DirtiesContext
	static class KeepFailed {

		/** The server's URL, set while the enclosing test runs this class. */
		static final String URL_PROPERTY = "dbisolation.test.keep-failed-url";

		static String kept;

		@Autowired
		JdbcTemplate jdbc;

		@Test
		void fails() {
			this.jdbc.update("INSERT INTO colors (id, name) VALUES (98, 'evidence')");
			kept = this.jdbc.queryForObject("SELECT current_database()", String.class);
			assertThat(this.jdbc.queryForObject("SELECT count(*) FROM colors", Long.class)).isEqualTo(3);
		}

	}

}
