package io.dbisolation.datasource;

import javax.sql.DataSource;

import org.springframework.beans.factory.config.BeanPostProcessor;

/**
 * Wraps every DataSource bean of a test context in an {@link IsolatingDataSource}.
 */
public final class IsolatingDataSourcePostProcessor implements BeanPostProcessor {

	private final String schema;

	private final IsolatedDataSources registry;

	/**
	 * Creates a post-processor.
	 * @param schema the schema connections point at, or {@code null} to keep the
	 * DataSources' own
	 * @param registry where the wrapped DataSources are registered
	 */
	public IsolatingDataSourcePostProcessor(String schema, IsolatedDataSources registry) {
		this.schema = schema;
		this.registry = registry;
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		if (bean instanceof DataSource dataSource && !(bean instanceof IsolatingDataSource)) {
			IsolatingDataSource isolating = new IsolatingDataSource(dataSource, this.schema);
			this.registry.add(isolating);
			return isolating;
		}
		return bean;
	}

}
