package io.dbisolation.shop;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.dao.DataIntegrityViolationException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Placing and paying orders in a transaction. Payment attempts are recorded in
 * transactions of their own ({@code REQUIRES_NEW}), which commit for real under Spring's
 * {@code @Transactional} tests: the tests count them relative to what was there.
 */
@SpringBootTest(properties = "shop.region=eu")
@ShopIsolation
class CheckoutIntegrationTests {

	@Autowired
	private Checkout checkout;

	@Autowired
	private PaymentLog log;

	@Autowired
	private Orders orders;

	@Autowired
	private Accounts accounts;

	@Test
	void aPaidOrderIsAudited() {
		long number = this.checkout.placeAndPay(1, 4200);
		assertThat(this.orders.status(number)).isEqualTo("paid");
		assertThat(this.orders.auditTrail(number)).containsExactly("open->paid");
	}

	@Test
	void thePaymentAttemptIsRecorded() {
		int before = this.log.count();
		this.checkout.placeAndPay(2, 1500);
		assertThat(this.log.count()).isEqualTo(before + 1);
	}

	@Test
	void eachPaymentIsRecorded() {
		int before = this.log.count();
		this.checkout.placeAndPay(1, 100);
		this.checkout.placeAndPay(2, 200);
		assertThat(this.log.count()).isEqualTo(before + 2);
	}

	@Test
	void aPaidOrderCountsInTheTotal() {
		this.checkout.placeAndPay(2, 500);
		assertThat(this.accounts.totalCents("grace@example.com")).isEqualTo(3000);
	}

	@Test
	void aNegativeTotalFailsThePayment() {
		assertThatExceptionOfType(DataIntegrityViolationException.class)
			.isThrownBy(() -> this.checkout.placeAndPay(2, -1));
	}

}
