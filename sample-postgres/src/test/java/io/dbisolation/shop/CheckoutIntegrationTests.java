package io.dbisolation.shop;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.dao.DataIntegrityViolationException;

import io.dbisolation.test.DbIsolation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

@SpringBootTest
@DbIsolation
class CheckoutIntegrationTests {

	@Autowired
	private Checkout checkout;

	@Autowired
	private PaymentLog log;

	@Autowired
	private Orders orders;

	@Test
	void aPaidOrderIsAudited() {
		long number = this.checkout.placeAndPay(1, 4200);
		assertThat(this.orders.status(number)).isEqualTo("paid");
		assertThat(this.orders.auditTrail(number)).containsExactly("open->paid");
		assertThat(this.log.count()).isEqualTo(1);
	}

	@Test
	void aFailedPaymentIsRolledBackButItsAttemptStays() {
		// the CHECK constraint fails inside the service's transaction, which Spring rolls
		// back; the attempt was recorded in a REQUIRES_NEW transaction of its own
		assertThatExceptionOfType(DataIntegrityViolationException.class)
			.isThrownBy(() -> this.checkout.placeAndPay(2, -1));
		assertThat(this.orders.count()).isEqualTo(3);
		assertThat(this.log.count()).isEqualTo(1);
		assertThat(this.orders.status(this.checkout.placeAndPay(2, 10))).isEqualTo("paid");
		assertThat(this.log.count()).isEqualTo(2);
	}

}
