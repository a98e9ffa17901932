package io.dbisolation.migration;

import liquibase.integration.spring.SpringLiquibase;

import org.springframework.beans.factory.config.BeanPostProcessor;

import io.dbisolation.schema.PrivateSchema;
import io.dbisolation.schema.SchemaTarget;
import io.dbisolation.schema.TemplateRetention;

/**
 * Fills a context's private schema before the application's Liquibase updates it: finds
 * or builds the template for the application's Liquibase configuration and clones it,
 * changelog tables included, so the application's own update finds nothing to do.
 */
final class LiquibaseTemplatePostProcessor implements BeanPostProcessor {

	private final SchemaTarget target;

	private final TemplateRetention retention;

	LiquibaseTemplatePostProcessor(SchemaTarget target, TemplateRetention retention) {
		this.target = target;
		this.retention = retention;
	}

	@Override
	public Object postProcessBeforeInitialization(Object bean, String beanName) {
		if (bean instanceof SpringLiquibase liquibase) {
			PrivateSchema schema = this.target.schema();
			synchronized (this) {
				if (schema.template() == null) {
					schema.cloneFrom(this.target.owner()
						.template(LiquibaseTemplateSource.of(liquibase, this.target.owner().server().engineVersion()),
								this.retention));
				}
			}
		}
		return bean;
	}

}
