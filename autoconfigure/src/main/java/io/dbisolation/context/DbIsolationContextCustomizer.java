package io.dbisolation.context;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.DefaultSingletonBeanRegistry;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.MergedContextConfiguration;

import io.dbisolation.autoconfigure.DbIsolationProperties;
import io.dbisolation.datasource.IsolatingDataSourcePostProcessor;
import io.dbisolation.datasource.OtherDatabases;
import io.dbisolation.migration.TemplateSources;
import io.dbisolation.schema.PrivateSchema;
import io.dbisolation.schema.SchemaNames;
import io.dbisolation.schema.SchemaOwner;
import io.dbisolation.server.DatabaseServer;
import io.dbisolation.test.DbIsolation.Mode;
import io.dbisolation.test.DbIsolationException;

/**
 * Prepares a Spring test context for isolation. In {@link Mode#SCHEMA} it gets a private
 * schema: created before the context refreshes, filled from the migrations' template,
 * made the target of every DataSource, and dropped when Spring closes the context. In
 * every mode its DataSources are wrapped so that each test can be rolled back. Part of
 * the context cache key: contexts that differ in mode get different schemas.
 */
final class DbIsolationContextCustomizer implements ContextCustomizer {

	/** The bean name of the context's {@link PrivateSchema}. */
	static final String SCHEMA_BEAN_NAME = "dbIsolationPrivateSchema";

	private static final Log logger = LogFactory.getLog(DbIsolationContextCustomizer.class);

	private static final String PROPERTY_SOURCE_NAME = "dbisolation";

	private static final String SHARED_DATABASE = "test";

	private static final String TEST_DATABASE_REPLACE = "spring.test.database.replace";

	private final Mode mode;

	private final Set<String> excludedDataSources;

	DbIsolationContextCustomizer(Mode mode) {
		this(mode, Set.of());
	}

	DbIsolationContextCustomizer(Mode mode, Set<String> excludedDataSources) {
		this.mode = mode;
		this.excludedDataSources = Set.copyOf(excludedDataSources);
	}

	@Override
	public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration mergedConfig) {
		ConfigurableEnvironment environment = context.getEnvironment();
		DbIsolationProperties properties = Binder.get(environment)
			.bindOrCreate("dbisolation", DbIsolationProperties.class);
		String url = environment.getProperty("spring.datasource.url");
		SchemaOwner owner = (url != null)
				? SharedServers.INSTANCE.configured(url, environment.getProperty("spring.datasource.username"),
						environment.getProperty("spring.datasource.password"))
				: SharedServers.INSTANCE.embedded(properties.getEmbedded().getCacheDirectory());
		if (!properties.isEnabled()) {
			switchedOff(context, owner.server());
			return;
		}
		ConfigurableListableBeanFactory beanFactory = context.getBeanFactory();
		Map<String, Object> overrides = ContextConnections.reserve(context, owner, properties);
		// test slices such as @DataJpaTest would replace the DataSource with an in-memory
		// one
		overrides.put(TEST_DATABASE_REPLACE, "NONE");
		if (this.mode == Mode.TRANSACTION) {
			ContextIsolation isolation = new ContextIsolation(null,
					new ContextIsolation.Settings(this.mode, null, false, false));
			beanFactory.registerSingleton(ContextIsolation.BEAN_NAME, isolation);
			if (owner.server().isEmbedded()) {
				overrides.putAll(embeddedSharedDatabase(environment, owner.server()));
			}
			environment.getPropertySources().addFirst(new MapPropertySource(PROPERTY_SOURCE_NAME, overrides));
			beanFactory.addBeanPostProcessor(new IsolatingDataSourcePostProcessor(null, isolation.dataSources(),
					this.excludedDataSources, OtherDatabases.KEEP));
			return;
		}
		PrivateSchema schema = owner.create();
		ContextIsolation isolation = new ContextIsolation(schema, new ContextIsolation.Settings(this.mode, owner,
				properties.isVerifyRollback() && this.mode == Mode.SCHEMA, properties.isKeepFailed()));
		beanFactory.registerSingleton(ContextIsolation.BEAN_NAME, isolation);
		beanFactory.registerSingleton(SCHEMA_BEAN_NAME, schema);
		((DefaultSingletonBeanRegistry) beanFactory).registerDisposableBean(SCHEMA_BEAN_NAME, schema);
		overrides.putAll(connectionProperties(environment, owner.server(), schema.name()));
		beanFactory.addBeanPostProcessor(new IsolatingDataSourcePostProcessor(schema.name(), isolation.dataSources(),
				this.excludedDataSources, new OtherDatabaseCopies(owner, beanFactory, isolation.copies())));
		overrides.putAll(TemplateSources.apply(context, owner, schema));
		environment.getPropertySources().addFirst(new MapPropertySource(PROPERTY_SOURCE_NAME, overrides));
		logger.debug("Context of '" + mergedConfig.getTestClass().getName() + "' uses schema '" + schema.name()
				+ "' on '" + owner.server() + "'");
	}

	private Map<String, Object> connectionProperties(ConfigurableEnvironment environment, DatabaseServer server,
			String schema) {
		Map<String, Object> properties = new HashMap<>();
		properties.put("spring.datasource.url", server.url(schema).value());
		if (server.isEmbedded()) {
			properties.put("spring.datasource.username", server.username());
			properties.put("spring.datasource.password", server.password());
		}
		// a Flyway pointed elsewhere than the DataSource must migrate the private schema
		// too
		if (environment.containsProperty("spring.flyway.url")) {
			properties.put("spring.flyway.url", server.url(schema).value());
		}
		if (environment.containsProperty("spring.flyway.schemas")) {
			properties.put("spring.flyway.schemas", schema);
		}
		if (environment.containsProperty("spring.flyway.default-schema")) {
			properties.put("spring.flyway.default-schema", schema);
		}
		return properties;
	}

	private void switchedOff(ConfigurableApplicationContext context, DatabaseServer server) {
		logger.warn("DbIsolation is switched off ('dbisolation.enabled=false'): tests share "
				+ (server.isEmbedded() ? "one database of the embedded MariaDB" : "the configured database")
				+ " and can see each other's data");
		Map<String, Object> overrides = new HashMap<>();
		// the same database as with isolation, only shared: never an in-memory one
		overrides.put(TEST_DATABASE_REPLACE, "NONE");
		if (server.isEmbedded()) {
			overrides.putAll(embeddedSharedDatabase(context.getEnvironment(), server));
		}
		context.getEnvironment().getPropertySources().addFirst(new MapPropertySource(PROPERTY_SOURCE_NAME, overrides));
	}

	/**
	 * Without private schemas, the embedded server's contexts share one database, named
	 * after the application so that suites of different applications do not meet.
	 */
	private Map<String, Object> embeddedSharedDatabase(ConfigurableEnvironment environment, DatabaseServer server) {
		String name = environment.getProperty("spring.application.name", SHARED_DATABASE)
			.toLowerCase(Locale.ROOT)
			.replaceAll("[^a-z0-9_]", "_");
		String database = (name.isEmpty() || name.startsWith(SchemaNames.PREFIX)) ? SHARED_DATABASE
				: name.substring(0, Math.min(name.length(), 59));
		if (server.dialect().isSystemSchema(database)) {
			// an application named after a system schema must never write into it
			database = database + "_test";
		}
		try (Connection connection = server.connect("")) {
			if (!server.dialect().schemaExists(connection, database)) {
				server.dialect().createSchema(connection, database);
			}
		}
		catch (SQLException ex) {
			// a concurrent context may have created it; connecting will tell if not
			logger.debug("Could not create the shared database '" + database + "'", ex);
		}
		Map<String, Object> properties = new HashMap<>();
		properties.put("spring.datasource.url", server.url(database).value());
		properties.put("spring.datasource.username", server.username());
		properties.put("spring.datasource.password", server.password());
		return properties;
	}

	@Override
	public boolean equals(Object other) {
		return this == other || (other instanceof DbIsolationContextCustomizer that && this.mode == that.mode
				&& this.excludedDataSources.equals(that.excludedDataSources));
	}

	@Override
	public int hashCode() {
		return Objects.hash(DbIsolationContextCustomizer.class, this.mode, this.excludedDataSources);
	}

	@Override
	public String toString() {
		return "DbIsolationContextCustomizer[mode=" + this.mode + (this.excludedDataSources.isEmpty() ? ""
				: ", excludeDataSources=" + new TreeSet<>(this.excludedDataSources)) + "]";
	}

}
