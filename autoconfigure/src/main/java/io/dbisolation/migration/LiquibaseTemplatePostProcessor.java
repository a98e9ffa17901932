package io.dbisolation.migration;

import liquibase.integration.spring.SpringLiquibase;

import org.springframework.beans.factory.config.BeanPostProcessor;

import io.dbisolation.schema.PrivateSchema;
import io.dbisolation.schema.SchemaTarget;

/**
 * Fills a context's private schema before the application's Liquibase updates it: finds
 * or builds the template for the application's Liquibase configuration and clones it,
 * changelog tables included, so the application's own update finds nothing to do.
 */
final class LiquibaseTemplatePostProcessor implements BeanPostProcessor {

	private final SchemaTarget target;

	LiquibaseTemplatePostProcessor(SchemaTarget target) {
		this.target = target;
	}

	@Override
	public Object postProcessBeforeInitialization(Object bean, String beanName) {
		if (bean instanceof SpringLiquibase liquibase) {
			PrivateSchema schema = this.target.schema();
			synchronized (this) {
				if (schema.template() == null) {
					schema.cloneFrom(this.target.owner()
						.template(LiquibaseTemplateSource.of(liquibase, this.target.owner().server().engineVersion())));
				}
			}
		}
		return bean;
	}

}
