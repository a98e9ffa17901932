package io.dbisolation.context;

import org.junit.jupiter.api.condition.EnabledIf;

import org.springframework.test.context.TestPropertySource;

/**
 * Rollback on the MariaDB at 127.0.0.1:3306, through the MariaDB driver. Disabled when no
 * server runs there.
 */
@EnabledIf(value = "io.dbisolation.testsupport.TestServers#localAvailable",
		disabledReason = "no MariaDB on 127.0.0.1:3306")
@TestPropertySource(properties = { "spring.datasource.url=" + io.dbisolation.testsupport.TestServers.LOCAL_URL,
		"spring.datasource.username=root", "spring.datasource.password=" })
class LocalMariaDbRollbackIntegrationTests extends AbstractRollbackIntegrationTests {

}
