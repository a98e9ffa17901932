package io.dbisolation.sample.users;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.dbisolation.test.DbIsolation;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Cleans up the way many suites do: deletes every user that is not seeded before each
 * test. On a shared database this wipes other classes' users while they run.
 */
@SpringBootTest(properties = "snippetbox.latest-limit=5")
@DbIsolation
class UserSignupFlowIntegrationTests {

	private static final String HASH = "$2a$12$NuTjWXm3KKntReFwyBVHyuf/to.HEwTy.eS206TNfkGfr6HzGJSWG";

	@Autowired
	private UserRepository users;

	@Autowired
	private JdbcClient jdbc;

	@BeforeEach
	void startFromTheSeededUsers() {
		this.jdbc.sql("DELETE FROM snippets WHERE user_id > 2").update();
		this.jdbc.sql("DELETE FROM users WHERE id > 2").update();
	}

	@Test
	void signingUpTwoUsersGivesFourUsers() {
		this.users.insert("Alice", "alice@example.com", HASH);
		this.users.insert("Bob", "bob@example.com", HASH);
		assertThat(this.users.count()).isEqualTo(4);
	}

	@Test
	void signedUpUserIsFoundByEmail() {
		long id = this.users.insert("Carol", "carol@example.com", HASH);
		assertThat(this.users.findByEmail("carol@example.com")).get().extracting(User::id).isEqualTo(id);
		assertThat(this.users.count()).isEqualTo(3);
	}

}
