package io.dbisolation.sample.containers.postgres;

import java.sql.Connection;
import java.sql.SQLException;

import org.testcontainers.postgresql.PostgreSQLContainer;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.dbisolation.sample.containers.Images;
import io.dbisolation.shop.ShopApplication;
import io.dbisolation.test.DbIsolation;

/**
 * A PostgreSQL container started once per JVM, its URL and account given to Spring
 * through {@code @DynamicPropertySource}.
 */
@SpringBootTest(classes = ShopApplication.class)
@DbIsolation
class ShopOnDynamicPostgresPropertiesIntegrationTests extends ShopScenarios {

	static final PostgreSQLContainer postgres = new PostgreSQLContainer(Images.postgres());

	@DynamicPropertySource
	static void containerProperties(DynamicPropertyRegistry registry) {
		postgres.start();
		registry.add("spring.datasource.url", postgres::getJdbcUrl);
		registry.add("spring.datasource.username", postgres::getUsername);
		registry.add("spring.datasource.password", postgres::getPassword);
	}

	@Override
	Connection connectToTheContainersDatabase() throws SQLException {
		return postgres.createConnection("");
	}

}
