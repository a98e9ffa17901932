package io.dbisolation.context;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.MergedContextConfiguration;
import org.springframework.util.ClassUtils;

import io.dbisolation.autoconfigure.DbIsolationProperties;
import io.dbisolation.datasource.IsolatingDataSourcePostProcessor;
import io.dbisolation.datasource.OtherDatabases;
import io.dbisolation.migration.TemplateSources;
import io.dbisolation.report.RunRecorder;
import io.dbisolation.server.DatabaseServer;
import io.dbisolation.test.DbIsolation.Mode;

/**
 * Prepares a Spring test context for isolation. In {@link Mode#SCHEMA} it gets a private
 * schema: created before the context refreshes, filled from the migrations' template,
 * made the target of every DataSource, and dropped when Spring closes the context. In
 * every mode its DataSources are wrapped so that each test can be rolled back. Part of
 * the context cache key: contexts that differ in mode get different schemas.
 */
final class DbIsolationContextCustomizer implements ContextCustomizer {

	private static final Log logger = LogFactory.getLog(DbIsolationContextCustomizer.class);

	private static final String PROPERTY_SOURCE_NAME = "dbisolation";

	private static final String TEST_DATABASE_REPLACE = "spring.test.database.replace";

	private static final String SERVICE_CONNECTION = "org.springframework.boot.testcontainers.service.connection.ServiceConnection";

	private static final String DOCKER_COMPOSE = "org.springframework.boot.docker.compose.lifecycle.DockerComposeProperties";

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
		RunRecorder.configure(properties.getReport().isEnabled(), properties.getReport().getDirectory());
		if (!properties.isEnabled()) {
			switchedOff(context, properties);
			return;
		}
		ConfigurableListableBeanFactory beanFactory = context.getBeanFactory();
		// written to until the server is decided, read before the beans that connect
		Map<String, Object> overrides = new ConcurrentHashMap<>();
		// test slices such as @DataJpaTest would replace the DataSource with an in-memory
		// one
		overrides.put(TEST_DATABASE_REPLACE, "NONE");
		environment.getPropertySources().addFirst(new MapPropertySource(PROPERTY_SOURCE_NAME, overrides));
		ContextTarget target = new ContextTarget(context, this.mode, properties, overrides);
		boolean schemas = this.mode != Mode.TRANSACTION;
		ContextIsolation isolation = new ContextIsolation(schemas ? target : null, new ContextIsolation.Settings(
				this.mode, properties.isVerifyRollback() && this.mode == Mode.SCHEMA, properties.isKeepFailed()));
		beanFactory.registerSingleton(ContextIsolation.BEAN_NAME, isolation);
		beanFactory.addBeanPostProcessor(new ConnectionDetailsPostProcessor(target, this.mode));
		if (SharedContainers.isPresent(context.getClassLoader())) {
			context.addBeanFactoryPostProcessor(SharedContainers.keepRunning());
			SharedContainers.share(beanFactory);
		}
		if (schemas) {
			beanFactory.addBeanPostProcessor(new IsolatingDataSourcePostProcessor(() -> target.schema().name(),
					isolation.dataSources(), this.excludedDataSources,
					new OtherDatabaseCopies(target, beanFactory, isolation.copies())));
			TemplateSources.Preparation preparation = TemplateSources.apply(context, target);
			overrides.putAll(preparation.overrides());
			target.prepare(isolation, preparation.scripts());
		}
		else {
			beanFactory.addBeanPostProcessor(new IsolatingDataSourcePostProcessor(() -> null, isolation.dataSources(),
					this.excludedDataSources, OtherDatabases.KEEP));
			target.prepare(isolation, false);
		}
		if (decidedBeforeStart(context)) {
			target.decide(null);
		}
		logger.debug("Context of '" + mergedConfig.getTestClass().getName() + "' is isolated in mode " + this.mode);
	}

	/**
	 * Whether the server is known before the context starts: from
	 * {@code spring.datasource.url}, or the embedded one when neither a Testcontainers
	 * {@code @ServiceConnection} nor Docker Compose can name another. Otherwise the first
	 * bean that connects decides it.
	 */
	private static boolean decidedBeforeStart(ConfigurableApplicationContext context) {
		ClassLoader classLoader = context.getClassLoader();
		return !ClassUtils.isPresent(SERVICE_CONNECTION, classLoader)
				&& !ClassUtils.isPresent(DOCKER_COMPOSE, classLoader);
	}

	private void switchedOff(ConfigurableApplicationContext context, DbIsolationProperties properties) {
		ConfigurableEnvironment environment = context.getEnvironment();
		boolean embedded = !environment.containsProperty("spring.datasource.url")
				&& !ClassUtils.isPresent(SERVICE_CONNECTION, context.getClassLoader());
		logger.warn("DbIsolation is switched off ('dbisolation.enabled=false'): tests share "
				+ (embedded ? "one database of the embedded server" : "the configured database")
				+ " and can see each other's data");
		Map<String, Object> overrides = new HashMap<>();
		// the same database as with isolation, only shared: never an in-memory one
		overrides.put(TEST_DATABASE_REPLACE, "NONE");
		if (embedded) {
			DatabaseServer server = SharedServers.INSTANCE.embedded(properties.getEmbedded().getCacheDirectory())
				.server();
			ContextProperties contextProperties = new ContextProperties(environment);
			overrides
				.putAll(contextProperties.connection(server, contextProperties.embeddedSwitchedOffDatabase(server)));
		}
		environment.getPropertySources().addFirst(new MapPropertySource(PROPERTY_SOURCE_NAME, overrides));
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
