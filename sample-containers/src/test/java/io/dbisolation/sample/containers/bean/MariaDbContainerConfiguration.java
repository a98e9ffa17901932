package io.dbisolation.sample.containers.bean;

import org.testcontainers.mariadb.MariaDBContainer;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.testcontainers.service.connection.ServiceConnection;
import org.springframework.context.annotation.Bean;

import io.dbisolation.sample.containers.Images;

/**
 * The container as a bean: Spring Boot's {@code @ServiceConnection} points the
 * application's DataSource and Flyway at it.
 */
@TestConfiguration(proxyBeanMethods = false)
class MariaDbContainerConfiguration {

	@Bean
	@ServiceConnection
	MariaDBContainer mariaDb() {
		return new MariaDBContainer(Images.mariaDb());
	}

}
