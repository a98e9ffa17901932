package io.dbisolation.context;

import org.springframework.util.ClassUtils;

import io.dbisolation.dialect.JdbcUrl;
import io.dbisolation.test.DbIsolationException;

/**
 * Where the application connects: a JDBC URL and the account it connects as. A
 * Testcontainers {@code jdbc:tc:} URL is replaced by the URL of the container it starts.
 *
 * @param url the JDBC URL of a real server
 * @param username the application's user, may be {@code null}
 * @param password the application's password, may be {@code null}; never log it
 * @param container whether the server is a Testcontainers container, whose {@code root}
 * account has the application's password
 */
record ServerAddress(String url, String username, String password, boolean container) {

	private static final String CONTAINER_DRIVER = "org.testcontainers.jdbc.ContainerDatabaseDriver";

	/**
	 * The address of a configured URL.
	 * @param url the URL, possibly a {@code jdbc:tc:} one
	 * @param username the user
	 * @param password the password
	 * @return the address of the real server
	 */
	static ServerAddress of(String url, String username, String password) {
		if (JdbcUrl.isTestcontainers(url)) {
			if (!ClassUtils.isPresent(CONTAINER_DRIVER, ServerAddress.class.getClassLoader())) {
				throw new DbIsolationException("The URL '" + JdbcUrl.withoutSecrets(url) + "' is a Testcontainers URL, "
						+ "but Testcontainers' JDBC driver is not on the classpath. Add the test dependency of the "
						+ "database's module: 'org.testcontainers:testcontainers-mariadb', "
						+ "'org.testcontainers:testcontainers-mysql' or 'org.testcontainers:testcontainers-postgresql'.");
			}
			return TestcontainersSupport.startedBy(url);
		}
		return new ServerAddress(url, username, password, false);
	}

	/**
	 * The server part of the URL, which identifies the server.
	 * @return the URL without a database
	 */
	String server() {
		return JdbcUrl.parse(this.url).withDatabase("").value();
	}

	@Override
	public String toString() {
		return JdbcUrl.parse(this.url).toSafeString() + " as '" + this.username + "'";
	}

}
