package io.dbisolation.context;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.dbisolation.schema.SchemaNames;
import io.dbisolation.server.DatabaseServer;
import io.dbisolation.test.DbIsolation;
import io.dbisolation.testapp.TestApplication;
import io.dbisolation.testsupport.TestServers;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An application with three DataSources: the primary one, a second pool on the same
 * database, and one for a reports database on the same server.
 */
class MultipleDataSourcesIntegrationTests {

	private static final String REPORTS = "dbisolation_reports_it";

	@BeforeAll
	static void createReportsDatabase() throws SQLException {
		DatabaseServer server = TestServers.embedded();
		try (Connection connection = server.connect("")) {
			server.dialect().dropSchema(connection, REPORTS);
			server.dialect().createSchema(connection, REPORTS);
		}
		try (Connection connection = server.connect(REPORTS); Statement statement = connection.createStatement()) {
			statement.execute("CREATE TABLE report_rows (id INT PRIMARY KEY, title VARCHAR(40))");
			statement.execute("INSERT INTO report_rows VALUES (1, 'daily'), (2, 'weekly')");
		}
	}

	@AfterAll
	static void dropReportsDatabase() throws SQLException {
		DatabaseServer server = TestServers.embedded();
		try (Connection connection = server.connect("")) {
			server.dialect().dropSchema(connection, REPORTS);
		}
	}

	static void reportsUrl(DynamicPropertyRegistry registry) {
		registry.add("app.reports.url", () -> TestServers.embedded().url(REPORTS).value());
	}

	static int reportRowsOnTheServer() throws SQLException {
		return new JdbcTemplate(new org.springframework.jdbc.datasource.SingleConnectionDataSource(
				TestServers.embedded().connect(REPORTS), true))
			.queryForObject("SELECT COUNT(*) FROM report_rows", Integer.class);
	}

	@Nested
	@SpringBootTest(classes = { TestApplication.class, ThreeDataSources.class },
			properties = "spring.flyway.locations=classpath:db/testapp")
	@DbIsolation
	@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
	class Isolated {

		@DynamicPropertySource
		static void properties(DynamicPropertyRegistry registry) {
			reportsUrl(registry);
		}

		@Autowired
		private DataSource dataSource;

		@Autowired
		@Qualifier("mirrorDataSource")
		private DataSource mirror;

		@Autowired
		@Qualifier("reportsDataSource")
		private DataSource reports;

		@Test
		@Order(1)
		void aDataSourceOnAnotherDatabaseGetsAPrivateCopyOfIt() throws SQLException {
			try (Connection connection = this.reports.getConnection()) {
				assertThat(SchemaNames.isPrivate(connection.getCatalog())).isTrue();
			}
			JdbcTemplate jdbc = new JdbcTemplate(this.reports);
			assertThat(jdbc.queryForList("SELECT title FROM report_rows ORDER BY id", String.class))
				.containsExactly("daily", "weekly");
			jdbc.update("INSERT INTO report_rows VALUES (3, 'monthly')");
			assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM report_rows", Integer.class)).isEqualTo(3);
			assertThat(reportRowsOnTheServer()).isEqualTo(2);
		}

		@Test
		@Order(2)
		void writesOnTheCopyAreRolledBackLikeAnyOther() {
			assertThat(new JdbcTemplate(this.reports).queryForObject("SELECT COUNT(*) FROM report_rows", Integer.class))
				.isEqualTo(2);
		}

		@Test
		@Order(3)
		void twoDataSourcesOnOneDatabaseShareTheTestsTransaction() {
			JdbcTemplate primary = new JdbcTemplate(this.dataSource);
			JdbcTemplate second = new JdbcTemplate(this.mirror);
			primary.update("INSERT INTO colors (id, name) VALUES (10, 'teal')");
			assertThat(second.queryForObject("SELECT name FROM colors WHERE id = 10", String.class)).isEqualTo("teal");
			// the same row from both: one transaction, so no lock wait
			second.update("UPDATE colors SET name = 'cyan' WHERE id = 10");
			primary.update("UPDATE colors SET name = 'aqua' WHERE id = 10");
			assertThat(second.queryForObject("SELECT name FROM colors WHERE id = 10", String.class)).isEqualTo("aqua");
		}

		@Test
		@Order(4)
		void whatBothWroteIsRolledBack() {
			assertThat(new JdbcTemplate(this.mirror).queryForObject("SELECT COUNT(*) FROM colors", Integer.class))
				.isEqualTo(3);
		}

	}

	@Nested
	@SpringBootTest(classes = { TestApplication.class, ThreeDataSources.class },
			properties = "spring.flyway.locations=classpath:db/testapp")
	@DbIsolation(excludeDataSources = "reportsDataSource")
	class Excluded {

		@DynamicPropertySource
		static void properties(DynamicPropertyRegistry registry) {
			reportsUrl(registry);
		}

		@Autowired
		@Qualifier("reportsDataSource")
		private DataSource reports;

		@Test
		void anExcludedDataSourceIsLeftAlone() throws SQLException {
			assertThat(this.reports).isExactlyInstanceOf(HikariDataSource.class);
			try (Connection connection = this.reports.getConnection()) {
				assertThat(connection.getCatalog()).isEqualTo(REPORTS);
			}
		}

	}

	@TestConfiguration(proxyBeanMethods = false)
	static class ThreeDataSources {

		@Bean
		@Primary
		HikariDataSource dataSource(DataSourceProperties properties) {
			return properties.initializeDataSourceBuilder().type(HikariDataSource.class).build();
		}

		@Bean
		HikariDataSource mirrorDataSource(DataSourceProperties properties) {
			HikariDataSource mirror = properties.initializeDataSourceBuilder().type(HikariDataSource.class).build();
			// were it a transaction of its own, the test would wait for a lock; fail fast
			mirror.setConnectionInitSql("SET SESSION innodb_lock_wait_timeout = 2");
			return mirror;
		}

		@Bean
		HikariDataSource reportsDataSource(org.springframework.core.env.Environment environment) {
			HikariDataSource reports = new HikariDataSource();
			reports.setJdbcUrl(environment.getProperty("app.reports.url"));
			reports.setUsername("root");
			reports.setPassword("");
			return reports;
		}

	}

}
