package io.dbisolation.testapp;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A minimal application with a DataSource and Flyway migrations in {@code db/testapp},
 * for tests of the TestContext integration.
 */
@SpringBootApplication
public class TestApplication {

}
