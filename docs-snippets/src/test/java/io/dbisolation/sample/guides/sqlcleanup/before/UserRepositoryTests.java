package io.dbisolation.sample.guides.sqlcleanup.before;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.annotation.DirtiesContext.ClassMode;
import org.springframework.test.context.jdbc.Sql;
import org.springframework.test.context.jdbc.Sql.ExecutionPhase;

import io.dbisolation.sample.users.UserRepository;

import static org.assertj.core.api.Assertions.assertThat;

// tag::before[]
@SpringBootTest
@Sql("/guides/carol.sql")
@Sql(scripts = "/guides/delete-carol.sql", executionPhase = ExecutionPhase.AFTER_TEST_METHOD)
@DirtiesContext(classMode = ClassMode.AFTER_CLASS)
class UserRepositoryTests {

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
// end::before[]
