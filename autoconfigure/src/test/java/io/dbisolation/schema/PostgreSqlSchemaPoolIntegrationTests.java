package io.dbisolation.schema;

import org.junit.jupiter.api.condition.EnabledIf;

import io.dbisolation.server.DatabaseServer;
import io.dbisolation.testsupport.TestServers;

/**
 * The pool of clones on the PostgreSQL at 127.0.0.1:5432, when it runs.
 */
@EnabledIf(value = "io.dbisolation.testsupport.TestServers#postgresAvailable",
		disabledReason = "no PostgreSQL on 127.0.0.1:5432")
class PostgreSqlSchemaPoolIntegrationTests extends AbstractPostgreSqlSchemaPoolIntegrationTests {

	@Override
	DatabaseServer server() {
		return TestServers.postgres();
	}

}
