package io.dbisolation.sample.guides.truncation.before;

import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;

import io.dbisolation.sample.users.UserRepository;

import static org.assertj.core.api.Assertions.assertThat;

// tag::before[]
@SpringBootTest
class UserRepositoryTests {

	private static final String HASH = "$2a$12$NuTjWXm3KKntReFwyBVHyuf/to.HEwTy.eS206TNfkGfr6HzGJSWG";

	@Autowired
	private UserRepository users;

	@Autowired
	private JdbcTemplate jdbc;

	@AfterEach
	void truncateTables() {
		this.jdbc.execute("SET FOREIGN_KEY_CHECKS = 0");
		for (String table : List.of("snippet_tags", "snippets", "users")) {
			this.jdbc.execute("TRUNCATE TABLE " + table);
		}
		this.jdbc.execute("SET FOREIGN_KEY_CHECKS = 1");
		// the migrations' seed rows are gone too: put them back
		this.users.insert("Admin", "admin@snippetbox.test", HASH);
		this.users.insert("Demo", "demo@snippetbox.test", HASH);
	}

	@Test
	void signedUpUserIsFoundByEmail() {
		this.users.insert("Carol", "carol@example.com", HASH);
		assertThat(this.users.findByEmail("carol@example.com")).isPresent();
		assertThat(this.users.count()).isEqualTo(3);
	}

}
// end::before[]
