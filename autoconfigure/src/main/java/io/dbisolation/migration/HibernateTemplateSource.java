package io.dbisolation.migration;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;

import org.springframework.core.io.ByteArrayResource;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;
import org.springframework.jdbc.datasource.init.ScriptException;

import io.dbisolation.schema.TemplateSource;
import io.dbisolation.server.DatabaseServer;
import io.dbisolation.test.DbIsolationException;

/**
 * A template filled by the DDL that Hibernate generates for the application's entities
 * (with {@code spring.jpa.hibernate.ddl-auto=create} and the like). Hibernate appends its
 * {@code import.sql} to the script, so the hash of the script covers the mapping and the
 * seed data alike.
 */
final class HibernateTemplateSource implements TemplateSource {

	private static final String HIBERNATE_ACTION = "Check that the entities map to MySQL types, or create the schema "
			+ "with Flyway or Liquibase.";

	private final byte[] ddl;

	private final String hash;

	HibernateTemplateSource(byte[] ddl, String engine) {
		this.ddl = ddl;
		this.hash = TemplateHash.of("hibernate").line("engine", engine).content("ddl", ddl).value();
	}

	@Override
	public String hash() {
		return this.hash;
	}

	@Override
	public void migrate(DatabaseServer server, String schema) {
		ResourceDatabasePopulator populator = new ResourceDatabasePopulator(
				new ByteArrayResource(this.ddl, "Hibernate's schema script"));
		populator.setSqlScriptEncoding(StandardCharsets.UTF_8.name());
		try (Connection connection = server.connect(schema)) {
			populator.populate(connection);
		}
		catch (ScriptException ex) {
			throw new DbIsolationException(
					"Could not create Hibernate's schema in template '" + schema + "': " + ex.getMessage(),
					HIBERNATE_ACTION, ex);
		}
		catch (SQLException ex) {
			throw new DbIsolationException(
					"Could not create Hibernate's schema in template '" + schema + "': " + ex.getMessage()
							+ " (SQLState " + ex.getSQLState() + ", vendor code " + ex.getErrorCode() + ").",
					HIBERNATE_ACTION, ex);
		}
	}

	@Override
	public String description() {
		return "Hibernate's schema generation";
	}

}
