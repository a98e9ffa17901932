package io.dbisolation.schema;

import io.dbisolation.server.DatabaseServer;
import io.dbisolation.testsupport.TestServers;

/**
 * The pool of clones on the embedded PostgreSQL.
 */
class EmbeddedPostgresSchemaPoolIntegrationTests extends AbstractPostgreSqlSchemaPoolIntegrationTests {

	@Override
	DatabaseServer server() {
		return TestServers.embeddedPostgres();
	}

}
