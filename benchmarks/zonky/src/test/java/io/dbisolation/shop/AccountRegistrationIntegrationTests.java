package io.dbisolation.shop;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Registering accounts: addresses compared without case ({@code citext}), passwords
 * hashed by the database ({@code pgcrypto}).
 */
@SpringBootTest
@ShopIsolation
class AccountRegistrationIntegrationTests {

	@Autowired
	private Accounts accounts;

	@Autowired
	private JdbcClient jdbc;

	@Test
	void aRegisteredAccountAuthenticatesWhateverTheCaseOfItsAddress() {
		long id = this.accounts.register("Linus@Example.com", "torvalds");
		assertThat(this.accounts.authenticate("linus@example.COM", "torvalds")).contains(id);
	}

	@Test
	void aWrongPasswordIsRefused() {
		this.accounts.register("ken@example.com", "thompson");
		assertThat(this.accounts.authenticate("ken@example.com", "ritchie")).isEmpty();
	}

	@Test
	void registeringAddsOneAccount() {
		this.accounts.register("dennis@example.com", "ritchie");
		assertThat(this.accounts.count()).isEqualTo(3);
	}

	@Test
	void thePasswordIsStoredHashed() {
		long id = this.accounts.register("margaret@example.com", "hamilton");
		String hash = this.jdbc.sql("SELECT password_hash FROM account WHERE id = ?")
			.param(id)
			.query(String.class)
			.single();
		assertThat(hash).startsWith("$2a$04$").doesNotContain("hamilton");
	}

	@Test
	void anAddressThatDiffersOnlyInCaseIsTaken() {
		assertThatExceptionOfType(DuplicateKeyException.class)
			.isThrownBy(() -> this.accounts.register("ADA@example.com", "other"));
	}

}
