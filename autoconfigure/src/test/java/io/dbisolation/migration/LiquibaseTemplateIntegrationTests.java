package io.dbisolation.migration;

import java.util.List;

import javax.sql.DataSource;

import liquibase.integration.spring.SpringLiquibase;
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
 * Applications that migrate with Liquibase: the changelog runs once into a template,
 * every context gets a clone with the changelog tables, and the application's own update
 * finds nothing to do.
 */
class LiquibaseTemplateIntegrationTests {

	private static final String CHANGELOG = "spring.liquibase.change-log=classpath:db/liquibase/master.yaml";

	@Test
	void contextsGetClonesOfOneTemplateBuiltByLiquibase() {
		ApplicationContext first = context(First.class);
		ApplicationContext second = context(Second.class);
		PrivateSchema firstSchema = first.getBean(PrivateSchema.class);
		PrivateSchema secondSchema = second.getBean(PrivateSchema.class);
		assertThat(firstSchema.name()).isNotEqualTo(secondSchema.name());
		assertThat(firstSchema.template()).isNotNull();
		assertThat(firstSchema.template().name()).isEqualTo(secondSchema.template().name());
		assertThat(planets(first)).containsExactly("Mercury", "Venus", "Earth");
		assertThat(planets(second)).containsExactly("Mercury", "Venus", "Earth");
	}

	@Test
	void theApplicationsLiquibaseFindsEveryChangeSetApplied() {
		ApplicationContext context = context(First.class);
		assertThat(context.getBean(SpringLiquibase.class)).isNotNull();
		JdbcTemplate jdbc = new JdbcTemplate(context.getBean(DataSource.class));
		assertThat(jdbc.queryForList("SELECT ID FROM DATABASECHANGELOG ORDER BY ORDEREXECUTED", String.class))
			.containsExactly("create-planets", "seed-planets");
	}

	private static ApplicationContext context(Class<?> testClass) {
		return new TestContextManager(testClass).getTestContext().getApplicationContext();
	}

	private static List<String> planets(ApplicationContext context) {
		return new JdbcTemplate(context.getBean(DataSource.class)).queryForList("SELECT name FROM planets ORDER BY id",
				String.class);
	}

	@SpringBootTest(classes = TestApplication.class,
			properties = { "spring.flyway.enabled=false", "spring.liquibase.enabled=true", CHANGELOG })
	@DbIsolation
	static class First {

	}

	@SpringBootTest(classes = TestApplication.class,
			properties = { "spring.flyway.enabled=false", "spring.liquibase.enabled=true", CHANGELOG, "second=true" })
	@DbIsolation
	static class Second {

	}

}
