package io.dbisolation.sample.guides.sqlcleanup.after;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.jdbc.Sql;

import io.dbisolation.sample.users.UserRepository;
import io.dbisolation.test.DbIsolation;

import static org.assertj.core.api.Assertions.assertThat;

// tag::after[]
@SpringBootTest
@DbIsolation
@Sql("/guides/carol.sql")
class UserRepositoryIntegrationTests {

	@Autowired
	private UserRepository users;

	@Test
	void carolIsFoundByEmail() {
		assertThat(this.users.findByEmail("carol@example.com")).isPresent();
	}

	@Test
	void deletingCarolLeavesTheSeededUsers() {
		this.users.deleteByEmail("carol@example.com");
		assertThat(this.users.count()).isEqualTo(2);
	}

}
// end::after[]
