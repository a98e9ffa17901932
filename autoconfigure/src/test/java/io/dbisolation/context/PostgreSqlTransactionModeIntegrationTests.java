package io.dbisolation.context;

import java.sql.SQLException;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;

import io.dbisolation.test.DbIsolation;
import io.dbisolation.test.DbIsolation.Mode;
import io.dbisolation.testapp.TestApplication;
import io.dbisolation.testsupport.TestServers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedSuccessfully;
import static org.junit.platform.testkit.engine.EventConditions.test;

/**
 * {@code TRANSACTION} mode on the PostgreSQL at 127.0.0.1:5432: the configured database
 * (a scratch database of this test's own) is used as it is, no private database is made,
 * and each test is rolled back, its schema changes and failed statements included; seen
 * from outside, the database afterwards holds only what the migrations committed.
 */
@EnabledIf(value = "io.dbisolation.testsupport.TestServers#postgresAvailable",
		disabledReason = "no PostgreSQL on 127.0.0.1:5432")
class PostgreSqlTransactionModeIntegrationTests {

	static final String DATABASE = "dbisolation_txmode_test";

	@BeforeAll
	static void createDatabase() throws SQLException {
		dropDatabase();
		TestServers.execute(TestServers.postgres(), "", "CREATE DATABASE " + DATABASE);
	}

	@AfterAll
	static void dropDatabase() throws SQLException {
		// the cached context still holds sessions on it: this test's own database
		TestServers.execute(TestServers.postgres(), "", "DROP DATABASE IF EXISTS " + DATABASE + " WITH (FORCE)");
	}

	@Test
	void eachTestIsRolledBackOnTheConfiguredDatabase() throws SQLException {
		List<String> databasesBefore = privateDatabases();
		Events tests = EngineTestKit.engine("junit-jupiter")
			.selectors(selectClass(TransactionModeOnPostgres.class))
			.execute()
			.testEvents();
		tests.assertThatEvents().haveExactly(3, event(test(), finishedSuccessfully()));
		assertThat(TestServers.query(TestServers.postgres(), DATABASE, "SELECT name FROM colors ORDER BY id"))
			.containsExactly("red", "green", "blue");
		assertThat(TestServers.query(TestServers.postgres(), DATABASE,
				"SELECT column_name::text FROM information_schema.columns WHERE table_name = 'colors' "
						+ "ORDER BY ordinal_position"))
			.containsExactly("id", "name");
		assertThat(TestServers.query(TestServers.postgres(), DATABASE,
				"SELECT table_name::text FROM information_schema.tables WHERE table_name = 'shades'"))
			.isEmpty();
		assertThat(privateDatabases()).isEqualTo(databasesBefore);
	}

	private static List<String> privateDatabases() throws SQLException {
		return TestServers.query(TestServers.postgres(), "",
				"SELECT datname::text FROM pg_database WHERE datname LIKE 'dbiso\\_%' "
						+ "AND datname NOT LIKE 'dbiso\\_tpl\\_%' ORDER BY datname");
	}

	@SpringBootTest(classes = TestApplication.class,
			properties = { "spring.flyway.locations=classpath:db/testapp-postgres", "case=pg-transaction-mode",
					"spring.datasource.url=jdbc:postgresql://127.0.0.1:5432/" + DATABASE,
					"spring.datasource.username=postgres" })
	@DbIsolation(mode = Mode.TRANSACTION)
	@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
	static class TransactionModeOnPostgres {

		@Autowired
		JdbcTemplate jdbc;

		@Test
		@Order(1)
		void writesAndChangesTheSchemaOfTheConfiguredDatabase() {
			assertThat(this.jdbc.queryForObject("SELECT current_database()", String.class)).isEqualTo(DATABASE);
			this.jdbc.update("INSERT INTO colors (id, name) VALUES (70, 'silver')");
			this.jdbc.execute("ALTER TABLE colors ADD COLUMN shade TEXT");
			this.jdbc.execute("CREATE TABLE shades (id INT PRIMARY KEY)");
			assertThat(this.jdbc.queryForObject("SELECT count(*) FROM colors", Long.class)).isEqualTo(4);
		}

		@Test
		@Order(2)
		void aFailedStatementLeavesTheTestUsableAndKeepsWhatWentBefore() {
			this.jdbc.update("INSERT INTO colors (id, name) VALUES (71, 'gold')");
			assertThatExceptionOfType(DuplicateKeyException.class)
				.isThrownBy(() -> this.jdbc.update("INSERT INTO colors (id, name) VALUES (72, 'red')"));
			// without DbIsolation each statement commits on its own: the insert before
			// the
			// failed one stays and the next one works
			this.jdbc.update("INSERT INTO colors (id, name) VALUES (73, 'bronze')");
			assertThat(this.jdbc.queryForList("SELECT name FROM colors WHERE id > 3 ORDER BY id", String.class))
				.containsExactly("gold", "bronze");
		}

		@Test
		@Order(3)
		void findsNothingOfTheEarlierTests() {
			assertThat(this.jdbc.queryForList("SELECT name FROM colors ORDER BY id", String.class))
				.containsExactly("red", "green", "blue");
			assertThat(this.jdbc.queryForObject(
					"SELECT count(*) FROM information_schema.tables WHERE table_name = 'shades'", Long.class))
				.isZero();
		}

	}

}
