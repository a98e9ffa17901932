package io.dbisolation.sample.snippets;

import java.time.LocalDateTime;

/**
 * A text snippet that a user shared.
 *
 * @param id the id
 * @param title the title
 * @param content the text
 * @param created when it was shared
 * @param expires when it stops being shown
 * @param userId the author
 */
public record Snippet(long id, String title, String content, LocalDateTime created, LocalDateTime expires,
		long userId) {

}
