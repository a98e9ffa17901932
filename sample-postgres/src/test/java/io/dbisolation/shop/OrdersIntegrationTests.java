package io.dbisolation.shop;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import io.dbisolation.test.DbIsolation;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest
@DbIsolation
class OrdersIntegrationTests {

	@Autowired
	private Orders orders;

	@Autowired
	private Accounts accounts;

	@Test
	void ordersAreNumberedByTheSequenceFromTheTemplate() {
		// the seed took 1000 to 1002; like everywhere in PostgreSQL, numbers a
		// rolled-back
		// test drew are not given back
		long first = this.orders.place(2, 500);
		assertThat(first).isGreaterThan(1002);
		assertThat(this.orders.place(2, 700)).isEqualTo(first + 1);
		assertThat(this.orders.count()).isEqualTo(5);
	}

	@Test
	void statusChangesAreAuditedByTheTrigger() {
		long number = this.orders.place(1, 300);
		this.orders.changeStatus(number, "paid");
		this.orders.changeStatus(number, "shipped");
		assertThat(this.orders.auditTrail(number)).containsExactly("open->paid", "paid->shipped");
		assertThat(this.orders.count()).isEqualTo(4);
	}

	@Test
	void theViewLeavesCancelledOrdersOut() {
		assertThat(this.accounts.totalCents("ada@example.com")).isEqualTo(2000);
		this.orders.changeStatus(1001, "cancelled");
		assertThat(this.accounts.totalCents("ADA@example.com")).isEqualTo(1200);
		assertThat(this.orders.count()).isEqualTo(3);
	}

}
