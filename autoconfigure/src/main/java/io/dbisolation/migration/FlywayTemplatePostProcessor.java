package io.dbisolation.migration;

import org.flywaydb.core.Flyway;

import org.springframework.beans.factory.config.BeanPostProcessor;

import io.dbisolation.schema.PrivateSchema;
import io.dbisolation.schema.SchemaTarget;
import io.dbisolation.schema.TemplateRetention;

/**
 * Fills a context's private schema before the application's Flyway migrates it: finds or
 * builds the template for the application's Flyway configuration and clones it, history
 * table included, so the application's own migration finds nothing to do.
 */
public final class FlywayTemplatePostProcessor implements BeanPostProcessor {

	private final SchemaTarget target;

	private final TemplateRetention retention;

	public FlywayTemplatePostProcessor(SchemaTarget target, TemplateRetention retention) {
		this.target = target;
		this.retention = retention;
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		if (bean instanceof Flyway flyway) {
			PrivateSchema schema = this.target.schema();
			synchronized (this) {
				if (schema.template() == null) {
					schema.cloneFrom(this.target.owner()
						.template(FlywayTemplateSource.of(flyway, this.target.owner().server().engineVersion()),
								this.retention));
				}
			}
		}
		return bean;
	}

}
