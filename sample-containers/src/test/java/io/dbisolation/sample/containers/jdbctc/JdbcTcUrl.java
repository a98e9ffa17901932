package io.dbisolation.sample.containers.jdbctc;

/**
 * Testcontainers' JDBC URL: its driver starts the container on the first connection. The
 * image is mapped to the local one by {@code LocalImages}.
 */
final class JdbcTcUrl {

	static final String PROPERTY = "spring.datasource.url=jdbc:tc:mariadb:10.11:///test";

	private JdbcTcUrl() {
	}

}
