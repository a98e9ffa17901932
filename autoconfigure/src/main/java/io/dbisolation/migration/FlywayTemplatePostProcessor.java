package io.dbisolation.migration;

import org.flywaydb.core.Flyway;

import org.springframework.beans.factory.config.BeanPostProcessor;

import io.dbisolation.schema.PrivateSchema;
import io.dbisolation.schema.SchemaOwner;

/**
 * Fills a context's private schema before the application's Flyway migrates it: finds or
 * builds the template for the application's Flyway configuration and clones it, history
 * table included, so the application's own migration finds nothing to do.
 */
public final class FlywayTemplatePostProcessor implements BeanPostProcessor {

	private final SchemaOwner owner;

	private final PrivateSchema schema;

	public FlywayTemplatePostProcessor(SchemaOwner owner, PrivateSchema schema) {
		this.owner = owner;
		this.schema = schema;
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		if (bean instanceof Flyway flyway && this.schema.template() == null) {
			synchronized (this) {
				if (this.schema.template() == null) {
					this.schema.cloneFrom(FlywayTemplateSource.of(flyway, this.owner.server().engineVersion()));
				}
			}
		}
		return bean;
	}

}
