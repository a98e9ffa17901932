package io.dbisolation.sample.containers;

import org.testcontainers.utility.DockerImageName;

/**
 * The images the suite's containers run: {@code local/mariadb:10.11} unless
 * {@code sample.container.image} names another, used as a MariaDB image and as a MySQL
 * one (mysql-connector-j against MariaDB is this project's MySQL-family check); and
 * {@code local/postgres:15} for PostgreSQL unless {@code sample.postgres.image} names
 * another.
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

	public static String postgresName() {
		return System.getProperty("sample.postgres.image", "local/postgres:15");
	}

	public static DockerImageName postgres() {
		return DockerImageName.parse(postgresName()).asCompatibleSubstituteFor("postgres");
	}

}
