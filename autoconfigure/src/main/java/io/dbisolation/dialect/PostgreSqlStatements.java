package io.dbisolation.dialect;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * What DbIsolation must know about a PostgreSQL statement before it runs in a test's
 * transaction. DDL is transactional there, so only the statements that end the
 * transaction ({@code COMMIT}, {@code ROLLBACK} without {@code TO}, their synonyms, and
 * {@code PREPARE TRANSACTION}) are refused. Statements that cannot run in a transaction
 * at all ({@code VACUUM}, {@code CREATE DATABASE}) fail on the server as they would in
 * any transaction.
 */
final class PostgreSqlStatements {

	private static final Set<String> ENDING = Set.of("commit", "end", "abort");

	private static final Set<String> WRITING = Set.of("insert", "update", "delete", "merge", "truncate", "create",
			"alter", "drop", "grant", "revoke", "copy", "comment", "reindex", "cluster", "vacuum", "refresh", "lock",
			"security", "import", "call");

	private PostgreSqlStatements() {
	}

	static Optional<String> endsTransaction(String sql) {
		String[] words = words(sql, 3);
		if (words.length == 0) {
			return Optional.empty();
		}
		boolean ends = ENDING.contains(words[0])
				|| (words[0].equals("rollback") && !(words.length > 1
						&& (words[1].equals("to") || (words[1].equals("transaction") || words[1].equals("work"))
								&& words.length > 2 && words[2].equals("to"))))
				|| (words[0].equals("prepare") && words.length > 1 && words[1].equals("transaction"));
		return ends ? Optional.of(shorten(sql)) : Optional.empty();
	}

	static boolean writes(String sql) {
		String[] words = words(sql, 1);
		return words.length > 0 && WRITING.contains(words[0]);
	}

	/**
	 * The first words of a statement, in lower case, after comments and whitespace.
	 */
	static String[] words(String sql, int count) {
		String text = skipComments(sql);
		String[] words = text.split("[^A-Za-z_]+", count + 1);
		int size = Math.min(count, words.length);
		String[] first = new String[size];
		for (int i = 0; i < size; i++) {
			first[i] = words[i].toLowerCase(Locale.ROOT);
		}
		return (size > 0 && first[0].isEmpty()) ? new String[0] : first;
	}

	private static String skipComments(String sql) {
		int i = 0;
		while (i < sql.length()) {
			char c = sql.charAt(i);
			if (Character.isWhitespace(c) || c == '(' || c == ';') {
				i++;
			}
			else if (sql.startsWith("--", i)) {
				int end = sql.indexOf('\n', i);
				i = (end < 0) ? sql.length() : end + 1;
			}
			else if (sql.startsWith("/*", i)) {
				int end = sql.indexOf("*/", i + 2);
				i = (end < 0) ? sql.length() : end + 2;
			}
			else {
				break;
			}
		}
		return sql.substring(i);
	}

	private static String shorten(String sql) {
		String text = skipComments(sql).strip().replaceAll("\\s+", " ");
		return (text.length() > 60) ? text.substring(0, 57) + "..." : text;
	}

}
