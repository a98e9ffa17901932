package io.dbisolation.dialect;

import io.dbisolation.server.DatabaseServer;
import io.dbisolation.testsupport.TestServers;

/**
 * Clone fidelity on the MariaDB at 127.0.0.1:3306; skipped, with the reason, when no
 * server runs there.
 */
class LocalMariaDbMySqlCloneIntegrationTests extends AbstractMySqlCloneIntegrationTests {

	@Override
	DatabaseServer server() {
		return TestServers.local();
	}

}
