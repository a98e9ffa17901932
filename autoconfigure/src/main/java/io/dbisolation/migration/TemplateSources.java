package io.dbisolation.migration;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.support.DefaultSingletonBeanRegistry;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextRefreshedEvent;
import org.springframework.core.env.Environment;
import org.springframework.core.io.support.ResourcePatternResolver;
import org.springframework.core.io.support.ResourcePatternUtils;
import org.springframework.util.ClassUtils;

import io.dbisolation.schema.PrivateSchema;
import io.dbisolation.schema.SchemaOwner;
import io.dbisolation.schema.SchemaTarget;
import io.dbisolation.schema.TemplateRetention;
import io.dbisolation.test.DbIsolationException;

/**
 * Chooses what fills a context's private schema from a template: the application's Flyway
 * when Spring Boot runs it, otherwise its {@code spring.sql.init} scripts.
 */
public final class TemplateSources {

	private static final Log logger = LogFactory.getLog(TemplateSources.class);

	private static final String FLYWAY = "org.flywaydb.core.Flyway";

	private static final String FLYWAY_AUTO_CONFIGURATION = "org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration";

	private static final String ENTITY_MANAGER_FACTORY_BEAN = "org.springframework.orm.jpa.AbstractEntityManagerFactoryBean";

	private static final String HIBERNATE_SCRIPT_BEAN = "dbIsolationHibernateSchemaScript";

	private static final String LIQUIBASE = "liquibase.integration.spring.SpringLiquibase";

	private static final String LIQUIBASE_AUTO_CONFIGURATION = "org.springframework.boot.liquibase.autoconfigure.LiquibaseAutoConfiguration";

	private TemplateSources() {
	}

	/**
	 * Prepares a context's schema to be filled from a template by the bean that would
	 * otherwise create it: the application's Flyway, Liquibase or entity manager factory.
	 * Scripts of {@code spring.sql.init} are not a bean: when they are what fills the
	 * schema, {@link #fillFromScripts} does it once the schema exists.
	 * @param context the test context being prepared
	 * @param target the context's schema and its owner, possibly not decided yet
	 * @return properties that the context must see, and whether scripts fill the schema
	 */
	public static Preparation apply(ConfigurableApplicationContext context, SchemaTarget target) {
		Environment environment = context.getEnvironment();
		ClassLoader classLoader = context.getClassLoader();
		Map<String, Object> overrides = new HashMap<>();
		checkFlywayModule(classLoader, environment, context);
		context.addApplicationListener(new MissingTemplateNotice(target));
		TemplateRetention retention = TemplateRetentions.of(environment);
		if (flywayRuns(classLoader, environment)) {
			context.getBeanFactory().addBeanPostProcessor(new FlywayTemplatePostProcessor(target, retention));
			return new Preparation(overrides, false);
		}
		if (liquibaseRuns(classLoader, environment)) {
			context.getBeanFactory().addBeanPostProcessor(new LiquibaseTemplatePostProcessor(target, retention));
			return new Preparation(overrides, false);
		}
		if (ClassUtils.isPresent(ENTITY_MANAGER_FACTORY_BEAN, classLoader)
				&& HibernateTemplatePostProcessor.applies(environment)) {
			HibernateTemplatePostProcessor hibernate = HibernateTemplatePostProcessor.create(target, retention);
			context.getBeanFactory().addBeanPostProcessor(hibernate);
			// its temporary directory goes when the context closes, or fails to start
			((DefaultSingletonBeanRegistry) context.getBeanFactory()).registerDisposableBean(HIBERNATE_SCRIPT_BEAN,
					hibernate);
			overrides.putAll(hibernate.properties());
			return new Preparation(overrides, false);
		}
		return new Preparation(overrides, SqlInitTemplateSource.applies(environment));
	}

	/**
	 * Fills a context's new schema from the template of its {@code spring.sql.init}
	 * scripts, if any exist.
	 * @param context the test context
	 * @param owner the owner of the schema
	 * @param schema the context's empty private schema
	 * @return properties that the context must see: the scripts must not run again
	 */
	public static Map<String, Object> fillFromScripts(ConfigurableApplicationContext context, SchemaOwner owner,
			PrivateSchema schema) {
		Optional<SqlInitTemplateSource> scripts = SqlInitTemplateSource.of(context.getEnvironment(), context,
				owner.server().engineVersion());
		if (scripts.isEmpty()) {
			return Map.of();
		}
		schema.cloneFrom(owner.template(scripts.get(), TemplateRetentions.of(context.getEnvironment())));
		// the template ran them; running them again would fail on existing tables
		return Map.of("spring.sql.init.mode", "never");
	}

	/**
	 * What preparing a context for its template gave.
	 *
	 * @param overrides properties the context must see
	 * @param scripts whether {@link #fillFromScripts} must fill the schema once it exists
	 */
	public record Preparation(Map<String, Object> overrides, boolean scripts) {

	}

	static boolean flywayRuns(ClassLoader classLoader, Environment environment) {
		return ClassUtils.isPresent(FLYWAY, classLoader) && ClassUtils.isPresent(FLYWAY_AUTO_CONFIGURATION, classLoader)
				&& environment.getProperty("spring.flyway.enabled", Boolean.class, true);
	}

	static boolean liquibaseRuns(ClassLoader classLoader, Environment environment) {
		return ClassUtils.isPresent(LIQUIBASE, classLoader)
				&& ClassUtils.isPresent(LIQUIBASE_AUTO_CONFIGURATION, classLoader)
				&& environment.getProperty("spring.liquibase.enabled", Boolean.class, true);
	}

	/**
	 * Spring Boot 4 runs Flyway only with its {@code spring-boot-flyway} module: with
	 * {@code flyway-core} alone, migrations silently do not run and every test fails on a
	 * missing table.
	 */
	static void checkFlywayModule(ClassLoader classLoader, Environment environment,
			org.springframework.core.io.ResourceLoader resourceLoader) {
		if (!ClassUtils.isPresent(FLYWAY, classLoader) || ClassUtils.isPresent(FLYWAY_AUTO_CONFIGURATION, classLoader)
				|| !environment.getProperty("spring.flyway.enabled", Boolean.class, true)) {
			return;
		}
		List<String> locations = Binder.get(environment)
			.bind("spring.flyway.locations", Bindable.listOf(String.class))
			.orElse(List.of("classpath:db/migration"));
		ResourcePatternResolver resolver = ResourcePatternUtils.getResourcePatternResolver(resourceLoader);
		for (String location : locations) {
			String pattern = location.replaceFirst("^classpath:", "classpath*:").replaceAll("/$", "") + "/**/*.sql";
			try {
				if (resolver.getResources(pattern).length > 0) {
					throw new DbIsolationException(
							"Flyway migrations were found in '" + location
									+ "', but Spring Boot will not run them: 'flyway-core' is on the classpath without "
									+ "Spring Boot's Flyway module.",
							"Add the dependency 'org.springframework.boot:spring-boot-starter-flyway' (Spring Boot 4 "
									+ "moved Flyway's auto-configuration there), or set 'spring.flyway.enabled=false'.",
							null);
				}
			}
			catch (java.io.IOException ex) {
				logger.debug("Could not look for Flyway migrations in '" + location + "'", ex);
			}
		}
	}

	/**
	 * Says at the end of a context's start that its schema was not filled from a
	 * template: a user whose migrations did not run (a missing Spring Boot module, a
	 * wrong location) sees why the tables are missing.
	 */
	static final class MissingTemplateNotice implements ApplicationListener<ContextRefreshedEvent> {

		private final SchemaTarget target;

		MissingTemplateNotice(SchemaTarget target) {
			this.target = target;
		}

		@Override
		public void onApplicationEvent(ContextRefreshedEvent event) {
			PrivateSchema schema = this.target.decidedSchema();
			if (schema != null && schema.template() == null) {
				logger.info("Schema '" + schema.name() + "' was not filled from a template: no Flyway or "
						+ "Liquibase bean, Hibernate schema generation or 'spring.sql.init.mode=always' scripts were "
						+ "found, so it starts empty. If your migrations should have run, check that Spring Boot's "
						+ "module for your tool is a dependency (for example "
						+ "'spring-boot-starter-flyway' or 'spring-boot-starter-liquibase').");
			}
		}

	}

}
