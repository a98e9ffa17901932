package io.dbisolation.sample.containers.postgres;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

import org.springframework.boot.test.context.SpringBootTest;

import io.dbisolation.shop.ShopApplication;
import io.dbisolation.test.DbIsolation;

/**
 * Testcontainers' JDBC URL for PostgreSQL: its driver starts the container on the first
 * connection. The image is mapped to the local one by {@code LocalImages}.
 */
@SpringBootTest(classes = ShopApplication.class,
		properties = "spring.datasource.url=" + ShopOnAPostgresJdbcTcUrlIntegrationTests.URL)
@DbIsolation
class ShopOnAPostgresJdbcTcUrlIntegrationTests extends ShopScenarios {

	static final String URL = "jdbc:tc:postgresql:15:///test";

	@Override
	Connection connectToTheContainersDatabase() throws SQLException {
		// the driver hands out a connection to the container the URL started
		return DriverManager.getConnection(URL);
	}

}
