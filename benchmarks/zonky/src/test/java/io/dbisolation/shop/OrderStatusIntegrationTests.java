package io.dbisolation.shop;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.EmptyResultDataAccessException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Changing the status of orders.
 */
@SpringBootTest(properties = "shop.region=apac")
@ShopIsolation
class OrderStatusIntegrationTests {

	@Autowired
	private Orders orders;

	@Test
	void aShippedOrderCanBeCancelled() {
		this.orders.changeStatus(1002, "cancelled");
		assertThat(this.orders.status(1002)).isEqualTo("cancelled");
		assertThat(this.orders.auditTrail(1002)).containsExactly("shipped->cancelled");
	}

	@Test
	void aCancelledOrderIsStillCounted() {
		this.orders.changeStatus(this.orders.place(1, 50), "cancelled");
		assertThat(this.orders.count()).isEqualTo(4);
	}

	@Test
	void theSeededOpenOrderIsOpen() {
		assertThat(this.orders.status(1001)).isEqualTo("open");
	}

	@Test
	void anUnknownOrderHasNoStatus() {
		assertThatExceptionOfType(EmptyResultDataAccessException.class).isThrownBy(() -> this.orders.status(1));
	}

	@Test
	void anInvalidStatusIsRefused() {
		assertThatExceptionOfType(DataIntegrityViolationException.class)
			.isThrownBy(() -> this.orders.changeStatus(1001, "returned"));
	}

}
