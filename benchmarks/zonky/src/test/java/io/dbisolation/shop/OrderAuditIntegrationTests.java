package io.dbisolation.shop;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.dao.DataIntegrityViolationException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A trigger audits every change of an order's status.
 */
@SpringBootTest
@ShopIsolation
class OrderAuditIntegrationTests {

	@Autowired
	private Orders orders;

	@Test
	void payingAnOrderIsAudited() {
		long number = this.orders.place(1, 300);
		this.orders.changeStatus(number, "paid");
		assertThat(this.orders.auditTrail(number)).containsExactly("open->paid");
	}

	@Test
	void changesAreAuditedInOrder() {
		long number = this.orders.place(2, 300);
		this.orders.changeStatus(number, "paid");
		this.orders.changeStatus(number, "shipped");
		assertThat(this.orders.auditTrail(number)).containsExactly("open->paid", "paid->shipped");
	}

	@Test
	void settingTheSameStatusIsNotAudited() {
		long number = this.orders.place(1, 300);
		this.orders.changeStatus(number, "open");
		assertThat(this.orders.auditTrail(number)).isEmpty();
	}

	@Test
	void aSeededOrderIsAuditedToo() {
		this.orders.changeStatus(1000, "shipped");
		assertThat(this.orders.auditTrail(1000)).containsExactly("paid->shipped");
	}

	@Test
	void anUnknownStatusIsRefused() {
		long number = this.orders.place(2, 300);
		assertThatExceptionOfType(DataIntegrityViolationException.class)
			.isThrownBy(() -> this.orders.changeStatus(number, "lost"));
	}

}
