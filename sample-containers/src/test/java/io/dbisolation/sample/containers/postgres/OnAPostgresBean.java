package io.dbisolation.sample.containers.postgres;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The scenarios on a {@code @ServiceConnection} container bean, which every context of a
 * JVM shares: Spring Boot alone would start one per context.
 */
abstract class OnAPostgresBean extends ShopScenarios {

	@Autowired
	private PostgreSQLContainer postgres;

	@Override
	Connection connectToTheContainersDatabase() throws SQLException {
		return this.postgres.createConnection("");
	}

	@Test
	void oneContainerServesEveryContextOfTheJvm() {
		assertThat(DockerClientFactory.instance()
			.client()
			.listContainersCmd()
			.withLabelFilter(Map.of(DockerClientFactory.TESTCONTAINERS_SESSION_ID_LABEL, DockerClientFactory.SESSION_ID,
					PostgresContainerConfiguration.LABEL, PostgresContainerConfiguration.BEAN))
			.exec()).hasSize(1);
	}

}
