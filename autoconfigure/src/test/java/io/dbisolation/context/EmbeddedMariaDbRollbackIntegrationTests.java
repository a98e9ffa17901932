package io.dbisolation.context;

/**
 * Rollback on the embedded MariaDB, through mysql-connector-j.
 */
class EmbeddedMariaDbRollbackIntegrationTests extends AbstractRollbackIntegrationTests {

}
