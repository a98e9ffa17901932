package io.dbisolation.testapp;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Async;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Code under test that commits: transactions of every propagation, callbacks after
 * commit, and writes on other threads.
 */
@Service
public class ColorService {

	private final JdbcTemplate jdbc;

	private final ApplicationEventPublisher events;

	private final List<String> committed = new CopyOnWriteArrayList<>();

	private final List<String> published = new CopyOnWriteArrayList<>();

	public ColorService(JdbcTemplate jdbc, ApplicationEventPublisher events) {
		this.jdbc = jdbc;
		this.events = events;
	}

	@Transactional
	public void add(int id, String name) {
		this.jdbc.update("INSERT INTO colors (id, name) VALUES (?, ?)", id, name);
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
			@Override
			public void afterCommit() {
				ColorService.this.committed.add(name);
			}
		});
		this.events.publishEvent(new ColorAdded(name));
	}

	@Transactional(propagation = Propagation.REQUIRES_NEW)
	public void addInNewTransaction(int id, String name) {
		add(id, name);
	}

	@Transactional
	public void addThenFail(int id, String name) {
		add(id, name);
		throw new IllegalStateException("Failed after adding '" + name + "'");
	}

	@Async
	public CompletableFuture<Void> addLater(int id, String name) {
		this.jdbc.update("INSERT INTO colors (id, name) VALUES (?, ?)", id, name);
		return CompletableFuture.completedFuture(null);
	}

	public long count() {
		return this.jdbc.queryForObject("SELECT COUNT(*) FROM colors", Long.class);
	}

	public boolean exists(String name) {
		return this.jdbc.queryForObject("SELECT COUNT(*) FROM colors WHERE name = ?", Long.class, name) == 1;
	}

	/**
	 * Names whose transaction's afterCommit callback ran.
	 * @return the names
	 */
	public List<String> committed() {
		return this.committed;
	}

	/**
	 * Names whose {@code @TransactionalEventListener(AFTER_COMMIT)} ran.
	 * @return the names
	 */
	public List<String> published() {
		return this.published;
	}

	@TransactionalEventListener
	void onColorAdded(ColorAdded event) {
		this.published.add(event.name());
	}

	/**
	 * Published when a color is added.
	 *
	 * @param name the color
	 */
	public record ColorAdded(String name) {

	}

}
