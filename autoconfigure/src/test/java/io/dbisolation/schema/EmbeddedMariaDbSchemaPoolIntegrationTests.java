package io.dbisolation.schema;

import io.dbisolation.server.DatabaseServer;
import io.dbisolation.testsupport.TestServers;

/**
 * The schema pool on the embedded MariaDB.
 */
class EmbeddedMariaDbSchemaPoolIntegrationTests extends AbstractSchemaPoolIntegrationTests {

	@Override
	DatabaseServer server() {
		return TestServers.embedded();
	}

}
