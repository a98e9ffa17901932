package io.dbisolation.sample.users;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.dao.DuplicateKeyException;

import io.dbisolation.test.DbIsolation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

@SpringBootTest
@DbIsolation
class UserRepositoryIntegrationTests {

	private static final String HASH = "$2a$12$NuTjWXm3KKntReFwyBVHyuf/to.HEwTy.eS206TNfkGfr6HzGJSWG";

	@Autowired
	private UserRepository users;

	@Test
	void insertAddsExactlyOneUserToTheSeededOnes() {
		this.users.insert("Alice", "alice@example.com", HASH);
		assertThat(this.users.count()).isEqualTo(3);
		assertThat(this.users.findAll()).extracting(User::email)
			.containsExactly("admin@snippetbox.test", "demo@snippetbox.test", "alice@example.com");
	}

	@Test
	void insertWithATakenEmailIsRejected() {
		this.users.insert("Alice", "alice@example.com", HASH);
		assertThatExceptionOfType(DuplicateKeyException.class)
			.isThrownBy(() -> this.users.insert("Alice again", "alice@example.com", HASH));
		assertThat(this.users.count()).isEqualTo(3);
	}

	@Test
	void findByEmailFindsTheSeededAdmin() {
		assertThat(this.users.findByEmail("admin@snippetbox.test")).get().extracting(User::id).isEqualTo(1L);
		assertThat(this.users.findByEmail("alice@example.com")).isEmpty();
	}

}
