package io.dbisolation.shop;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Places and pays orders in transactions; a failed payment is recorded in a transaction
 * of its own that stays even though the payment is rolled back.
 */
@Service
public class Checkout {

	private final Orders orders;

	private final PaymentLog log;

	public Checkout(Orders orders, PaymentLog log) {
		this.orders = orders;
		this.log = log;
	}

	/**
	 * Places an order and pays it at once.
	 * @param accountId the account
	 * @param totalCents the total; a negative one fails the order's check constraint
	 * @return the order's number
	 */
	@Transactional
	public long placeAndPay(long accountId, int totalCents) {
		this.log.attempt(accountId, totalCents);
		long number = this.orders.place(accountId, totalCents);
		this.orders.changeStatus(number, "paid");
		return number;
	}

}
