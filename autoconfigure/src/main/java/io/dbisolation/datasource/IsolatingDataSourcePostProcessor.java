package io.dbisolation.datasource;

import java.lang.reflect.Modifier;
import java.lang.reflect.Proxy;

import javax.sql.DataSource;

import org.springframework.aop.framework.ProxyFactory;
import org.springframework.beans.factory.config.BeanPostProcessor;

/**
 * Isolates every DataSource bean of a test context. The bean is replaced by a proxy that
 * keeps its type: a subclass proxy where the bean's class can be subclassed (so that code
 * that injects {@code HikariDataSource} still works and its configuration can still be
 * read), otherwise a proxy of its interfaces.
 */
public final class IsolatingDataSourcePostProcessor implements BeanPostProcessor {

	private final String schema;

	private final IsolatedDataSources registry;

	/**
	 * Creates a post-processor.
	 * @param schema the schema connections point at, or {@code null} to keep the
	 * DataSources' own
	 * @param registry where the isolated DataSources are registered
	 */
	public IsolatingDataSourcePostProcessor(String schema, IsolatedDataSources registry) {
		this.schema = schema;
		this.registry = registry;
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		if (!(bean instanceof DataSource dataSource) || this.registry.isIsolated(bean)) {
			return bean;
		}
		IsolatingDataSource isolating = new IsolatingDataSource(dataSource, this.schema);
		ProxyFactory factory = new ProxyFactory(bean);
		factory.setProxyTargetClass(canSubclass(bean.getClass()));
		// not castable to Advised: the proxy's target is the pool, which must not escape
		factory.setOpaque(true);
		factory.addAdvice(isolating);
		Object proxy = factory.getProxy(bean.getClass().getClassLoader());
		this.registry.add(proxy, isolating);
		return proxy;
	}

	private static boolean canSubclass(Class<?> type) {
		return !Modifier.isFinal(type.getModifiers()) && !Proxy.isProxyClass(type) && !type.isSynthetic()
				&& !type.isAnonymousClass();
	}

}
