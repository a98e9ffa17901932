package io.dbisolation.shop;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Queries over orders.
 */
@SpringBootTest(properties = "shop.region=apac")
@ShopIsolation
class OrderQueriesIntegrationTests {

	private static final String ORDERS_OF = "SELECT count(*) FROM orders WHERE account_id = ?";

	@Autowired
	private Orders orders;

	@Autowired
	private JdbcClient jdbc;

	@Test
	void theFirstAccountHasTwoOrders() {
		assertThat(this.jdbc.sql(ORDERS_OF).param(1).query(Integer.class).single()).isEqualTo(2);
	}

	@Test
	void theSeededOrdersTotal() {
		assertThat(this.jdbc.sql("SELECT sum(total_cents) FROM orders").query(Long.class).single()).isEqualTo(4500);
	}

	@Test
	void aNewOrderBelongsToItsAccount() {
		this.orders.place(2, 900);
		assertThat(this.jdbc.sql(ORDERS_OF).param(2).query(Integer.class).single()).isEqualTo(2);
	}

	@Test
	void theLargestOrder() {
		assertThat(
				this.jdbc.sql("SELECT number FROM orders ORDER BY total_cents DESC LIMIT 1").query(Long.class).single())
			.isEqualTo(1002);
	}

	@Test
	void anOrderOfAnUnknownAccountIsRefused() {
		assertThatExceptionOfType(DataIntegrityViolationException.class).isThrownBy(() -> this.orders.place(99, 10));
	}

}
