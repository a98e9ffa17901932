package io.dbisolation.sample.containers.postgres;

import org.testcontainers.postgresql.PostgreSQLContainer;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.testcontainers.service.connection.ServiceConnection;
import org.springframework.context.annotation.Bean;

import io.dbisolation.sample.containers.Images;

/**
 * The PostgreSQL container as a bean: Spring Boot's {@code @ServiceConnection} points the
 * application's DataSource and Flyway at it. Its label tells the suite's containers
 * apart.
 */
@TestConfiguration(proxyBeanMethods = false)
class PostgresContainerConfiguration {

	static final String LABEL = "io.dbisolation.sample";

	static final String BEAN = "postgres-bean";

	@Bean
	@ServiceConnection
	PostgreSQLContainer postgres() {
		return new PostgreSQLContainer(Images.postgres()).withLabel(LABEL, BEAN);
	}

}
