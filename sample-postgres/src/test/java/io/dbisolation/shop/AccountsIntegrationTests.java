package io.dbisolation.shop;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.dao.DuplicateKeyException;

import io.dbisolation.test.DbIsolation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

@SpringBootTest
@DbIsolation
class AccountsIntegrationTests {

	@Autowired
	private Accounts accounts;

	@Test
	void registeredAccountAuthenticatesWhateverTheCaseOfItsAddress() {
		long id = this.accounts.register("Linus@Example.com", "torvalds");
		assertThat(this.accounts.authenticate("linus@example.COM", "torvalds")).contains(id);
		assertThat(this.accounts.authenticate("linus@example.com", "wrong")).isEmpty();
		assertThat(this.accounts.count()).isEqualTo(3);
	}

	@Test
	void seededAccountsAreThere() {
		assertThat(this.accounts.count()).isEqualTo(2);
		assertThat(this.accounts.authenticate("ada@example.com", "lovelace")).contains(1L);
	}

	@Test
	void aDuplicateAddressFailsAndTheTestGoesOn() {
		// a failed statement aborts a PostgreSQL transaction; the test's must stay usable
		assertThatExceptionOfType(DuplicateKeyException.class)
			.isThrownBy(() -> this.accounts.register("GRACE@example.com", "other"));
		long id = this.accounts.register("barbara@example.com", "liskov");
		assertThat(this.accounts.authenticate("Barbara@example.com", "liskov")).contains(id);
		assertThat(this.accounts.count()).isEqualTo(3);
	}

}
