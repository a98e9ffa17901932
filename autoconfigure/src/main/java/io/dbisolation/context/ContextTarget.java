package io.dbisolation.context;

import java.util.HashMap;
import java.util.Map;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.DefaultSingletonBeanRegistry;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.util.ClassUtils;

import io.dbisolation.autoconfigure.DbIsolationProperties;
import io.dbisolation.migration.TemplateSources;
import io.dbisolation.schema.PrivateSchema;
import io.dbisolation.schema.SchemaOwner;
import io.dbisolation.schema.SchemaTarget;
import io.dbisolation.server.DatabaseServer;
import io.dbisolation.test.DbIsolation.Mode;

/**
 * Decides a test context's server and creates its private schema there, once: at once
 * when {@code spring.datasource.url} names the server before the context starts,
 * otherwise when the first bean that connects is created. A Testcontainers
 * {@code @ServiceConnection} decides it (its container is the server), then a
 * {@code spring.datasource.url} that only a bean provides (a
 * {@code @DynamicPropertySource}), then the embedded MariaDB. What the context must see,
 * its URL included, goes into the context's first property source before the beans that
 * read it are bound.
 */
final class ContextTarget implements SchemaTarget {

	private static final Log logger = LogFactory.getLog(ContextTarget.class);

	static final String SCHEMA_BEAN_NAME = "dbIsolationPrivateSchema";

	private static final String JDBC_CONNECTION_DETAILS = "org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails";

	private static final String SERVICE_CONNECTION = "org.springframework.boot.testcontainers.service.connection.ServiceConnection";

	private final ConfigurableApplicationContext context;

	private final Mode mode;

	private final DbIsolationProperties properties;

	private final Map<String, Object> overrides;

	private final ContextProperties contextProperties;

	private boolean scripts;

	private ContextIsolation isolation;

	private volatile Decision decision;

	/**
	 * Creates the target of a context.
	 * @param context the context
	 * @param mode the isolation mode
	 * @param properties DbIsolation's settings
	 * @param overrides the map behind the context's first property source
	 */
	ContextTarget(ConfigurableApplicationContext context, Mode mode, DbIsolationProperties properties,
			Map<String, Object> overrides) {
		this.context = context;
		this.mode = mode;
		this.properties = properties;
		this.overrides = overrides;
		this.contextProperties = new ContextProperties(context.getEnvironment());
	}

	void prepare(ContextIsolation isolation, boolean scripts) {
		this.isolation = isolation;
		this.scripts = scripts;
	}

	@Override
	public SchemaOwner owner() {
		return decide(null).owner();
	}

	@Override
	public PrivateSchema schema() {
		return decide(null).schema();
	}

	@Override
	public PrivateSchema decidedSchema() {
		Decision decided = this.decision;
		return (decided != null) ? decided.schema() : null;
	}

	SchemaOwner decidedOwner() {
		Decision decided = this.decision;
		return (decided != null) ? decided.owner() : null;
	}

	/**
	 * Decides the context's server, if nothing has yet.
	 * @param given where a bean says the application connects, or {@code null} to look
	 * for it
	 * @return the decision, the same for every caller
	 */
	synchronized Decision decide(ServerAddress given) {
		if (this.decision != null) {
			return this.decision;
		}
		ServerAddress address = given;
		if (address == null) {
			initializeServiceConnections();
			if (this.decision != null) {
				// a container's connection details decided it
				return this.decision;
			}
			address = configuredAddress();
		}
		SchemaOwner owner = (address != null) ? SharedServers.INSTANCE.configured(address)
				: SharedServers.INSTANCE.embedded(this.properties.getEmbedded().getCacheDirectory());
		DatabaseServer server = owner.server();
		Map<String, Object> seen = new HashMap<>(ContextConnections.reserve(this.context, owner, this.properties,
				this.mode == Mode.SCHEMA_PER_TEST && !server.dialect().schemaIsCatalog()));
		if (this.mode == Mode.TRANSACTION) {
			String database = null;
			if (server.isEmbedded()) {
				database = this.contextProperties.embeddedSharedDatabase(server);
				seen.putAll(this.contextProperties.connection(server, database));
			}
			this.overrides.putAll(seen);
			this.decision = new Decision(owner, null, (database != null) ? server.url(database).value() : null,
					account(server, address));
			return this.decision;
		}
		PrivateSchema schema = owner.create();
		schema.onReplaced(() -> {
			if (this.isolation != null) {
				this.isolation.dataSources().replaceConnections();
			}
		});
		ConfigurableListableBeanFactory beanFactory = this.context.getBeanFactory();
		beanFactory.registerSingleton(SCHEMA_BEAN_NAME, schema);
		((DefaultSingletonBeanRegistry) beanFactory).registerDisposableBean(SCHEMA_BEAN_NAME, schema);
		seen.putAll(this.contextProperties.connection(server, schema.name()));
		Account account = account(server, address);
		if (account != null) {
			seen.put("spring.datasource.username", account.username());
			if (account.password() != null) {
				seen.put("spring.datasource.password", account.password());
			}
		}
		this.decision = new Decision(owner, schema, server.url(schema.name()).value(), account);
		if (this.scripts) {
			seen.putAll(TemplateSources.fillFromScripts(this.context, owner, schema));
		}
		this.overrides.putAll(seen);
		logger.debug("Context '" + this.context.getId() + "' uses schema '" + schema.name() + "' on '" + server + "'"
				+ ((given != null) ? " (named by a connection details bean)" : ""));
		return this.decision;
	}

	/**
	 * Initializes the connection details that Spring Boot made of a Testcontainers
	 * container, which starts the container and decides the server through
	 * {@link ConnectionDetailsPostProcessor}.
	 */
	private void initializeServiceConnections() {
		ClassLoader classLoader = this.context.getClassLoader();
		if (!ClassUtils.isPresent(JDBC_CONNECTION_DETAILS, classLoader)) {
			return;
		}
		ConfigurableListableBeanFactory beanFactory = this.context.getBeanFactory();
		Class<?> type = ClassUtils.resolveClassName(JDBC_CONNECTION_DETAILS, classLoader);
		for (String name : beanFactory.getBeanNamesForType(type, true, false)) {
			BeanDefinition definition = beanFactory.containsBeanDefinition(name)
					? beanFactory.getMergedBeanDefinition(name) : null;
			if (definition != null && definition.getAttribute(SERVICE_CONNECTION) != null) {
				beanFactory.getBean(name);
				if (this.decision != null) {
					return;
				}
			}
		}
	}

	private ServerAddress configuredAddress() {
		ConfigurableEnvironment environment = this.context.getEnvironment();
		String url = environment.getProperty("spring.datasource.url");
		return (url != null) ? ServerAddress.of(url, environment.getProperty("spring.datasource.username"),
				environment.getProperty("spring.datasource.password")) : null;
	}

	/**
	 * The account the application must connect as, where it is not its own: the embedded
	 * server's, or that of the container a {@code jdbc:tc:} URL started (whose driver
	 * ignores the configured one).
	 */
	private static Account account(DatabaseServer server, ServerAddress address) {
		if (server.isEmbedded()) {
			return new Account(server.username(), server.password());
		}
		if (address != null && address.container() && address.username() != null) {
			return new Account(address.username(), address.password());
		}
		return null;
	}

	/**
	 * What was decided for a context.
	 *
	 * @param owner the owner of the context's schemas
	 * @param schema the private schema, {@code null} in {@link Mode#TRANSACTION}
	 * @param url the URL the context's connections go to, {@code null} to keep the
	 * application's own
	 * @param account the account to connect as, {@code null} to keep the application's
	 * own
	 */
	record Decision(SchemaOwner owner, PrivateSchema schema, String url, Account account) {

	}

	/**
	 * An account to connect as.
	 *
	 * @param username the user
	 * @param password the password, may be {@code null}; never log it
	 */
	record Account(String username, String password) {

	}

}
