package io.dbisolation.datasource;

import org.junit.jupiter.api.condition.EnabledIf;

import io.dbisolation.server.DatabaseServer;
import io.dbisolation.testsupport.TestServers;

/**
 * A test's transaction on the MariaDB at 127.0.0.1:3306, through the MariaDB driver.
 * Disabled when no server runs there.
 */
@EnabledIf(value = "io.dbisolation.testsupport.TestServers#localAvailable",
		disabledReason = "no MariaDB on 127.0.0.1:3306")
class LocalMariaDbTestTransactionIntegrationTests extends AbstractTestTransactionIntegrationTests {

	@Override
	DatabaseServer server() {
		return TestServers.local();
	}

}
