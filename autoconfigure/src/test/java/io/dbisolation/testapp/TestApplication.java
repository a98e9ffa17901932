package io.dbisolation.testapp;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.scheduling.annotation.EnableAsync;

/**
 * A minimal application with a DataSource, Flyway migrations in {@code db/testapp}, a
 * transactional service, an async path and a REST endpoint, for tests of the TestContext
 * integration.
 */
@SpringBootApplication
@EnableAsync
public class TestApplication {

}
