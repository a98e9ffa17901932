package io.dbisolation.context;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.util.ClassUtils;

import io.dbisolation.schema.SchemaOwner;
import io.dbisolation.server.DatabaseServer;
import io.dbisolation.server.EmbeddedMariaDb;
import io.dbisolation.test.DbIsolationException;

/**
 * The JVM-wide part of DbIsolation, in one holder: the embedded server (started at most
 * once) and one {@link SchemaOwner} per server, shared by every test context of the JVM.
 * A shutdown hook drops what is still owned and stops the embedded server.
 */
final class SharedServers {

	static final SharedServers INSTANCE = new SharedServers();

	private final Map<String, SchemaOwner> owners = new ConcurrentHashMap<>();

	private EmbeddedMariaDb embedded;

	private SharedServers() {
		Runtime.getRuntime().addShutdownHook(new Thread(this::shutdown, "dbisolation-shutdown"));
	}

	/**
	 * The owner for a configured server.
	 * @param url the configured URL
	 * @param username the user
	 * @param password the password
	 * @return the owner, created on first use
	 */
	SchemaOwner configured(String url, String username, String password) {
		String key = url.replaceFirst("(//[^/?]*)/[^?]*", "$1") + "|" + username;
		return this.owners.computeIfAbsent(key,
				(ignored) -> SchemaOwner.open(DatabaseServer.configured(url, username, password)));
	}

	/**
	 * The owner for the embedded server, starting it on first use.
	 * @param cacheDirectory where the embedded server keeps its files
	 * @return the owner
	 */
	SchemaOwner embedded(Path cacheDirectory) {
		return this.owners.computeIfAbsent("embedded", (ignored) -> {
			synchronized (this) {
				this.embedded = EmbeddedMariaDb.start(cacheDirectory, embeddedSubprotocol());
				return SchemaOwner.open(this.embedded.server());
			}
		});
	}

	/**
	 * The embedded server's start time, if it was started.
	 * @return the running embedded server, or {@code null}
	 */
	synchronized EmbeddedMariaDb embeddedServer() {
		return this.embedded;
	}

	private static String embeddedSubprotocol() {
		ClassLoader classLoader = SharedServers.class.getClassLoader();
		if (ClassUtils.isPresent("com.mysql.cj.jdbc.Driver", classLoader)) {
			return "mysql";
		}
		if (ClassUtils.isPresent("org.mariadb.jdbc.Driver", classLoader)) {
			return "mariadb";
		}
		throw new DbIsolationException("No MySQL or MariaDB JDBC driver on the test classpath for the embedded "
				+ "MariaDB: add 'com.mysql:mysql-connector-j' or 'org.mariadb.jdbc:mariadb-java-client'.");
	}

	private void shutdown() {
		this.owners.values().forEach(SchemaOwner::close);
		synchronized (this) {
			if (this.embedded != null) {
				this.embedded.stop();
			}
		}
	}

}
