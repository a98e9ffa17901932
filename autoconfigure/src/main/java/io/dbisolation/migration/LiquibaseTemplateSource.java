package io.dbisolation.migration;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import liquibase.exception.LiquibaseException;
import liquibase.integration.spring.SpringLiquibase;
import liquibase.util.LiquibaseUtil;

import org.springframework.core.io.Resource;
import org.springframework.core.io.support.ResourcePatternResolver;
import org.springframework.core.io.support.ResourcePatternUtils;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;
import org.springframework.util.ReflectionUtils;

import io.dbisolation.schema.TemplateSource;
import io.dbisolation.server.DatabaseServer;
import io.dbisolation.test.DbIsolationException;

/**
 * A template filled by the application's own Liquibase configuration. Its hash covers the
 * master changelog and every file in its directory tree (where included changelogs and
 * their SQL live), the settings that change the result, the Liquibase version and the
 * engine.
 */
final class LiquibaseTemplateSource implements TemplateSource {

	private final SpringLiquibase liquibase;

	private final String hash;

	private final int files;

	private LiquibaseTemplateSource(SpringLiquibase liquibase, String hash, int files) {
		this.liquibase = liquibase;
		this.hash = hash;
		this.files = files;
	}

	static LiquibaseTemplateSource of(SpringLiquibase liquibase, String engine) {
		List<Resource> changelogs = changelogFiles(liquibase);
		TemplateHash hash = TemplateHash.of("liquibase")
			.line("liquibase", LiquibaseUtil.getBuildVersion())
			.line("engine", engine)
			.line("changeLog", liquibase.getChangeLog())
			.line("contexts", liquibase.getContexts())
			.line("labelFilter", liquibase.getLabelFilter())
			.line("tag", liquibase.getTag())
			.line("changeLogTable", liquibase.getDatabaseChangeLogTable())
			.line("lockTable", liquibase.getDatabaseChangeLogLockTable())
			.line("parameters", new TreeMap<>(parameters(liquibase)));
		for (Resource file : changelogs) {
			hash.content(file.getDescription(), read(file));
		}
		return new LiquibaseTemplateSource(liquibase, hash.value(), changelogs.size());
	}

	@Override
	public String hash() {
		return this.hash;
	}

	@Override
	public void migrate(DatabaseServer server, String schema) {
		SpringLiquibase template = new SpringLiquibase();
		template.setDataSource(new SimpleDriverDataSource(driver(server), server.url(schema).value(), server.username(),
				server.password()));
		template.setResourceLoader(this.liquibase.getResourceLoader());
		template.setChangeLog(this.liquibase.getChangeLog());
		template.setContexts(this.liquibase.getContexts());
		template.setLabelFilter(this.liquibase.getLabelFilter());
		template.setTag(this.liquibase.getTag());
		template.setDatabaseChangeLogTable(this.liquibase.getDatabaseChangeLogTable());
		template.setDatabaseChangeLogLockTable(this.liquibase.getDatabaseChangeLogLockTable());
		template.setChangeLogParameters(parameters(this.liquibase));
		template.setCustomizer(this.liquibase.getCustomizer());
		try {
			template.afterPropertiesSet();
		}
		catch (LiquibaseException ex) {
			throw new DbIsolationException("Liquibase could not build template '" + schema + "' from '"
					+ this.liquibase.getChangeLog() + "': " + ex.getMessage(),
					"Fix the changeset it names, or check that it runs on MySQL.", ex);
		}
	}

	@Override
	public String description() {
		return "Liquibase " + LiquibaseUtil.getBuildVersion() + ", " + this.files + " changelog files";
	}

	private static java.sql.Driver driver(DatabaseServer server) {
		try {
			return java.sql.DriverManager.getDriver(server.url("").value());
		}
		catch (java.sql.SQLException ex) {
			throw new DbIsolationException("No JDBC driver for '" + server + "': " + ex.getMessage() + ".",
					"Add 'com.mysql:mysql-connector-j' or 'org.mariadb.jdbc:mariadb-java-client' to the test classpath.",
					ex);
		}
	}

	/**
	 * SpringLiquibase has no getter for its changelog parameters.
	 */
	@SuppressWarnings("unchecked")
	private static Map<String, String> parameters(SpringLiquibase liquibase) {
		Field field = ReflectionUtils.findField(SpringLiquibase.class, "parameters");
		if (field == null) {
			return Map.of();
		}
		ReflectionUtils.makeAccessible(field);
		Object value = ReflectionUtils.getField(field, liquibase);
		return (value instanceof Map<?, ?> map) ? (Map<String, String>) map : Map.of();
	}

	private static List<Resource> changelogFiles(SpringLiquibase liquibase) {
		String changeLog = liquibase.getChangeLog();
		String location = changeLog.contains(":") ? changeLog : "classpath:" + changeLog;
		int slash = location.lastIndexOf('/');
		String directory = (slash > location.indexOf(':')) ? location.substring(0, slash) : location;
		ResourcePatternResolver resolver = ResourcePatternUtils
			.getResourcePatternResolver(liquibase.getResourceLoader());
		try {
			Resource master = resolver.getResource(location);
			if (!master.exists()) {
				throw new DbIsolationException("Liquibase changelog '" + changeLog + "' not found.",
						"Fix 'spring.liquibase.change-log', or set 'spring.liquibase.enabled=false'.", null);
			}
			Resource[] tree = resolver.getResources(directory.replaceFirst("^classpath:", "classpath*:") + "/**/*");
			// the master changelog is in the tree
			return Arrays.stream(tree)
				.filter(Resource::isReadable)
				.sorted(Comparator.comparing(Resource::getDescription))
				.toList();
		}
		catch (IOException ex) {
			throw new DbIsolationException(
					"Could not read the Liquibase changelogs in '" + directory + "': " + ex.getMessage(), ex);
		}
	}

	private static byte[] read(Resource file) {
		try (InputStream content = file.getInputStream()) {
			return content.readAllBytes();
		}
		catch (IOException ex) {
			throw new DbIsolationException("Could not read '" + file.getDescription() + "': " + ex.getMessage(), ex);
		}
	}

}
