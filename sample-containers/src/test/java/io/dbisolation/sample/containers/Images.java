package io.dbisolation.sample.containers;

import org.testcontainers.utility.DockerImageName;

/**
 * The image the suite's containers run: {@code local/mariadb:10.11} unless
 * {@code sample.container.image} names another. It is used as a MariaDB image and as a
 * MySQL one (mysql-connector-j against MariaDB is this project's MySQL-family check).
 */
public final class Images {

	private Images() {
	}

	public static String name() {
		return System.getProperty("sample.container.image", "local/mariadb:10.11");
	}

	public static DockerImageName mariaDb() {
		return DockerImageName.parse(name()).asCompatibleSubstituteFor("mariadb");
	}

	public static DockerImageName mySql() {
		return DockerImageName.parse(name()).asCompatibleSubstituteFor("mysql");
	}

}
