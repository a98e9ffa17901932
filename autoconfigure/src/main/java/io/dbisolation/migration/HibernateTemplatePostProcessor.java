package io.dbisolation.migration;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.core.env.Environment;
import org.springframework.orm.jpa.AbstractEntityManagerFactoryBean;
import org.springframework.util.FileSystemUtils;

import io.dbisolation.schema.PrivateSchema;
import io.dbisolation.schema.SchemaTarget;
import io.dbisolation.schema.TemplateRetention;
import io.dbisolation.test.DbIsolationException;

/**
 * Builds templates from Hibernate's schema generation. Instead of creating the schema in
 * every context's database, Hibernate is told to write its DDL to a script; once the
 * entity manager factory is built, the script (with {@code import.sql}) fills a template
 * once per content, and the context's schema is cloned from it before anything uses it.
 */
final class HibernateTemplatePostProcessor implements BeanPostProcessor, DisposableBean {

	private static final Set<String> CREATING = Set.of("create", "create-drop", "create-only", "update");

	private static final String JPA = "spring.jpa.properties.";

	private final SchemaTarget target;

	private final Path directory;

	private final TemplateRetention retention;

	private HibernateTemplatePostProcessor(SchemaTarget target, Path directory, TemplateRetention retention) {
		this.target = target;
		this.directory = directory;
		this.retention = retention;
	}

	/**
	 * Whether Hibernate would create the schema itself.
	 * @param environment the context's environment
	 * @return {@code true} for {@code create}, {@code create-drop}, {@code create-only}
	 * and {@code update}
	 */
	static boolean applies(Environment environment) {
		String action = environment.getProperty("spring.jpa.hibernate.ddl-auto",
				environment.getProperty(JPA + "hibernate.hbm2ddl.auto", "none"));
		return CREATING.contains(action.toLowerCase(Locale.ROOT));
	}

	static HibernateTemplatePostProcessor create(SchemaTarget target, TemplateRetention retention) {
		try {
			return new HibernateTemplatePostProcessor(target, Files.createTempDirectory("dbisolation-ddl-"), retention);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Settings that make Hibernate write its DDL to a script instead of running it.
	 * @return the properties to put first in the context's environment
	 */
	Map<String, Object> properties() {
		Map<String, Object> properties = new HashMap<>();
		properties.put("spring.jpa.hibernate.ddl-auto", "none");
		properties.put(JPA + "hibernate.hbm2ddl.auto", "none");
		properties.put(JPA + "jakarta.persistence.schema-generation.database.action", "none");
		properties.put(JPA + "jakarta.persistence.schema-generation.scripts.action", "create");
		properties.put(JPA + "jakarta.persistence.schema-generation.scripts.create-target", script().toString());
		properties.put(JPA + "hibernate.hbm2ddl.delimiter", ";");
		properties.put(JPA + "hibernate.format_sql", "false");
		return properties;
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		if (bean instanceof AbstractEntityManagerFactoryBean) {
			PrivateSchema schema = this.target.schema();
			synchronized (this) {
				if (schema.template() == null) {
					schema.cloneFrom(this.target.owner()
						.template(
								new HibernateTemplateSource(readScript(), this.target.owner().server().engineVersion()),
								this.retention));
				}
			}
		}
		return bean;
	}

	private byte[] readScript() {
		try {
			if (!Files.exists(script())) {
				throw new DbIsolationException("Hibernate wrote no schema script to '" + script() + "'.",
						"Check that 'spring.jpa.properties.jakarta.persistence.schema-generation.*' is not set "
								+ "elsewhere, or create the schema with Flyway or Liquibase.",
						null);
			}
			return Files.readAllBytes(script());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		finally {
			destroy();
		}
	}

	/**
	 * Deletes the script's directory; also when the context closes or fails to start
	 * before Hibernate wrote the script.
	 */
	@Override
	public void destroy() {
		try {
			FileSystemUtils.deleteRecursively(this.directory);
		}
		catch (IOException ignored) {
			// a temporary directory; the operating system cleans it up eventually
		}
	}

	private Path script() {
		return this.directory.resolve("create.sql");
	}

}
