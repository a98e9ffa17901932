package io.dbisolation.shop;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The view of each account's total leaves cancelled orders out.
 */
@SpringBootTest(properties = "shop.region=eu")
@ShopIsolation
class AccountTotalsViewIntegrationTests {

	@Autowired
	private Accounts accounts;

	@Autowired
	private Orders orders;

	@Autowired
	private JdbcClient jdbc;

	@Test
	void theSeededTotals() {
		assertThat(this.accounts.totalCents("ada@example.com")).isEqualTo(2000);
		assertThat(this.accounts.totalCents("grace@example.com")).isEqualTo(2500);
	}

	@Test
	void aNewOrderAddsToTheTotal() {
		this.orders.place(2, 500);
		assertThat(this.accounts.totalCents("Grace@Example.com")).isEqualTo(3000);
	}

	@Test
	void aCancelledOrderIsLeftOut() {
		this.orders.changeStatus(1001, "cancelled");
		assertThat(this.accounts.totalCents("ADA@example.com")).isEqualTo(1200);
	}

	@Test
	void anAccountWithoutOrdersCountsNone() {
		this.accounts.register("hedy@example.com", "lamarr");
		assertThat(this.jdbc.sql("SELECT order_count FROM account_totals WHERE email = 'hedy@example.com'")
			.query(Integer.class)
			.single()).isZero();
	}

	@Test
	void anUnknownAddressHasNoTotal() {
		assertThat(this.accounts.totalCents("nobody@example.com")).isZero();
	}

}
