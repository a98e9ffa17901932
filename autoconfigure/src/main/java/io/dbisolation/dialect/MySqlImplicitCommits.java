package io.dbisolation.dialect;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Recognises the statements after which MySQL and MariaDB commit implicitly.
 */
final class MySqlImplicitCommits {

	private static final Pattern LEADING_COMMENTS = Pattern
		.compile("^(\\s+|/\\*(?!!).*?\\*/|--[^\\n]*(\\n|$)|#[^\\n]*(\\n|$))*", Pattern.DOTALL);

	/**
	 * Statements after which MySQL and MariaDB commit implicitly; {@code CREATE TEMPORARY
	 * TABLE} and {@code DROP TEMPORARY TABLE} do not.
	 */
	private static final Pattern IMPLICIT_COMMIT = Pattern.compile("(?:(?:CREATE|ALTER|DROP)\\s+"
			+ "(?:OR\\s+REPLACE\\s+)?(?:(?:UNIQUE|FULLTEXT|SPATIAL|ONLINE|OFFLINE|IGNORE|AGGREGATE|DEFINER\\s*=\\s*\\S+"
			+ "|ALGORITHM\\s*=\\s*\\w+|SQL\\s+SECURITY\\s+\\w+)\\s+)*(?:DATABASE|SCHEMA|TABLE|INDEX|VIEW|TRIGGER|PROCEDURE"
			+ "|FUNCTION|EVENT|TABLESPACE|SERVER|SEQUENCE|ROLE|USER|LOGFILE|PACKAGE)\\b"
			+ "|RENAME\\s+(?:TABLE|USER)\\b|TRUNCATE\\b|GRANT\\b|REVOKE\\b|SET\\s+PASSWORD\\b"
			+ "|BEGIN\\s*(?:;|$|WORK\\b)|START\\s+TRANSACTION\\b|(?:LOCK|UNLOCK)\\s+TABLES?\\b"
			+ "|SET\\s+(?:@@(?:SESSION\\.)?|SESSION\\s+)?AUTOCOMMIT\\s*=\\s*(?:1|ON|TRUE)\\b"
			+ "|(?:ANALYZE|CHECK|OPTIMIZE|REPAIR)\\s+(?:NO_WRITE_TO_BINLOG\\s+|LOCAL\\s+)?TABLES?\\b"
			+ "|FLUSH\\b|RESET\\b|COMMIT\\b|ROLLBACK(?!\\s+(?:WORK\\s+)?TO\\b)\\b"
			+ "|(?:START|STOP)\\s+(?:SLAVE|REPLICA)\\b|CHANGE\\s+(?:MASTER|REPLICATION)\\b"
			+ "|(?:INSTALL|UNINSTALL)\\s+PLUGIN\\b|CACHE\\s+INDEX\\b|LOAD\\s+INDEX\\b)", Pattern.CASE_INSENSITIVE);

	private MySqlImplicitCommits() {
	}

	static Optional<String> find(String sql) {
		String statement = LEADING_COMMENTS.matcher(sql).replaceFirst("");
		if (!IMPLICIT_COMMIT.matcher(statement).lookingAt()) {
			return Optional.empty();
		}
		String shown = statement.replaceAll("\\s+", " ").trim();
		return Optional.of((shown.length() > 80) ? shown.substring(0, 77) + "..." : shown);
	}

}
