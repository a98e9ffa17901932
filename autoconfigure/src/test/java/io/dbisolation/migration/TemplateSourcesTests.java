package io.dbisolation.migration;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.mock.env.MockEnvironment;

import io.dbisolation.test.DbIsolationException;

import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * Choosing what fills a template.
 */
class TemplateSourcesTests {

	private final MockEnvironment environment = new MockEnvironment().withProperty("spring.flyway.locations",
			"classpath:db/testapp");

	@Test
	void flywayWithoutSpringBootsFlywayModuleFailsNamingTheDependency() {
		FilteredClassLoader withoutModule = new FilteredClassLoader("org.springframework.boot.flyway");
		assertThatExceptionOfType(DbIsolationException.class).isThrownBy(
				() -> TemplateSources.checkFlywayModule(withoutModule, this.environment, new DefaultResourceLoader()))
			.withMessage("Flyway migrations were found in 'classpath:db/testapp', but Spring Boot will not run them: "
					+ "'flyway-core' is on the classpath without Spring Boot's Flyway module. Add the dependency "
					+ "'org.springframework.boot:spring-boot-starter-flyway' (Spring Boot 4 moved Flyway's "
					+ "auto-configuration there), or set 'spring.flyway.enabled=false'.");
	}

	@Test
	void flywayWithItsModuleIsFine() {
		assertThatNoException().isThrownBy(() -> TemplateSources.checkFlywayModule(getClass().getClassLoader(),
				this.environment, new DefaultResourceLoader()));
	}

	@Test
	void flywayWithoutMigrationsIsFine() {
		FilteredClassLoader withoutModule = new FilteredClassLoader("org.springframework.boot.flyway");
		this.environment.setProperty("spring.flyway.locations", "classpath:db/none-here");
		assertThatNoException().isThrownBy(
				() -> TemplateSources.checkFlywayModule(withoutModule, this.environment, new DefaultResourceLoader()));
	}

	@Test
	void flywaySwitchedOffIsFine() {
		FilteredClassLoader withoutModule = new FilteredClassLoader("org.springframework.boot.flyway");
		this.environment.setProperty("spring.flyway.enabled", "false");
		assertThatNoException().isThrownBy(
				() -> TemplateSources.checkFlywayModule(withoutModule, this.environment, new DefaultResourceLoader()));
	}

}
