package io.dbisolation.sample.containers.dynamic;

import org.testcontainers.mariadb.MariaDBContainer;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.dbisolation.sample.containers.Images;
import io.dbisolation.sample.containers.SnippetboxScenarios;

/**
 * The pre-{@code @ServiceConnection} way: a container started once per JVM, its URL and
 * account given to Spring through {@code @DynamicPropertySource}.
 */
abstract class ContainerProperties extends SnippetboxScenarios {

	static final MariaDBContainer mariaDb = new MariaDBContainer(Images.mariaDb());

	@DynamicPropertySource
	static void containerProperties(DynamicPropertyRegistry registry) {
		mariaDb.start();
		registry.add("spring.datasource.url", mariaDb::getJdbcUrl);
		registry.add("spring.datasource.username", mariaDb::getUsername);
		registry.add("spring.datasource.password", mariaDb::getPassword);
	}

}
