package io.dbisolation.schema;

import io.dbisolation.server.DatabaseServer;

/**
 * What fills a template schema: a migration tool with its migrations and settings.
 */
public interface TemplateSource {

	/**
	 * A hash of everything that defines what {@link #migrate} produces: the migrations
	 * and their checksums, the settings that change the result, the tool's version and
	 * the engine. Equal hashes mean interchangeable templates.
	 * @return 16 lower-case hex digits
	 */
	String hash();

	/**
	 * Fills an empty schema.
	 * @param server the server the schema is on
	 * @param schema the empty schema
	 */
	void migrate(DatabaseServer server, String schema);

	/**
	 * What the source is, for messages.
	 * @return a short description such as "Flyway 12.4.0, 9 migrations"
	 */
	String description();

}
