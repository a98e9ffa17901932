package io.dbisolation.context;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.core.env.Environment;

import io.dbisolation.schema.SchemaNames;
import io.dbisolation.server.DatabaseServer;

/**
 * The properties a test context must see once its server is decided: where its
 * connections go.
 */
final class ContextProperties {

	private static final Log logger = LogFactory.getLog(ContextProperties.class);

	private static final String SHARED_DATABASE = "test";

	private static final String SWITCHED_OFF_SUFFIX = "_off";

	private final Environment environment;

	ContextProperties(Environment environment) {
		this.environment = environment;
	}

	/**
	 * Points the context's DataSource, and a Flyway or Liquibase configured apart from
	 * it, at one database of the server.
	 * @param server the server
	 * @param database the database
	 * @return the properties
	 */
	Map<String, Object> connection(DatabaseServer server, String database) {
		Map<String, Object> connection = new HashMap<>();
		connection.put("spring.datasource.url", server.url(database).value());
		if (server.isEmbedded()) {
			connection.put("spring.datasource.username", server.username());
			connection.put("spring.datasource.password", server.password());
		}
		// a Flyway or Liquibase pointed elsewhere than the DataSource must migrate the
		// private schema too
		if (this.environment.containsProperty("spring.flyway.url")) {
			connection.put("spring.flyway.url", server.url(database).value());
		}
		for (String property : new String[] { "spring.flyway.schemas", "spring.flyway.default-schema",
				"spring.liquibase.default-schema" }) {
			if (this.environment.containsProperty(property) && server.dialect().schemaIsCatalog()) {
				connection.put(property, database);
			}
		}
		return connection;
	}

	/**
	 * Without private schemas, the embedded server's contexts share one database, named
	 * after the application so that suites of different applications do not meet.
	 * @param server the embedded server
	 * @return the database, created if missing
	 */
	String embeddedSharedDatabase(DatabaseServer server) {
		return embeddedSharedDatabase(server, "");
	}

	/**
	 * The database the embedded server's contexts share when isolation is switched off:
	 * another than that of {@code TRANSACTION} mode, since what these runs commit stays.
	 * @param server the embedded server
	 * @return the database, created if missing
	 */
	String embeddedSwitchedOffDatabase(DatabaseServer server) {
		return embeddedSharedDatabase(server, SWITCHED_OFF_SUFFIX);
	}

	private String embeddedSharedDatabase(DatabaseServer server, String suffix) {
		String name = this.environment.getProperty("spring.application.name", SHARED_DATABASE)
			.toLowerCase(Locale.ROOT)
			.replaceAll("[^a-z0-9_]", "_");
		String database = (name.isEmpty() || name.startsWith(SchemaNames.PREFIX)) ? SHARED_DATABASE
				: name.substring(0, Math.min(name.length(), 59));
		if (server.dialect().isSystemSchema(database)) {
			// an application named after a system schema must never write into it
			database = database + "_test";
		}
		database = database + suffix;
		try (Connection connection = server.connect("")) {
			if (!server.dialect().schemaExists(connection, database)) {
				server.dialect().createSchema(connection, database);
			}
		}
		catch (SQLException ex) {
			// a concurrent context may have created it; connecting will tell if not
			logger.debug("Could not create the shared database '" + database + "'", ex);
		}
		return database;
	}

}
