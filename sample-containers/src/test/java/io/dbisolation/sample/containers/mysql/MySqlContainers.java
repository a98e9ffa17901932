package io.dbisolation.sample.containers.mysql;

import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.mysql.MySQLContainer;

import org.springframework.boot.testcontainers.service.connection.ServiceConnection;

import io.dbisolation.sample.containers.Images;

/**
 * The container as a static field, imported with {@code @ImportTestcontainers}: one
 * instance for the JVM, started with the first context that imports it.
 */
interface MySqlContainers {

	@Container
	@ServiceConnection
	MySQLContainer mySql = new MySQLContainer(Images.mySql());

}
