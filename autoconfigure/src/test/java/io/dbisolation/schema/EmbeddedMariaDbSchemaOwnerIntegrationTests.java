package io.dbisolation.schema;

import io.dbisolation.server.DatabaseServer;
import io.dbisolation.testsupport.TestServers;

/**
 * The schema contract on the embedded MariaDB, through mysql-connector-j.
 */
class EmbeddedMariaDbSchemaOwnerIntegrationTests extends AbstractSchemaOwnerIntegrationTests {

	@Override
	DatabaseServer server() {
		return TestServers.embedded();
	}

}
