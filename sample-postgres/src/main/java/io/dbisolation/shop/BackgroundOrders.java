package io.dbisolation.shop;

import java.util.concurrent.CompletableFuture;

import org.springframework.scheduling.annotation.Async;
import org.springframework.stereotype.Service;

/**
 * Places orders on a background thread, as a queue consumer would.
 */
@Service
public class BackgroundOrders {

	private final Orders orders;

	public BackgroundOrders(Orders orders) {
		this.orders = orders;
	}

	/**
	 * Places an order on a thread of the application's executor.
	 * @param accountId the account
	 * @param totalCents the total
	 * @return the order's number, once placed
	 */
	@Async
	public CompletableFuture<Long> place(long accountId, int totalCents) {
		return CompletableFuture.completedFuture(this.orders.place(accountId, totalCents));
	}

}
