package io.dbisolation.shop;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the migrations seeded: every test starts from it.
 */
@SpringBootTest
@ShopIsolation
class SeedDataIntegrationTests {

	@Autowired
	private Accounts accounts;

	@Autowired
	private Orders orders;

	@Autowired
	private JdbcClient jdbc;

	@Test
	void twoAccountsAreSeeded() {
		assertThat(this.accounts.count()).isEqualTo(2);
	}

	@Test
	void threeOrdersAreSeeded() {
		assertThat(this.orders.count()).isEqualTo(3);
	}

	@Test
	void theSeededOrdersHaveTheirStatuses() {
		assertThat(this.jdbc.sql("SELECT status FROM orders ORDER BY number").query(String.class).list())
			.containsExactly("paid", "open", "shipped");
	}

	@Test
	void theSeededPasswordsAuthenticate() {
		assertThat(this.accounts.authenticate("ada@example.com", "lovelace")).contains(1L);
		assertThat(this.accounts.authenticate("GRACE@example.com", "hopper")).contains(2L);
	}

	@Test
	void nothingIsAuditedYet() {
		assertThat(this.jdbc.sql("SELECT count(*) FROM order_audit").query(Integer.class).single()).isZero();
	}

}
