package io.dbisolation.migration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.TestContextManager;

import io.dbisolation.schema.PrivateSchema;
import io.dbisolation.test.DbIsolation;
import io.dbisolation.testapp.TestApplication;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A context whose schema no migration tool fills is told so.
 */
@ExtendWith(OutputCaptureExtension.class)
class MissingTemplateIntegrationTests {

	@Test
	void aSchemaWithoutTemplateIsReportedWhenTheContextStarts(CapturedOutput output) {
		ApplicationContext context = new TestContextManager(NoMigrations.class).getTestContext()
			.getApplicationContext();
		PrivateSchema schema = context.getBean(PrivateSchema.class);
		assertThat(schema.template()).isNull();
		assertThat(output).contains("Schema '" + schema.name() + "' was not filled from a template: no Flyway or "
				+ "Liquibase bean, Hibernate schema generation or 'spring.sql.init.mode=always' scripts were found");
	}

	@SpringBootTest(classes = TestApplication.class, properties = "spring.flyway.enabled=false")
	@DbIsolation
	static class NoMigrations {

	}

}
