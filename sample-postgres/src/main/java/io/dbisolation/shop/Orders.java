package io.dbisolation.shop;

import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Orders, numbered by a sequence; every change of status is audited by a trigger.
 */
@Repository
public class Orders {

	private final JdbcClient jdbc;

	public Orders(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Places an order.
	 * @param accountId the account
	 * @param totalCents the total
	 * @return the order's number
	 */
	public long place(long accountId, int totalCents) {
		return this.jdbc.sql("INSERT INTO orders (account_id, total_cents) VALUES (?, ?) RETURNING number")
			.params(accountId, totalCents)
			.query(Long.class)
			.single();
	}

	public void changeStatus(long number, String status) {
		this.jdbc.sql("UPDATE orders SET status = ? WHERE number = ?").params(status, number).update();
	}

	public String status(long number) {
		return this.jdbc.sql("SELECT status FROM orders WHERE number = ?").param(number).query(String.class).single();
	}

	public List<String> auditTrail(long number) {
		return this.jdbc
			.sql("SELECT a.old_status || '->' || a.new_status FROM order_audit a JOIN orders o ON o.id = a.order_id "
					+ "WHERE o.number = ? ORDER BY a.id")
			.param(number)
			.query(String.class)
			.list();
	}

	public int count() {
		return this.jdbc.sql("SELECT count(*) FROM orders").query(Integer.class).single();
	}

}
