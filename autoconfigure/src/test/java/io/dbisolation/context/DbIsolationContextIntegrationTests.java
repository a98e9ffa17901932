package io.dbisolation.context;

import java.sql.Connection;
import java.sql.SQLException;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

import org.springframework.aop.support.AopUtils;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.test.context.TestContext;
import org.springframework.test.context.TestContextManager;

import io.dbisolation.dialect.JdbcUrl;
import io.dbisolation.schema.PrivateSchema;
import io.dbisolation.schema.SchemaNames;
import io.dbisolation.test.DbIsolation;
import io.dbisolation.test.DbIsolationException;
import io.dbisolation.testapp.TestApplication;
import io.dbisolation.testsupport.TestServers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Spring test contexts on the embedded MariaDB: each gets a private schema cloned from
 * the template, shared by classes of the same configuration and dropped when the context
 * closes.
 */
class DbIsolationContextIntegrationTests {

	private static final String MIGRATIONS = "spring.flyway.locations=classpath:db/testapp";

	private static final String POSTGRES_URL = "jdbc:postgresql://127.0.0.1:5432/test";

	@Test
	void contextGetsAPrivateSchemaClonedFromTheTemplate() throws SQLException {
		ApplicationContext context = testContext(First.class).getApplicationContext();
		DataSource dataSource = context.getBean(DataSource.class);
		assertThat(dataSource).isInstanceOf(HikariDataSource.class);
		assertThat(AopUtils.isCglibProxy(dataSource)).isTrue();
		try (Connection connection = dataSource.getConnection()) {
			assertThat(SchemaNames.isPrivate(connection.getCatalog())).isTrue();
			assertThat(connection.getCatalog()).isEqualTo(schemaOf(context));
		}
		JdbcTemplate jdbc = new JdbcTemplate(dataSource);
		assertThat(jdbc.queryForList("SELECT name FROM colors ORDER BY id", String.class)).containsExactly("red",
				"green", "blue");
	}

	@Test
	void theDataSourceKeepsItsTypeAndItsConfiguration() {
		ApplicationContext context = testContext(First.class).getApplicationContext();
		HikariDataSource hikari = context.getBean(HikariDataSource.class);
		assertThat(hikari).isSameAs(context.getBean(DataSource.class));
		assertThat(hikari.getJdbcUrl()).contains("/" + schemaOf(context));
		assertThat(hikari.getMaximumPoolSize()).isPositive();
		assertThat(hikari.getHikariPoolMXBean().getTotalConnections()).isPositive();
	}

	@Test
	void applicationFlywayFindsNothingLeftToMigrate() {
		ApplicationContext context = testContext(First.class).getApplicationContext();
		Flyway flyway = context.getBean(Flyway.class);
		assertThat(flyway.info().pending()).isEmpty();
		assertThat(flyway.info().applied()).hasSize(2);
	}

	@Test
	void classesWithTheSameConfigurationShareASchemaAndOthersDoNot() {
		String first = schemaOf(testContext(First.class).getApplicationContext());
		assertThat(schemaOf(testContext(SameAsFirst.class).getApplicationContext())).isEqualTo(first);
		assertThat(schemaOf(testContext(Other.class).getApplicationContext())).isNotEqualTo(first);
	}

	@Test
	void closingTheContextDropsItsSchema() {
		TestContext testContext = testContext(ClosedEarly.class);
		ApplicationContext context = testContext.getApplicationContext();
		PrivateSchema schema = context.getBean(PrivateSchema.class);
		String serverUrl = JdbcUrl.parse(context.getEnvironment().getProperty("spring.datasource.url"))
			.withDatabase("")
			.value();
		testContext.markApplicationContextDirty(null);
		JdbcTemplate jdbc = new JdbcTemplate(new DriverManagerDataSource(serverUrl, "root", ""));
		assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = ?",
				Integer.class, schema.name()))
			.isZero();
	}

	@Test
	void switchedOffContextsShareOneDatabaseOtherThanTransactionModes() throws SQLException {
		TestServers.resetEmbeddedSharedDatabase();
		TestContext testContext = testContext(SwitchedOff.class);
		ApplicationContext context = testContext.getApplicationContext();
		assertThat(context.containsBean(ContextTarget.SCHEMA_BEAN_NAME)).isFalse();
		try (Connection connection = context.getBean(DataSource.class).getConnection()) {
			assertThat(connection.getCatalog()).isEqualTo("test_off");
		}
		finally {
			testContext.markApplicationContextDirty(null);
			TestServers.resetEmbeddedSharedDatabase();
		}
	}

	@Test
	void unreachableServerIsNamedWithoutItsPassword() {
		assertThatIllegalStateException().isThrownBy(() -> testContext(Unreachable.class).getApplicationContext())
			.havingCause()
			.isInstanceOf(DbIsolationException.class)
			.withMessageStartingWith(
					"Could not connect to the database server 'jdbc:mysql://127.0.0.1:1?password=***' as 'app': ")
			.withMessageEndingWith("Check that the server is running and that 'spring.datasource.url', "
					+ "'spring.datasource.username' and 'spring.datasource.password' are right, "
					+ "or remove 'spring.datasource.url' to use the embedded MariaDB.")
			.withMessageNotContaining("s3cret");
	}

	@Test
	@EnabledIf(value = "postgresAvailable", disabledReason = "no PostgreSQL on 127.0.0.1:5432")
	void contextOnPostgresqlGetsAPrivateDatabaseClonedFromTheTemplate() throws SQLException {
		ApplicationContext context = testContext(OnPostgres.class).getApplicationContext();
		DataSource dataSource = context.getBean(DataSource.class);
		try (Connection connection = dataSource.getConnection()) {
			assertThat(connection.getMetaData().getURL()).endsWith("/" + schemaOf(context));
			assertThat(connection.getCatalog()).isEqualTo(schemaOf(context));
			assertThat(SchemaNames.isPrivate(connection.getCatalog())).isTrue();
		}
		JdbcTemplate jdbc = new JdbcTemplate(dataSource);
		assertThat(jdbc.queryForList("SELECT name FROM colors ORDER BY id", String.class)).containsExactly("red",
				"green", "blue");
	}

	static boolean postgresAvailable() {
		try (Connection ignored = java.sql.DriverManager.getConnection(POSTGRES_URL, "postgres", "")) {
			return true;
		}
		catch (SQLException ex) {
			return false;
		}
	}

	private static TestContext testContext(Class<?> testClass) {
		return new TestContextManager(testClass).getTestContext();
	}

	private static String schemaOf(ApplicationContext context) {
		return context.getBean(PrivateSchema.class).name();
	}

	@SpringBootTest(classes = TestApplication.class, properties = MIGRATIONS)
	@DbIsolation
	static class First {

	}

	@SpringBootTest(classes = TestApplication.class, properties = MIGRATIONS)
	@DbIsolation
	static class SameAsFirst {

	}

	@SpringBootTest(classes = TestApplication.class, properties = { MIGRATIONS, "other=true" })
	@DbIsolation
	static class Other {

	}

	@SpringBootTest(classes = TestApplication.class, properties = { MIGRATIONS, "closed-early=true" })
	@DbIsolation
	static class ClosedEarly {

	}

	@SpringBootTest(classes = TestApplication.class, properties = { MIGRATIONS, "dbisolation.enabled=false" })
	@DbIsolation
	static class SwitchedOff {

	}

	@SpringBootTest(classes = TestApplication.class,
			properties = { MIGRATIONS, "spring.datasource.url=jdbc:mysql://127.0.0.1:1/app?password=s3cret",
					"spring.datasource.username=app" })
	@DbIsolation
	static class Unreachable {

	}

	@SpringBootTest(classes = TestApplication.class,
			properties = { "spring.flyway.locations=classpath:db/testapp-postgres",
					"spring.datasource.url=" + POSTGRES_URL, "spring.datasource.username=postgres" })
	@DbIsolation
	static class OnPostgres {

	}

}
