package io.dbisolation.schema;

import io.dbisolation.server.DatabaseServer;
import io.dbisolation.testsupport.TestServers;

/**
 * The schema pool on the MariaDB at 127.0.0.1:3306; skipped, with the reason, when no
 * server runs there.
 */
class LocalMariaDbSchemaPoolIntegrationTests extends AbstractSchemaPoolIntegrationTests {

	@Override
	DatabaseServer server() {
		return TestServers.local();
	}

}
