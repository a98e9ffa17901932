package io.dbisolation.dialect;

import io.dbisolation.server.DatabaseServer;
import io.dbisolation.testsupport.TestServers;

/**
 * The statement guard against the embedded MariaDB.
 */
class EmbeddedMariaDbStatementGuardIntegrationTests extends AbstractStatementGuardIntegrationTests {

	@Override
	DatabaseServer server() {
		return TestServers.embedded();
	}

}
