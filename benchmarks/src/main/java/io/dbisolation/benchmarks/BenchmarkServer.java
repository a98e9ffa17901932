package io.dbisolation.benchmarks;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import org.flywaydb.core.Flyway;

import io.dbisolation.migration.FlywayTemplateSource;
import io.dbisolation.schema.PrivateSchema;
import io.dbisolation.schema.SchemaOwner;
import io.dbisolation.schema.Template;
import io.dbisolation.server.DatabaseServer;
import io.dbisolation.server.EmbeddedMariaDb;

/**
 * The server the benchmarks run on and what they do to it: the embedded MariaDB in the
 * default cache directory, the sample app's migrations.
 */
final class BenchmarkServer {

	private BenchmarkServer() {
	}

	static DatabaseServer embedded() {
		return EmbeddedMariaDb.obtain(Path.of(System.getProperty("user.home"), ".cache", "dbisolation"))
			.server("mysql");
	}

	/**
	 * The sample app's Flyway, on one schema.
	 * @param server the server
	 * @param schema the schema
	 * @return a Flyway for the sample's migrations
	 */
	static Flyway sampleFlyway(DatabaseServer server, String schema) {
		return Flyway.configure()
			.dataSource(server.url(schema).value(), server.username(), server.password())
			.locations("classpath:db/migration")
			.load();
	}

	/**
	 * The template of the sample app's migrations on the owner's server, built if needed.
	 * @param owner the owner
	 * @return the template
	 */
	static Template sampleTemplate(SchemaOwner owner) {
		DatabaseServer server = owner.server();
		PrivateSchema probe = owner.create();
		try {
			return owner.template(FlywayTemplateSource.of(sampleFlyway(server, probe.name()), server.engineVersion()));
		}
		finally {
			probe.destroy();
		}
	}

	static void execute(DatabaseServer server, String schema, String... statements) throws SQLException {
		try (Connection connection = server.connect(schema); Statement statement = connection.createStatement()) {
			for (String sql : statements) {
				statement.execute(sql);
			}
		}
	}

	/**
	 * Points the Spring contexts the benchmark starts at a fresh database of the server.
	 * @param server the server
	 * @param database the database to create, dropped first if it exists
	 * @throws SQLException on failure
	 */
	static void useFreshDatabase(DatabaseServer server, String database) throws SQLException {
		execute(server, "", "DROP DATABASE IF EXISTS " + database, "CREATE DATABASE " + database);
		System.setProperty("spring.datasource.url", server.url(database).value());
		System.setProperty("spring.datasource.username", server.username());
		System.setProperty("spring.datasource.password", "");
	}

}
