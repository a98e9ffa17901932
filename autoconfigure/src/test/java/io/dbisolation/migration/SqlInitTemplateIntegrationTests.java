package io.dbisolation.migration;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestContextManager;

import io.dbisolation.schema.PrivateSchema;
import io.dbisolation.test.DbIsolation;
import io.dbisolation.testapp.TestApplication;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Applications that create their schema with {@code spring.sql.init} scripts: the scripts
 * run once into a template, every context gets a clone, and Spring Boot does not run them
 * again.
 */
class SqlInitTemplateIntegrationTests {

	private static final String SCRIPTS = "spring.sql.init.schema-locations=classpath:db/sqlinit/schema.sql";

	@Test
	void contextsGetClonesOfOneTemplateBuiltFromTheScripts() {
		ApplicationContext first = context(First.class);
		ApplicationContext second = context(Second.class);
		PrivateSchema firstSchema = first.getBean(PrivateSchema.class);
		PrivateSchema secondSchema = second.getBean(PrivateSchema.class);
		assertThat(firstSchema.name()).isNotEqualTo(secondSchema.name());
		assertThat(firstSchema.template()).isNotNull();
		assertThat(firstSchema.template().name()).isEqualTo(secondSchema.template().name());
		assertThat(shapes(first)).containsExactly("circle", "square");
		assertThat(shapes(second)).containsExactly("circle", "square");
	}

	@Test
	void otherScriptsBuildAnotherTemplate() {
		PrivateSchema first = context(First.class).getBean(PrivateSchema.class);
		ApplicationContext other = context(OtherData.class);
		assertThat(other.getBean(PrivateSchema.class).template().name()).isNotEqualTo(first.template().name());
		assertThat(shapes(other)).containsExactly("circle", "square", "triangle");
	}

	private static ApplicationContext context(Class<?> testClass) {
		return new TestContextManager(testClass).getTestContext().getApplicationContext();
	}

	private static java.util.List<String> shapes(ApplicationContext context) {
		return new JdbcTemplate(context.getBean(DataSource.class)).queryForList("SELECT name FROM shapes ORDER BY id",
				String.class);
	}

	@SpringBootTest(classes = TestApplication.class,
			properties = { "spring.flyway.enabled=false", "spring.sql.init.mode=always", SCRIPTS,
					"spring.sql.init.data-locations=classpath:db/sqlinit/data.sql" })
	@DbIsolation
	static class First {

	}

	@SpringBootTest(classes = TestApplication.class,
			properties = { "spring.flyway.enabled=false", "spring.sql.init.mode=always", SCRIPTS,
					"spring.sql.init.data-locations=classpath:db/sqlinit/data.sql", "second=true" })
	@DbIsolation
	static class Second {

	}

	@SpringBootTest(classes = TestApplication.class,
			properties = { "spring.flyway.enabled=false", "spring.sql.init.mode=always", SCRIPTS,
					"spring.sql.init.data-locations=classpath:db/sqlinit-other/data.sql" })
	@DbIsolation
	static class OtherData {

	}

}
