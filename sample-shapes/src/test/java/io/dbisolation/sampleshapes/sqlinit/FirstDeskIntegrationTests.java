package io.dbisolation.sampleshapes.sqlinit;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.dbisolation.test.DbIsolation;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Desks, created by {@code schema.sql} and seeded by {@code data.sql}, which Spring Boot
 * runs at every start with {@code spring.sql.init.mode=always}: on a shared database the
 * second start fails on the existing table.
 */
@SpringBootTest(properties = { "spring.sql.init.mode=always",
		"spring.sql.init.schema-locations=classpath:shapes/sqlinit/schema.sql",
		"spring.sql.init.data-locations=classpath:shapes/sqlinit/data.sql", "context=first" })
@DbIsolation
class FirstDeskIntegrationTests {

	@Autowired
	private JdbcClient jdbc;

	@Test
	void anAddedDeskIsCountedOnce() {
		this.jdbc.sql("INSERT INTO desks (label) VALUES ('C1')").update();
		assertThat(this.jdbc.sql("SELECT COUNT(*) FROM desks").query(Integer.class).single()).isEqualTo(4);
	}

	@Test
	void theSeededDesksAreThere() {
		assertThat(this.jdbc.sql("SELECT label FROM desks ORDER BY id").query(String.class).list())
			.containsExactly("A1", "A2", "B1");
	}

}
