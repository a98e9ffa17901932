package io.dbisolation.sample.guides.truncation.after;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import io.dbisolation.sample.users.UserRepository;
import io.dbisolation.test.DbIsolation;

import static org.assertj.core.api.Assertions.assertThat;

// tag::after[]
@SpringBootTest
@DbIsolation
class UserSignupIntegrationTests {

	private static final String HASH = "$2a$12$NuTjWXm3KKntReFwyBVHyuf/to.HEwTy.eS206TNfkGfr6HzGJSWG";

	@Autowired
	private UserRepository users;

	@Test
	void signedUpUserIsFoundByEmail() {
		this.users.insert("Carol", "carol@example.com", HASH);
		assertThat(this.users.findByEmail("carol@example.com")).isPresent();
		assertThat(this.users.count()).isEqualTo(3);
	}

	@Test
	void everyTestStartsWithTheSeededUsers() {
		assertThat(this.users.findAll()).extracting("email")
			.containsExactlyInAnyOrder("admin@snippetbox.test", "demo@snippetbox.test");
	}

}
// end::after[]
