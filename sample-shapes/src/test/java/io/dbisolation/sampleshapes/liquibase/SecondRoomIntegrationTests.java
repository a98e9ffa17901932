package io.dbisolation.sampleshapes.liquibase;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.dbisolation.test.DbIsolation;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Rooms, created and seeded by Liquibase; every write commits, as the application's
 * would, and DbIsolation rolls the test back.
 */
@SpringBootTest(properties = { "spring.liquibase.enabled=true",
		"spring.liquibase.change-log=classpath:shapes/liquibase/master.yaml", "context=second" })
@DbIsolation
class SecondRoomIntegrationTests {

	@Autowired
	private JdbcClient jdbc;

	@Test
	void aBookedRoomIsAddedToTheSeededOnes() {
		this.jdbc.sql("INSERT INTO rooms (name) VALUES ('Turing')").update();
		assertThat(this.jdbc.sql("SELECT COUNT(*) FROM rooms").query(Integer.class).single()).isEqualTo(3);
	}

	@Test
	void roomNamesAreUnique() {
		this.jdbc.sql("INSERT INTO rooms (name) VALUES ('Turing')").update();
		assertThat(this.jdbc.sql("SELECT name FROM rooms ORDER BY id").query(String.class).list())
			.containsExactly("Lovelace", "Hopper", "Turing");
	}

}
