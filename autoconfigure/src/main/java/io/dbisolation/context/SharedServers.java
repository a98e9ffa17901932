package io.dbisolation.context;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.dbisolation.dialect.JdbcUrl;
import io.dbisolation.schema.SchemaOwner;
import io.dbisolation.server.DatabaseServer;
import io.dbisolation.server.EmbeddedMariaDb;

/**
 * The JVM-wide part of DbIsolation, in one holder: one {@link SchemaOwner} per server,
 * shared by every test context of the JVM. At JVM exit, what is still owned is dropped.
 */
final class SharedServers {

	static final SharedServers INSTANCE = new SharedServers();

	private final Map<String, SchemaOwner> owners = new ConcurrentHashMap<>();

	private static final String EMBEDDED = "embedded";

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
		String key = JdbcUrl.parse(url).withDatabase("").value() + "|" + username;
		return this.owners.computeIfAbsent(key,
				(ignored) -> SchemaOwner.open(DatabaseServer.configured(url, username, password)));
	}

	/**
	 * The owner for the embedded server, starting or joining it on first use. Its schemas
	 * are dropped at JVM exit before the server may stop.
	 * @param cacheDirectory where the embedded server keeps its files
	 * @return the owner
	 */
	SchemaOwner embedded(Path cacheDirectory) {
		return this.owners.computeIfAbsent(EMBEDDED, (ignored) -> {
			EmbeddedMariaDb embedded = EmbeddedMariaDb.obtain(cacheDirectory);
			SchemaOwner owner = SchemaOwner.open(embedded.server());
			embedded.beforeStop(owner::close);
			return owner;
		});
	}

	private void shutdown() {
		this.owners.forEach((key, owner) -> {
			if (!EMBEDDED.equals(key)) {
				owner.close();
			}
		});
	}

}
