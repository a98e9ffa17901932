package io.dbisolation.sample.snippets;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Shares snippets: stores them and, once the transaction has committed, lets the author's
 * followers know (asynchronously, see {@link SnippetNotifier}).
 */
@Service
public class SnippetService {

	private final SnippetRepository snippets;

	private final ApplicationEventPublisher events;

	public SnippetService(SnippetRepository snippets, ApplicationEventPublisher events) {
		this.snippets = snippets;
		this.events = events;
	}

	/**
	 * Shares a snippet.
	 * @param title the title
	 * @param content the text
	 * @param expiresInDays how many days it is shown
	 * @param userId the author
	 * @return the new snippet's id
	 */
	@Transactional
	public long share(String title, String content, int expiresInDays, long userId) {
		long id = this.snippets.insert(title, content, expiresInDays, userId);
		this.events.publishEvent(new SnippetShared(id, title, userId));
		return id;
	}

	/**
	 * Published when a snippet was shared.
	 *
	 * @param id the snippet
	 * @param title its title
	 * @param userId its author
	 */
	public record SnippetShared(long id, String title, long userId) {

	}

}
