package io.dbisolation.context;

import org.springframework.test.context.TestPropertySource;

import io.dbisolation.server.DatabaseServer;
import io.dbisolation.testsupport.TestServers;

/**
 * {@code SCHEMA_PER_TEST} on the embedded PostgreSQL, named by its URL: the test
 * classpath holds MySQL's driver too, with which DbIsolation would start the embedded
 * MariaDB.
 */
@TestPropertySource(
		properties = { "spring.datasource.url=${" + EmbeddedPostgresSchemaPerTestIntegrationTests.URL_PROPERTY + "}",
				"spring.datasource.username=postgres" })
class EmbeddedPostgresSchemaPerTestIntegrationTests extends AbstractPostgreSqlSchemaPerTestIntegrationTests {

	static final String URL_PROPERTY = "dbisolation.test.embedded-postgres-url";

	static {
		// before the context is loaded, which the server's URL decides (a property that
		// only @DynamicPropertySource gave would come too late without Testcontainers)
		System.setProperty(URL_PROPERTY, TestServers.embeddedPostgres().url("postgres").value());
	}

	@Override
	DatabaseServer server() {
		return TestServers.embeddedPostgres();
	}

}
