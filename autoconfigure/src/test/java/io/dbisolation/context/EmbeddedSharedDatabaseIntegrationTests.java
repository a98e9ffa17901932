package io.dbisolation.context;

import java.sql.Connection;
import java.sql.SQLException;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.TestContext;
import org.springframework.test.context.TestContextManager;

import io.dbisolation.server.DatabaseServer;
import io.dbisolation.test.DbIsolation;
import io.dbisolation.test.DbIsolation.Mode;
import io.dbisolation.testapp.TestApplication;
import io.dbisolation.testsupport.TestServers;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Without private schemas the embedded server's contexts share one database named after
 * the application; it is never one of the server's own schemas.
 */
class EmbeddedSharedDatabaseIntegrationTests {

	@AfterAll
	static void dropSharedDatabases() throws SQLException {
		DatabaseServer server = TestServers.embedded();
		try (Connection connection = server.connect("")) {
			server.dialect().dropSchema(connection, "mysql_test");
			server.dialect().dropSchema(connection, "inventory_service");
		}
	}

	@Test
	void applicationNamedAfterASystemSchemaGetsADatabaseOfItsOwn() throws SQLException {
		TestContext testContext = new TestContextManager(NamedMySql.class).getTestContext();
		ApplicationContext context = testContext.getApplicationContext();
		try (Connection connection = context.getBean(DataSource.class).getConnection()) {
			assertThat(connection.getCatalog()).isEqualTo("mysql_test");
		}
		finally {
			testContext.markApplicationContextDirty(null);
		}
	}

	@Test
	void applicationNameBecomesTheSharedDatabase() throws SQLException {
		TestContext testContext = new TestContextManager(NamedInventory.class).getTestContext();
		ApplicationContext context = testContext.getApplicationContext();
		try (Connection connection = context.getBean(DataSource.class).getConnection()) {
			assertThat(connection.getCatalog()).isEqualTo("inventory_service");
		}
		finally {
			testContext.markApplicationContextDirty(null);
		}
	}

	@SpringBootTest(classes = TestApplication.class,
			properties = { "spring.flyway.enabled=false", "spring.application.name=MySQL" })
	@DbIsolation(mode = Mode.TRANSACTION)
	static class NamedMySql {

	}

	@SpringBootTest(classes = TestApplication.class,
			properties = { "spring.flyway.enabled=false", "spring.application.name=Inventory-Service" })
	@DbIsolation(mode = Mode.TRANSACTION)
	static class NamedInventory {

	}

}
