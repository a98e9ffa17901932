package io.dbisolation.dialect;

import io.dbisolation.server.DatabaseServer;
import io.dbisolation.testsupport.TestServers;

/**
 * Clone fidelity on the embedded MariaDB.
 */
class EmbeddedMariaDbMySqlCloneIntegrationTests extends AbstractMySqlCloneIntegrationTests {

	@Override
	DatabaseServer server() {
		return TestServers.embedded();
	}

}
