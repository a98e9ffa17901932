package io.dbisolation.migration;

import java.nio.file.Path;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;

import io.dbisolation.autoconfigure.DbIsolationProperties;
import io.dbisolation.schema.TemplateRetention;

/**
 * Reads how long and how many templates of the application are kept, and which
 * application a context belongs to: {@code spring.application.name}, or else the name of
 * the folder the tests run in (the Maven or Gradle module), so that two applications on
 * one server bound their templates apart.
 */
final class TemplateRetentions {

	private TemplateRetentions() {
	}

	static TemplateRetention of(Environment environment) {
		DbIsolationProperties.Templates templates = Binder.get(environment)
			.bindOrCreate("dbisolation", DbIsolationProperties.class)
			.getTemplates();
		return new TemplateRetention(application(environment), templates.getMaxAge(), templates.getMaxPerApplication());
	}

	static String application(Environment environment) {
		String name = environment.getProperty("spring.application.name");
		if (name != null && !name.isBlank()) {
			return name.trim();
		}
		Path folder = Path.of(System.getProperty("user.dir")).toAbsolutePath().getFileName();
		return (folder != null) ? folder.toString() : "";
	}

}
