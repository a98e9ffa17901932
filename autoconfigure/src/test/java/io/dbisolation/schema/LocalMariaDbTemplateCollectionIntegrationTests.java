package io.dbisolation.schema;

import io.dbisolation.server.DatabaseServer;
import io.dbisolation.testsupport.TestServers;

/**
 * Template collection on the MariaDB server at 127.0.0.1:3306, through the MariaDB
 * driver. Skipped, with the reason, when no server runs there.
 */
class LocalMariaDbTemplateCollectionIntegrationTests extends AbstractTemplateCollectionIntegrationTests {

	@Override
	DatabaseServer server() {
		return TestServers.local();
	}

}
