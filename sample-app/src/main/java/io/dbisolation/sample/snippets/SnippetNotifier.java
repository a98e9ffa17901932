package io.dbisolation.sample.snippets;

import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Async;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

import io.dbisolation.sample.snippets.SnippetService.SnippetShared;

/**
 * Writes a notification for every shared snippet, on another thread, after the sharing
 * transaction committed.
 */
@Component
public class SnippetNotifier {

	private final JdbcClient jdbc;

	public SnippetNotifier(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Async
	@TransactionalEventListener
	public void onSnippetShared(SnippetShared event) {
		this.jdbc.sql("INSERT INTO notifications (user_id, message) VALUES (?, ?)")
			.params(event.userId(), "You shared '" + event.title() + "'")
			.update();
	}

	/**
	 * The notifications of a user, oldest first.
	 * @param userId the user
	 * @return the messages
	 */
	public List<String> notificationsOf(long userId) {
		return this.jdbc.sql("SELECT message FROM notifications WHERE user_id = ? ORDER BY id")
			.param(userId)
			.query(String.class)
			.list();
	}

}
