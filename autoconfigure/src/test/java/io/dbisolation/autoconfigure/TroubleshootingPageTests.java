package io.dbisolation.autoconfigure;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keeps docs/troubleshooting.md in step with the code: every sentence the library can
 * print (the text of its exceptions, the INFO, WARN and ERROR lines it logs, the problems
 * it adds to a failing test) must be on the page, word for word between the parts the
 * code fills in.
 */
class TroubleshootingPageTests {

	private static final Path SOURCES = Path.of("src/main/java");

	private static final Path PAGE = Path.of("../docs/troubleshooting.md");

	/**
	 * Where a message or a part of one starts (an exception, a log line users see, a
	 * problem added to a test's failure, the reason of a refused JDBC method); it ends
	 * with the closing parenthesis.
	 */
	private static final Pattern MESSAGE_CALL = Pattern.compile(
			"new (DbIsolation|SQL\\w*|IllegalState|IllegalArgument|IO|UncheckedIO)Exception\\(|logger\\s*\\.(info|warn|error)\\("
					+ "|\\b(violations|problems)\\.add\\(|\\bFailures\\.(of|noPrivilege)\\("
					+ "|\\.refuse\\(|\\.getOrDefault\\(");

	/**
	 * Message parts built apart from where they are thrown; they end with the statement.
	 */
	private static final Pattern MESSAGE_PART = Pattern
		.compile("\\breturn (?=\")|\\bString \\w+ = (?=\")|static final String \\w*(ACTION|MESSAGE)\\w* = ");

	private static final Pattern WORD = Pattern.compile("[A-Za-z]{2,}");

	private static final Pattern SQL = Pattern.compile("^[A-Z]{3,}( [A-Z_]+)* ?[`(]?$|^(SELECT|INSERT|CREATE|SHOW) .*");

	@Test
	void everyMessageInTheCodeIsOnThePage() throws IOException {
		String page = normalized(Files.readString(PAGE));
		List<String> missing = new ArrayList<>();
		for (Path source : sources()) {
			for (Fragment fragment : fragments(Files.readString(source))) {
				if (!page.contains(fragment.text())) {
					missing.add(SOURCES.relativize(source) + ":" + fragment.line() + ": " + fragment.text());
				}
			}
		}
		assertThat(missing).as("messages in the code that docs/troubleshooting.md does not list").isEmpty();
	}

	@Test
	void messageIsSplitWhereTheCodeFillsSomethingIn() {
		String source = """
				class Example {
					void fail(String name) {
						// "a comment is not a message, nor is new DbIsolationException(\\"this\\")"
						char quote = '"';
						logger.debug("Debug lines are not shown to users " + name);
						throw new DbIsolationException("Could not find schema '" + name
								+ "' on the server. " + "Create it first, " + quote
								+ "or drop the \\"other\\" one.", null, null);
					}
				}
				""";
		assertThat(fragments(source)).extracting(Fragment::text)
			.containsExactly("Could not find schema", "on the server. Create it first", "or drop the \"other\" one");
		assertThat(fragments(source)).extracting(Fragment::line).containsExactly(6, 7, 8);
	}

	@Test
	void fragmentsOfFewerThanThreeWordsAndStatementsAreNotMessages() {
		String source = """
				class Example {
					String sql(String schema, SQLException ex) {
						throw new SQLException(ex.getMessage() + " (SQLState " + ex.getSQLState() + ")");
					}
					String drop(String schema) {
						return "DROP DATABASE IF EXISTS `" + schema + "`";
					}
				}
				""";
		assertThat(fragments(source)).isEmpty();
	}

	private static List<Path> sources() throws IOException {
		try (Stream<Path> files = Files.walk(SOURCES)) {
			return files.filter((path) -> path.toString().endsWith(".java")).sorted().toList();
		}
	}

	/**
	 * The parts of the messages in one source file that the code does not fill in.
	 */
	static List<Fragment> fragments(String source) {
		Code code = Code.of(source);
		List<Fragment> fragments = new ArrayList<>();
		Matcher call = MESSAGE_CALL.matcher(code.text());
		while (call.find()) {
			fragments.addAll(code.literals(call.end(), code.closingParenthesis(call.end())));
		}
		Matcher part = MESSAGE_PART.matcher(code.text());
		while (part.find()) {
			fragments.addAll(code.literals(part.end(), code.text().indexOf(';', part.end())));
		}
		fragments.sort((a, b) -> Integer.compare(a.line(), b.line()));
		return fragments.stream().filter(Fragment::isSentence).distinct().toList();
	}

	/**
	 * Text as the page and the code both may wrap it: runs of white space are one space.
	 */
	static String normalized(String text) {
		return text.replaceAll("\\s+", " ");
	}

	/**
	 * A part of a message as written in the code, trimmed of the punctuation around what
	 * the code fills in.
	 */
	record Fragment(String text, int line) {

		static Fragment of(String literal, int line) {
			String text = normalized(literal).replaceAll("^[^A-Za-z0-9@]+|[^A-Za-z0-9)]+$", "");
			return new Fragment(text, line);
		}

		boolean isSentence() {
			// a name such as 'org.flywaydb.core.Flyway' is not a sentence
			return this.text.contains(" ") && WORD.matcher(this.text).results().count() >= 3
					&& !SQL.matcher(this.text).matches();
		}

	}

	/**
	 * A source file with its comments blanked out, and where its string literals are.
	 */
	record Code(String text, List<int[]> literals, String source) {

		static Code of(String source) {
			StringBuilder text = new StringBuilder(source);
			List<int[]> literals = new ArrayList<>();
			int i = 0;
			while (i < source.length()) {
				char c = source.charAt(i);
				if (source.startsWith("//", i)) {
					int end = source.indexOf('\n', i);
					end = (end < 0) ? source.length() : end;
					blank(text, i, end);
					i = end;
				}
				else if (source.startsWith("/*", i)) {
					int end = source.indexOf("*/", i + 2) + 2;
					blank(text, i, end);
					i = end;
				}
				else if (c == '"' || c == '\'') {
					int end = i + 1;
					while (source.charAt(end) != c) {
						end += (source.charAt(end) == '\\') ? 2 : 1;
					}
					if (c == '"') {
						literals.add(new int[] { i, end + 1 });
					}
					else {
						blank(text, i, end + 1);
					}
					i = end + 1;
				}
				else {
					i++;
				}
			}
			return new Code(text.toString(), literals, source);
		}

		private static void blank(StringBuilder text, int start, int end) {
			for (int i = start; i < end; i++) {
				if (text.charAt(i) != '\n') {
					text.setCharAt(i, ' ');
				}
			}
		}

		int closingParenthesis(int from) {
			int depth = 1;
			int i = from;
			while (depth > 0) {
				int[] literal = literalAt(i);
				if (literal != null) {
					i = literal[1];
					continue;
				}
				char c = this.text.charAt(i);
				depth += (c == '(') ? 1 : (c == ')') ? -1 : 0;
				i++;
			}
			return i;
		}

		/**
		 * The literals between two positions, those joined by a bare {@code +} as one.
		 */
		List<Fragment> literals(int from, int to) {
			List<Fragment> fragments = new ArrayList<>();
			StringBuilder current = null;
			int currentStart = 0;
			int previousEnd = -1;
			for (int[] literal : this.literals) {
				if (literal[0] < from || literal[1] > to) {
					continue;
				}
				String value = unescape(this.source.substring(literal[0] + 1, literal[1] - 1));
				if (current != null && this.text.substring(previousEnd, literal[0]).trim().equals("+")) {
					current.append(value);
				}
				else {
					if (current != null) {
						fragments.add(Fragment.of(current.toString(), line(currentStart)));
					}
					current = new StringBuilder(value);
					currentStart = literal[0];
				}
				previousEnd = literal[1];
			}
			if (current != null) {
				fragments.add(Fragment.of(current.toString(), line(currentStart)));
			}
			return fragments;
		}

		private int[] literalAt(int position) {
			for (int[] literal : this.literals) {
				if (literal[0] == position) {
					return literal;
				}
			}
			return null;
		}

		private int line(int position) {
			return (int) this.source.substring(0, position).chars().filter((c) -> c == '\n').count() + 1;
		}

		private static String unescape(String literal) {
			return literal.replace("\\\"", "\"").replace("\\'", "'").replace("\\n", "\n").replace("\\\\", "\\");
		}

	}

}
