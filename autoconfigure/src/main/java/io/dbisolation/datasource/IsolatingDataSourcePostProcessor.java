package io.dbisolation.datasource;

import javax.sql.DataSource;

import org.springframework.beans.factory.config.BeanPostProcessor;

/**
 * Wraps every DataSource bean of a test context in an {@link IsolatingDataSource}.
 */
public final class IsolatingDataSourcePostProcessor implements BeanPostProcessor {

	private final String schema;

	public IsolatingDataSourcePostProcessor(String schema) {
		this.schema = schema;
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		if (bean instanceof DataSource dataSource && !(bean instanceof IsolatingDataSource)) {
			return new IsolatingDataSource(dataSource, this.schema);
		}
		return bean;
	}

}
