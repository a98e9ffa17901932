package io.dbisolation.shop;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Records payment attempts, each in a transaction of its own that stays whatever happens
 * to the payment.
 */
@Service
public class PaymentLog {

	private final JdbcClient jdbc;

	public PaymentLog(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Transactional(propagation = Propagation.REQUIRES_NEW)
	public void attempt(long accountId, int totalCents) {
		this.jdbc.sql("INSERT INTO payment_attempt (account_id, total_cents) VALUES (?, ?)")
			.params(accountId, totalCents)
			.update();
	}

	public int count() {
		return this.jdbc.sql("SELECT count(*) FROM payment_attempt").query(Integer.class).single();
	}

}
