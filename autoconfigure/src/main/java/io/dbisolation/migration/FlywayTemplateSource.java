package io.dbisolation.migration;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Properties;
import java.util.TreeMap;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.configuration.Configuration;
import org.flywaydb.core.api.configuration.FluentConfiguration;

import io.dbisolation.schema.TemplateSource;
import io.dbisolation.server.DatabaseServer;

/**
 * A template filled by the application's own Flyway configuration. Its hash covers the
 * resolved migrations with their checksums, the SQL callbacks and scripts of its
 * locations by content, Java migrations and callbacks by bytecode, the settings that
 * change the result, the Flyway version and the engine, so a change to any of them builds
 * a new template.
 */
public final class FlywayTemplateSource implements TemplateSource {

	private final Flyway flyway;

	private final String hash;

	private final int migrationCount;

	private FlywayTemplateSource(Flyway flyway, String hash, int migrationCount) {
		this.flyway = flyway;
		this.hash = hash;
		this.migrationCount = migrationCount;
	}

	/**
	 * Reads the migrations the application's Flyway resolves.
	 * @param flyway the application's Flyway, connected to an empty schema
	 * @param engine the engine name and version
	 * @return the source
	 */
	public static FlywayTemplateSource of(Flyway flyway, String engine) {
		MigrationInfo[] migrations = flyway.info().all();
		Configuration configuration = flyway.getConfiguration();
		TemplateHash hash = TemplateHash.of("flyway")
			.line("flyway", flywayVersion())
			.line("engine", engine)
			.line("table", configuration.getTable())
			.line("placeholders", new TreeMap<>(configuration.getPlaceholders()))
			.line("placeholderReplacement", configuration.isPlaceholderReplacement())
			.line("placeholderPrefix", configuration.getPlaceholderPrefix())
			.line("placeholderSuffix", configuration.getPlaceholderSuffix())
			.line("baselineOnMigrate", configuration.isBaselineOnMigrate())
			.line("baselineVersion", configuration.getBaselineVersion())
			.line("target", configuration.getTarget())
			.line("outOfOrder", configuration.isOutOfOrder())
			.line("initSql", configuration.getInitSql())
			.line("callbacks", Arrays.stream(configuration.getCallbacks()).map((c) -> c.getClass().getName()).toList())
			.line("skipDefaultCallbacks", configuration.isSkipDefaultCallbacks())
			.line("resolvers", Arrays.stream(configuration.getResolvers()).map((r) -> r.getClass().getName()).toList())
			.line("placeholderSeparator", configuration.getPlaceholderSeparator())
			.line("scriptPlaceholders",
					configuration.getScriptPlaceholderPrefix() + "|" + configuration.getScriptPlaceholderSuffix())
			.line("sqlMigrationSuffixes", Arrays.asList(configuration.getSqlMigrationSuffixes()))
			.line("baselineDescription", configuration.getBaselineDescription())
			.line("installedBy", configuration.getInstalledBy());
		FlywayContent.addTo(hash, configuration, migrations);
		for (MigrationInfo migration : migrations) {
			hash.line("migration", migration.getVersion() + "|" + migration.getDescription() + "|" + migration.getType()
					+ "|" + migration.getChecksum() + "|" + migration.getScript());
		}
		return new FlywayTemplateSource(flyway, hash.value(), migrations.length);
	}

	@Override
	public String hash() {
		return this.hash;
	}

	@Override
	public void migrate(DatabaseServer server, String schema) {
		FluentConfiguration configuration = Flyway.configure(this.flyway.getConfiguration().getClassLoader())
			.configuration(this.flyway.getConfiguration())
			.dataSource(server.url(schema).value(), server.username(), server.password());
		if (server.dialect().schemaIsCatalog()) {
			configuration.defaultSchema(schema).schemas(schema);
		}
		// otherwise the template is a database, and the application's schemas stay
		configuration.load().migrate();
	}

	@Override
	public String description() {
		return "Flyway " + flywayVersion() + ", " + this.migrationCount + " migrations";
	}

	private static String flywayVersion() {
		try (InputStream pom = Flyway.class
			.getResourceAsStream("/META-INF/maven/org.flywaydb/flyway-core/pom.properties")) {
			if (pom != null) {
				Properties properties = new Properties();
				properties.load(pom);
				return properties.getProperty("version", "unknown");
			}
		}
		catch (IOException ignored) {
			// the version is part of the hash only to be safe; fall back to the jar's
			// manifest
		}
		String version = Flyway.class.getPackage().getImplementationVersion();
		return (version != null) ? version : "unknown";
	}

}
