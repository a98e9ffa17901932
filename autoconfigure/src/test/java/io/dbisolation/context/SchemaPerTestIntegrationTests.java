package io.dbisolation.context;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import javax.sql.DataSource;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
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
