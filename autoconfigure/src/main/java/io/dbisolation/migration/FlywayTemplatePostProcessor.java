package io.dbisolation.migration;

import org.flywaydb.core.Flyway;

import org.springframework.beans.factory.config.BeanPostProcessor;

import io.dbisolation.schema.PrivateSchema;
import io.dbisolation.schema.SchemaTarget;

/**
 * Fills a context's private schema before the application's Flyway migrates it: finds or
 * builds the template for the application's Flyway configuration and clones it, history
 * table included, so the application's own migration finds nothing to do.
 */
public final class FlywayTemplatePostProcessor implements BeanPostProcessor {

	private final SchemaTarget target;

	public FlywayTemplatePostProcessor(SchemaTarget target) {
		this.target = target;
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		if (bean instanceof Flyway flyway) {
			PrivateSchema schema = this.target.schema();
			synchronized (this) {
				if (schema.template() == null) {
					schema.cloneFrom(this.target.owner()
						.template(FlywayTemplateSource.of(flyway, this.target.owner().server().engineVersion())));
				}
			}
		}
		return bean;
	}

}
