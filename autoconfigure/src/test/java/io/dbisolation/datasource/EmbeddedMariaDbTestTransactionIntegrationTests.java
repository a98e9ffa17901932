package io.dbisolation.datasource;

import io.dbisolation.server.DatabaseServer;
import io.dbisolation.testsupport.TestServers;

/**
 * A test's transaction on the embedded MariaDB, through mysql-connector-j.
 */
class EmbeddedMariaDbTestTransactionIntegrationTests extends AbstractTestTransactionIntegrationTests {

	@Override
	DatabaseServer server() {
		return TestServers.embedded();
	}

}
