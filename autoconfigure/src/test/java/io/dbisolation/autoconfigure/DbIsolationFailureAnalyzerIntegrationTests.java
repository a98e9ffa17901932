package io.dbisolation.autoconfigure;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Execution;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase.Replace;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.SpringBootContextLoader;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.test.context.ContextConfiguration;

import io.dbisolation.test.DbIsolation;
import io.dbisolation.test.DbIsolationException;
import io.dbisolation.testapp.TestApplication;
import io.dbisolation.testsupport.DisposableMariaDb;
import io.dbisolation.testsupport.TestServers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

/**
 * Each failure a user can cause at context start, provoked for real in a
 * {@code @SpringBootTest} run through the JUnit engine: Spring Boot prints
 * {@link DbIsolationFailureAnalyzer}'s description and action instead of a stack trace.
 */
@ExtendWith(OutputCaptureExtension.class)
class DbIsolationFailureAnalyzerIntegrationTests {

	private static final String NL = System.lineSeparator();

	private static final String LOCAL_URL = TestServers.LOCAL_URL;

	private static final String NO_PRIVILEGE_USER = "dbiso_fa_noprivilege";

	/**
	 * The system property with the URL the test of a full server points its context at.
	 */
	private static final String FULL_SERVER_URL = "dbisolation.test.full-server-url";

	@Test
	void unreachableServerSaysToCheckTheServerAndTheSettings(CapturedOutput output) {
		FailureAnalysis analysis = startFailing(UnreachableServer.class, output);
		assertThat(analysis.getDescription())
			.startsWith("Could not connect to the database server 'jdbc:mariadb://127.0.0.1:1?password=***' as 'app': ")
			.endsWith(", vendor code 0).");
		assertThat(analysis.getAction()).isEqualTo("Check that the server is running and that 'spring.datasource.url', "
				+ "'spring.datasource.username' and 'spring.datasource.password' are right, or remove "
				+ "'spring.datasource.url' to use the embedded MariaDB.");
		assertPasswordNotShown(analysis);
	}

	@Test
	@EnabledIf(value = "io.dbisolation.testsupport.TestServers#localAvailable",
			disabledReason = "no MariaDB on 127.0.0.1:3306")
	void wrongPasswordSaysToCheckTheUserAndPassword(CapturedOutput output) {
		FailureAnalysis analysis = startFailing(WrongPassword.class, output);
		assertThat(analysis.getDescription()).matches("Could not connect to the database server "
				+ "'jdbc:mariadb://127\\.0\\.0\\.1:3306' as 'dbiso_fa_nobody': .*Access denied for user "
				+ "'dbiso_fa_nobody'@'[^']+' \\(using password: YES\\) \\(SQLState 28000, vendor code 1045\\)\\.");
		assertThat(analysis.getAction()).isEqualTo("Check 'spring.datasource.username' and "
				+ "'spring.datasource.password', and that the server lets that user connect from this host, or remove "
				+ "'spring.datasource.url' to use the embedded MariaDB.");
		assertPasswordNotShown(analysis);
	}

	@Test
	@EnabledIf(value = "io.dbisolation.testsupport.TestServers#localAvailable",
			disabledReason = "no MariaDB on 127.0.0.1:3306")
	void userWithoutCreatePrivilegeIsToldWhatToGrant(CapturedOutput output) throws SQLException {
		try (Connection root = DriverManager.getConnection(LOCAL_URL, "root", "")) {
			root.createStatement().execute("CREATE USER '" + NO_PRIVILEGE_USER + "'@'%' IDENTIFIED BY 's3cret'");
			try {
				FailureAnalysis analysis = startFailing(NoCreatePrivilege.class, output);
				assertThat(analysis.getDescription()).matches("Could not create schema 'dbiso_[0-9a-z]+_[0-9]+' on "
						+ "'jdbc:mariadb://127.0.0.1:3306': the user '" + NO_PRIVILEGE_USER
						+ "' lacks the CREATE privilege \\(.*\\)\\.");
				assertThat(analysis.getAction())
					.isEqualTo("Grant it with `GRANT ALL ON `dbiso\\_%`.* TO '" + NO_PRIVILEGE_USER
							+ "'@'%'`, or use @DbIsolation(mode = TRANSACTION), which needs no new " + "schemas.");
				assertPasswordNotShown(analysis);
			}
			finally {
				root.createStatement().execute("DROP USER '" + NO_PRIVILEGE_USER + "'@'%'");
			}
		}
	}

	@Test
	void inMemoryDatabaseUrlIsNamedAsNotSupported(CapturedOutput output) {
		FailureAnalysis analysis = startFailing(OnH2.class, output);
		assertThat(analysis.getDescription())
			.isEqualTo("H2 is not supported: DbIsolation needs MySQL, MariaDB or PostgreSQL.");
		assertThat(analysis.getAction()).isEqualTo("Point 'spring.datasource.url' at a MySQL, MariaDB or "
				+ "PostgreSQL server, or remove it to use the embedded server.");
	}

	@Test
	void urlOfAnotherFormSaysWhichFormIsExpected(CapturedOutput output) {
		FailureAnalysis analysis = startFailing(UrlOfAnotherForm.class, output);
		assertThat(analysis.getDescription()).isEqualTo("Unsupported JDBC URL 'jdbc:mysql:loadbalance:db1;"
				+ "password=***': expected the form jdbc:<driver>://<host>:<port>/<database>.");
		assertThat(analysis.getAction()).isEqualTo("Write 'spring.datasource.url' in that form, such as "
				+ "jdbc:mysql://127.0.0.1:3306/app, or remove it to use the embedded MariaDB.");
		assertPasswordNotShown(analysis);
	}

	@Test
	@EnabledIf(value = "io.dbisolation.testsupport.TestServers#localAvailable",
			disabledReason = "no MariaDB on 127.0.0.1:3306")
	void flywayWithoutSpringBootsFlywayModuleNamesTheMissingDependency(CapturedOutput output) {
		FailureAnalysis analysis = startFailing(FlywayWithoutBootModule.class, output);
		assertThat(analysis.getDescription()).isEqualTo("Flyway migrations were found in 'classpath:db/testapp', but "
				+ "Spring Boot will not run them: 'flyway-core' is on the classpath without Spring Boot's Flyway module.");
		assertThat(analysis.getAction()).isEqualTo("Add the dependency "
				+ "'org.springframework.boot:spring-boot-starter-flyway' (Spring Boot 4 moved Flyway's "
				+ "auto-configuration there), or set 'spring.flyway.enabled=false'.");
	}

	@Test
	void serverOutOfConnectionsSaysWhichSettingToChange(CapturedOutput output) throws SQLException {
		try (DisposableMariaDb disposable = DisposableMariaDb.start()) {
			disposable.setGlobal("max_connections", 5);
			List<Connection> hogs = new ArrayList<>();
			try {
				SQLException refused = disposable.connectUntilRefused(hogs);
				assertThat(refused.getErrorCode()).as("refused after %d connections: %s", hogs.size(), refused)
					.isEqualTo(1040);
				System.setProperty(FULL_SERVER_URL, disposable.url());
				FailureAnalysis analysis = startFailing(FullServer.class, output);
				assertThat(analysis.getDescription()).startsWith("Could not connect to the database server '")
					.contains("': the server accepts no more connections (")
					.endsWith(", vendor code 1040).");
				assertThat(analysis.getAction()).isEqualTo("Lower 'dbisolation.connection-budget' (how many "
						+ "connections test contexts may hold on the server, its max_connections less 10 by default), "
						+ "stop what else holds connections, or raise the server's max_connections.");
			}
			finally {
				System.clearProperty(FULL_SERVER_URL);
				for (Connection hog : hogs) {
					hog.close();
				}
			}
		}
	}

	@Test
	void testDatabaseReplacementIsReportedAsTheClassFailureWithoutAStackOfCauses() {
		Throwable failure = failureOf(ReplacedDatabase.class);
		// thrown while JUnit prepares the class, before Spring Boot starts anything, so
		// the message itself is what users see first
		assertThat(failure).isInstanceOf(DbIsolationException.class);
		FailureAnalysis analysis = new DbIsolationFailureAnalyzer().analyze(failure);
		assertThat(analysis.getDescription())
			.isEqualTo("Conflicting annotations on '" + ReplacedDatabase.class.getName()
					+ "': @AutoConfigureTestDatabase replaces the DataSource that @DbIsolation isolates.");
		assertThat(analysis.getAction())
			.isEqualTo("Remove @AutoConfigureTestDatabase, or set it to replace = Replace.NONE.");
	}

	@Test
	void exceptionWithoutAnActionGetsOneThatPointsAtTheCause() {
		FailureAnalysis analysis = new DbIsolationFailureAnalyzer().analyze(new IllegalStateException("Failed to load",
				new DbIsolationException("Could not copy database 'app' into 'dbiso_x_1': gone")));
		assertThat(analysis.getDescription()).isEqualTo("Could not copy database 'app' into 'dbiso_x_1': gone");
		assertThat(analysis.getAction()).isEqualTo(DbIsolationFailureAnalyzer.FALLBACK_ACTION);
	}

	/**
	 * Spring's own "Failed to load ApplicationContext" line lists the test's inlined
	 * properties; what DbIsolation prints must not show the password.
	 */
	private static void assertPasswordNotShown(FailureAnalysis analysis) {
		assertThat(analysis.getDescription()).doesNotContain("s3cret");
		assertThat(analysis.getAction()).doesNotContain("s3cret");
		assertThat(analysis.getCause().getMessage()).doesNotContain("s3cret");
	}

	/**
	 * Runs a test class whose context cannot start, checks that Spring Boot printed the
	 * analysis, and returns it.
	 */
	private static FailureAnalysis startFailing(Class<?> testClass, CapturedOutput output) {
		FailureAnalysis analysis = new DbIsolationFailureAnalyzer().analyze(failureOf(testClass));
		assertThat(analysis).as("analysis of the failure of '%s'", testClass.getSimpleName()).isNotNull();
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("Description:" + NL + NL + analysis.getDescription() + NL)
			.contains("Action:" + NL + NL + analysis.getAction() + NL);
		return analysis;
	}

	private static Throwable failureOf(Class<?> testClass) {
		List<Execution> failed = EngineTestKit.engine("junit-jupiter")
			.selectors(selectClass(testClass))
			.execute()
			.allEvents()
			.executions()
			.failed()
			.list();
		assertThat(failed).as("failed executions of '%s'", testClass.getSimpleName()).hasSize(1);
		return failed.get(0).getTerminationInfo().getExecutionResult().getThrowable().orElseThrow();
	}

	@SpringBootTest(classes = TestApplication.class,
			properties = { "spring.datasource.url=jdbc:mariadb://127.0.0.1:1/app?password=s3cret",
					"spring.datasource.username=app", "spring.datasource.password=s3cret" })
	@DbIsolation
	static class UnreachableServer {

		@Test
		void needsTheContext() {
		}

	}

	@SpringBootTest(classes = TestApplication.class,
			properties = { "spring.datasource.url=" + LOCAL_URL, "spring.datasource.username=dbiso_fa_nobody",
					"spring.datasource.password=s3cret" })
	@DbIsolation
	static class WrongPassword {

		@Test
		void needsTheContext() {
		}

	}

	@SpringBootTest(classes = TestApplication.class,
			properties = { "spring.datasource.url=" + LOCAL_URL, "spring.datasource.username=" + NO_PRIVILEGE_USER,
					"spring.datasource.password=s3cret" })
	@DbIsolation
	static class NoCreatePrivilege {

		@Test
		void needsTheContext() {
		}

	}

	@SpringBootTest(classes = TestApplication.class, properties = "spring.datasource.url=jdbc:h2:mem:app")
	@DbIsolation
	static class OnH2 {

		@Test
		void needsTheContext() {
		}

	}

	@SpringBootTest(classes = TestApplication.class,
			properties = "spring.datasource.url=jdbc:mysql:loadbalance:db1;password=s3cret")
	@DbIsolation
	static class UrlOfAnotherForm {

		@Test
		void needsTheContext() {
		}

	}

	@SpringBootTest(classes = TestApplication.class,
			properties = { "spring.datasource.url=" + LOCAL_URL, "spring.datasource.username=root",
					"spring.datasource.password=", "spring.flyway.locations=classpath:db/testapp" })
	@ContextConfiguration(loader = WithoutBootFlywayModule.class)
	@DbIsolation
	static class FlywayWithoutBootModule {

		@Test
		void needsTheContext() {
		}

	}

	/**
	 * Starts the application with Spring Boot's Flyway module hidden, as when only
	 * {@code flyway-core} is on the classpath.
	 */
	static class WithoutBootFlywayModule extends SpringBootContextLoader {

		@Override
		protected SpringApplication getSpringApplication() {
			SpringApplication application = super.getSpringApplication();
			application.setResourceLoader(
					new DefaultResourceLoader(new FilteredClassLoader("org.springframework.boot.flyway")));
			return application;
		}

	}

	@SpringBootTest(classes = TestApplication.class,
			properties = { "spring.datasource.url=${" + FULL_SERVER_URL + "}", "spring.datasource.username=root" })
	@DbIsolation
	static class FullServer {

		@Test
		void needsTheContext() {
		}

	}

	@SpringBootTest(classes = TestApplication.class)
	@AutoConfigureTestDatabase(replace = Replace.ANY)
	@DbIsolation
	static class ReplacedDatabase {

		@Test
		void needsTheContext() {
		}

	}

}
