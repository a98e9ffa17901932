package io.dbisolation.context;

import org.junit.jupiter.api.condition.EnabledIf;

import org.springframework.test.context.TestPropertySource;

import io.dbisolation.server.DatabaseServer;
import io.dbisolation.testsupport.TestServers;

/**
 * {@code SCHEMA_PER_TEST} on the PostgreSQL at 127.0.0.1:5432, when it runs.
 */
@EnabledIf(value = "io.dbisolation.testsupport.TestServers#postgresAvailable",
		disabledReason = "no PostgreSQL on 127.0.0.1:5432")
@TestPropertySource(
		properties = { "spring.datasource.url=" + TestServers.POSTGRES_URL, "spring.datasource.username=postgres" })
class PostgreSqlSchemaPerTestIntegrationTests extends AbstractPostgreSqlSchemaPerTestIntegrationTests {

	@Override
	DatabaseServer server() {
		return TestServers.postgres();
	}

}
