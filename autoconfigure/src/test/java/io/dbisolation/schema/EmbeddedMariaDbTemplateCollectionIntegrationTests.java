package io.dbisolation.schema;

import io.dbisolation.server.DatabaseServer;
import io.dbisolation.testsupport.TestServers;

/**
 * Template collection on the embedded MariaDB, through mysql-connector-j.
 */
class EmbeddedMariaDbTemplateCollectionIntegrationTests extends AbstractTemplateCollectionIntegrationTests {

	@Override
	DatabaseServer server() {
		return TestServers.embedded();
	}

}
