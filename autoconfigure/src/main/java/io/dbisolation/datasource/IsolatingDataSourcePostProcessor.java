package io.dbisolation.datasource;

import java.lang.reflect.Modifier;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.util.Set;
import java.util.function.Supplier;

import javax.sql.DataSource;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.aop.framework.ProxyFactory;
import org.springframework.beans.factory.config.BeanPostProcessor;

import io.dbisolation.dialect.JdbcUrl;

/**
 * Isolates the DataSource beans of a test context. A DataSource on the context's database
 * is pointed at its private schema; one on another database of the same server gets a
 * private copy of that database where {@link OtherDatabases} provides one, or keeps its
 * database; DataSources that end up on one database share each test's transaction, so
 * that each sees what the other wrote. The bean is replaced by a proxy that keeps its
 * type: a subclass proxy where the bean's class can be subclassed (so that code that
 * injects {@code HikariDataSource} still works and its configuration can still be read),
 * otherwise a proxy of its interfaces.
 */
public final class IsolatingDataSourcePostProcessor implements BeanPostProcessor {

	private static final Log logger = LogFactory.getLog(IsolatingDataSourcePostProcessor.class);

	private final Supplier<String> schema;

	private final IsolatedDataSources registry;

	private final Set<String> excluded;

	private final OtherDatabases otherDatabases;

	/**
	 * Creates a post-processor that isolates every DataSource, keeping other databases.
	 * @param schema the schema connections point at, or {@code null} to keep the
	 * DataSources' own
	 * @param registry where the isolated DataSources are registered
	 */
	public IsolatingDataSourcePostProcessor(String schema, IsolatedDataSources registry) {
		this(() -> schema, registry, Set.of(), OtherDatabases.KEEP);
	}

	/**
	 * Creates a post-processor.
	 * @param schema gives the context's private schema when the first DataSource is
	 * isolated, or {@code null} to keep the DataSources' own databases
	 * @param registry where the isolated DataSources are registered
	 * @param excluded names of DataSource beans to leave alone
	 * @param otherDatabases where DataSources that point at another database go
	 */
	public IsolatingDataSourcePostProcessor(Supplier<String> schema, IsolatedDataSources registry, Set<String> excluded,
			OtherDatabases otherDatabases) {
		this.schema = schema;
		this.registry = registry;
		this.excluded = Set.copyOf(excluded);
		this.otherDatabases = otherDatabases;
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		if (!(bean instanceof DataSource dataSource) || this.registry.isIsolated(bean)) {
			return bean;
		}
		if (this.excluded.contains(beanName)) {
			logger.info("DataSource '" + beanName + "' is left alone (@DbIsolation(excludeDataSources)): what it "
					+ "writes is not rolled back");
			return bean;
		}
		String contextSchema = this.schema.get();
		Target target = Target.of(dataSource, beanName);
		String schema = schemaFor(target, contextSchema);
		// one pinned connection serves one user on one database: a second DataSource with
		// other rights must keep them
		IsolatingDataSource isolating = new IsolatingDataSource(dataSource, schema,
				target.user() + "@" + target.hostAndPort() + "/" + ((schema != null) ? schema : target.database()),
				contextSchema != null && contextSchema.equals(schema));
		ProxyFactory factory = new ProxyFactory(bean);
		factory.setProxyTargetClass(canSubclass(bean.getClass()));
		// not castable to Advised: the proxy's target is the pool, which must not escape
		factory.setOpaque(true);
		factory.addAdvice(isolating);
		Object proxy = factory.getProxy(bean.getClass().getClassLoader());
		this.registry.add(proxy, isolating);
		return proxy;
	}

	private String schemaFor(Target target, String contextSchema) {
		if (contextSchema == null || target.database().isEmpty() || target.database().equals(contextSchema)) {
			return contextSchema;
		}
		return this.otherDatabases.schemaFor(target.hostAndPort(), target.database());
	}

	private static boolean canSubclass(Class<?> type) {
		return !Modifier.isFinal(type.getModifiers()) && !Proxy.isProxyClass(type) && !type.isSynthetic()
				&& !type.isAnonymousClass();
	}

	/**
	 * Where a DataSource's connections go, read from one of them.
	 */
	record Target(String user, String hostAndPort, String database) {

		static Target of(DataSource dataSource, String beanName) {
			try (Connection connection = dataSource.getConnection()) {
				String catalog = connection.getCatalog();
				DatabaseMetaData metaData = connection.getMetaData();
				return new Target(String.valueOf(metaData.getUserName()),
						JdbcUrl.parse(metaData.getURL()).hostAndPort(), (catalog != null) ? catalog : "");
			}
			catch (SQLException | RuntimeException ex) {
				// one that cannot connect now gets a transaction of its own, on whatever
				// database it reaches later
				logger.debug("Could not tell where DataSource '" + beanName + "' points", ex);
				return new Target(beanName, "unknown", "");
			}
		}
	}

}
