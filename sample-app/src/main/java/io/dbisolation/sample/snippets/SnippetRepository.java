package io.dbisolation.sample.snippets;

import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

/**
 * Stores snippets and their tags.
 */
@Repository
public class SnippetRepository {

	private final JdbcClient jdbc;

	public SnippetRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Shares a snippet.
	 * @param title the title
	 * @param content the text
	 * @param expiresInDays how many days it is shown
	 * @param userId the author
	 * @return the new snippet's id
	 */
	public long insert(String title, String content, int expiresInDays, long userId) {
		KeyHolder keys = new GeneratedKeyHolder();
		this.jdbc
			.sql("INSERT INTO snippets (title, content, expires, user_id) "
					+ "VALUES (?, ?, DATE_ADD(UTC_TIMESTAMP(), INTERVAL ? DAY), ?)")
			.params(title, content, expiresInDays, userId)
			.update(keys);
		return keys.getKey().longValue();
	}

	public Optional<Snippet> findById(long id) {
		return this.jdbc
			.sql("SELECT id, title, content, created, expires, user_id FROM snippets "
					+ "WHERE id = ? AND expires > UTC_TIMESTAMP()")
			.param(id)
			.query(Snippet.class)
			.optional();
	}

	/**
	 * The newest snippets that have not expired.
	 * @param limit how many at most
	 * @return the snippets, newest first
	 */
	public List<Snippet> latest(int limit) {
		return this.jdbc
			.sql("SELECT id, title, content, created, expires, user_id FROM snippets "
					+ "WHERE expires > UTC_TIMESTAMP() ORDER BY id DESC LIMIT ?")
			.param(limit)
			.query(Snippet.class)
			.list();
	}

	public long count() {
		return this.jdbc.sql("SELECT COUNT(*) FROM snippets").query(Long.class).single();
	}

	/**
	 * Tags a snippet, creating the tag if it is new.
	 * @param snippetId the snippet
	 * @param tag the tag name
	 */
	public void tag(long snippetId, String tag) {
		this.jdbc.sql("INSERT IGNORE INTO tags (name) VALUES (?)").param(tag).update();
		this.jdbc.sql("INSERT INTO snippet_tags (snippet_id, tag_id) SELECT ?, id FROM tags WHERE name = ?")
			.params(snippetId, tag)
			.update();
	}

	public List<String> tagsOf(long snippetId) {
		return this.jdbc
			.sql("SELECT t.name FROM tags t JOIN snippet_tags st ON st.tag_id = t.id WHERE st.snippet_id = ? "
					+ "ORDER BY t.name")
			.param(snippetId)
			.query(String.class)
			.list();
	}

	/**
	 * The author names of snippets, from the {@code snippet_summaries} view.
	 * @return author names by snippet id
	 */
	public List<String> authorsByTitle(String title) {
		return this.jdbc.sql("SELECT author FROM snippet_summaries WHERE title = ?")
			.param(title)
			.query(String.class)
			.list();
	}

	public long auditCount() {
		return this.jdbc.sql("SELECT COUNT(*) FROM snippet_audit").query(Long.class).single();
	}

	public int deleteByTitle(String title) {
		return this.jdbc.sql("DELETE FROM snippets WHERE title = ?").param(title).update();
	}

}
