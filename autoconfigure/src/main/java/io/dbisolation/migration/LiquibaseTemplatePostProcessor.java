package io.dbisolation.migration;

import liquibase.integration.spring.SpringLiquibase;

import org.springframework.beans.factory.config.BeanPostProcessor;

import io.dbisolation.schema.PrivateSchema;
import io.dbisolation.schema.SchemaOwner;

/**
 * Fills a context's private schema before the application's Liquibase updates it: finds
 * or builds the template for the application's Liquibase configuration and clones it,
 * changelog tables included, so the application's own update finds nothing to do.
 */
final class LiquibaseTemplatePostProcessor implements BeanPostProcessor {

	private final SchemaOwner owner;

	private final PrivateSchema schema;

	LiquibaseTemplatePostProcessor(SchemaOwner owner, PrivateSchema schema) {
		this.owner = owner;
		this.schema = schema;
	}

	@Override
	public Object postProcessBeforeInitialization(Object bean, String beanName) {
		if (bean instanceof SpringLiquibase liquibase && this.schema.template() == null) {
			synchronized (this) {
				if (this.schema.template() == null) {
					this.schema.cloneFrom(LiquibaseTemplateSource.of(liquibase, this.owner.server().engineVersion()));
				}
			}
		}
		return bean;
	}

}
