package io.dbisolation.dialect;

/**
 * Splits MySQL and MariaDB SQL into tokens in one pass, without copying text: comments
 * are skipped, executable comments ({@code /*! ... *}{@code /}, {@code /*!50000 ...},
 * {@code /*M!100100 ...}) are read as the code they hold, and quoted strings and
 * identifiers are single tokens.
 */
final class MySqlTokenizer {

	/**
	 * What a token is.
	 */
	enum Kind {

		/** A keyword or an unquoted identifier. */
		WORD,

		/** An identifier in backticks. */
		QUOTED_NAME,

		/** A string in single or double quotes. */
		STRING,

		/** A number, or a name that starts with a digit. */
		NUMBER,

		/** An operator or punctuation, such as {@code =}, {@code :=}, {@code @@}. */
		SYMBOL,

		/** The statement separator {@code ;}. */
		SEPARATOR,

		/** The end of the text. */
		END

	}

	private final String sql;

	private int position;

	/** How many executable comments are open at {@link #position}. */
	private int executableDepth;

	/** Where the innermost open executable comment starts, if no token was read in it. */
	private int executableStart = -1;

	private Kind kind;

	private int start;

	private int end;

	private int mark;

	MySqlTokenizer(String sql, int from) {
		this.sql = sql;
		this.position = from;
	}

	/**
	 * Moves to the next token.
	 * @return the kind of the new current token
	 */
	Kind next() {
		skipSpaceAndComments();
		this.mark = (this.executableStart >= 0) ? this.executableStart : this.position;
		this.executableStart = -1;
		this.start = this.position;
		if (this.position >= this.sql.length()) {
			this.end = this.position;
			this.kind = Kind.END;
			return this.kind;
		}
		char c = this.sql.charAt(this.position);
		if (c == ';') {
			this.position++;
			this.kind = Kind.SEPARATOR;
		}
		else if (c == '\'' || c == '"') {
			this.position = endOfQuoted(this.position, c, true);
			this.kind = Kind.STRING;
		}
		else if (c == '`') {
			this.position = endOfQuoted(this.position, c, false);
			this.kind = Kind.QUOTED_NAME;
		}
		else if (isWordPart(c)) {
			boolean digit = c >= '0' && c <= '9';
			while (this.position < this.sql.length() && (isWordPart(this.sql.charAt(this.position))
					|| (digit && this.sql.charAt(this.position) == '.'))) {
				this.position++;
			}
			this.kind = digit ? Kind.NUMBER : Kind.WORD;
		}
		else {
			this.position += symbolLength(c);
			this.kind = Kind.SYMBOL;
		}
		this.end = this.position;
		return this.kind;
	}

	private int symbolLength(char c) {
		char following = (this.position + 1 < this.sql.length()) ? this.sql.charAt(this.position + 1) : 0;
		if ((c == '@' && following == '@') || (c == ':' && following == '=')) {
			return 2;
		}
		return 1;
	}

	private void skipSpaceAndComments() {
		while (this.position < this.sql.length()) {
			char c = this.sql.charAt(this.position);
			if (Character.isWhitespace(c)) {
				this.position++;
			}
			else if (c == '#' || (c == '-' && startsLineComment())) {
				int newline = this.sql.indexOf('\n', this.position);
				this.position = (newline < 0) ? this.sql.length() : newline + 1;
			}
			else if (c == '/' && this.sql.startsWith("/*", this.position)) {
				openComment();
			}
			else if (c == '*' && this.executableDepth > 0 && this.sql.startsWith("*/", this.position)) {
				this.executableDepth--;
				this.position += 2;
			}
			else {
				return;
			}
		}
	}

	/** {@code --} starts a comment only when a space or a control character follows. */
	private boolean startsLineComment() {
		if (!this.sql.startsWith("--", this.position)) {
			return false;
		}
		return this.position + 2 >= this.sql.length() || this.sql.charAt(this.position + 2) <= ' ';
	}

	private void openComment() {
		int body = this.position + 2;
		if (this.sql.startsWith("!", body) || this.sql.startsWith("M!", body)) {
			// an executable comment: its content is code, whatever the server version
			this.executableStart = this.position;
			this.position = body + (this.sql.charAt(body) == 'M' ? 2 : 1);
			while (this.position < this.sql.length() && Character.isDigit(this.sql.charAt(this.position))) {
				this.position++;
			}
			this.executableDepth++;
			return;
		}
		int close = this.sql.indexOf("*/", body);
		this.position = (close < 0) ? this.sql.length() : close + 2;
	}

	private int endOfQuoted(int from, char quote, boolean backslashEscapes) {
		int i = from + 1;
		while (i < this.sql.length()) {
			char c = this.sql.charAt(i);
			if (c == '\\' && backslashEscapes) {
				i += 2;
			}
			else if (c == quote) {
				if (i + 1 < this.sql.length() && this.sql.charAt(i + 1) == quote) {
					i += 2;
				}
				else {
					return i + 1;
				}
			}
			else {
				i++;
			}
		}
		return this.sql.length();
	}

	private static boolean isWordPart(char c) {
		return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '$'
				|| c >= 0x80;
	}

	Kind kind() {
		return this.kind;
	}

	/**
	 * Where the current token starts, or the executable comment it is the first token of.
	 * @return an offset into the text, to show a statement from
	 */
	int mark() {
		return this.mark;
	}

	/**
	 * Where the text after the current token starts.
	 * @return an offset into the text
	 */
	int end() {
		return this.end;
	}

	/**
	 * Where the current token starts.
	 * @return an offset into the text
	 */
	int start() {
		return this.start;
	}

	boolean is(Kind kind) {
		return this.kind == kind;
	}

	/**
	 * Whether the current token is the given keyword.
	 * @param keyword the keyword, in upper case
	 * @return {@code true} for a word that equals it, ignoring case
	 */
	boolean isWord(String keyword) {
		return this.kind == Kind.WORD && this.end - this.start == keyword.length()
				&& this.sql.regionMatches(true, this.start, keyword, 0, keyword.length());
	}

	/**
	 * Whether the current token is exactly the given text, quotes included.
	 * @param text the text
	 * @return {@code true} if it is, ignoring case
	 */
	boolean isText(String text) {
		return this.end - this.start == text.length()
				&& this.sql.regionMatches(true, this.start, text, 0, text.length());
	}

	boolean isSymbol(String symbol) {
		return this.kind == Kind.SYMBOL && this.end - this.start == symbol.length()
				&& this.sql.startsWith(symbol, this.start);
	}

	/**
	 * Whether the current token names something, quoted or not, with the given name.
	 * @param name the name
	 * @return {@code true} if it is that name, ignoring case
	 */
	boolean isName(String name) {
		return isNameStartingWith(name) && nameLength() == name.length();
	}

	/**
	 * Whether the current token names something, quoted or not, that starts with a
	 * prefix.
	 * @param prefix the prefix
	 * @return {@code true} if the name starts with it, ignoring case
	 */
	boolean isNameStartingWith(String prefix) {
		int from = nameStart();
		return from >= 0 && this.sql.regionMatches(true, from, prefix, 0, prefix.length())
				&& from + prefix.length() <= this.end;
	}

	private int nameStart() {
		return switch (this.kind) {
			case WORD -> this.start;
			case QUOTED_NAME, STRING -> this.start + 1;
			default -> -1;
		};
	}

	private int nameLength() {
		return (this.kind == Kind.WORD) ? this.end - this.start : this.end - this.start - 2;
	}

	/**
	 * Moves past the current token if it is the next of the given keywords or symbols,
	 * for each in turn: for optional words such as {@code WORK} in {@code COMMIT WORK}.
	 * @param optional keywords or symbols that may follow each other
	 */
	void skip(String... optional) {
		for (String text : optional) {
			if (isWord(text) || isSymbol(text)) {
				next();
			}
		}
	}

	/** Moves past one token, or past a parenthesised group as a whole. */
	void skipOne() {
		if (!isSymbol("(")) {
			next();
			return;
		}
		int depth = 0;
		do {
			if (isSymbol("(")) {
				depth++;
			}
			else if (isSymbol(")")) {
				depth--;
			}
			next();
		}
		while (depth > 0 && this.kind != Kind.END);
	}

	/**
	 * Whether the current token ends a statement: a separator or the end of the text.
	 * @return {@code true} at a statement's end
	 */
	boolean atStatementEnd() {
		return this.kind == Kind.SEPARATOR || this.kind == Kind.END;
	}

	void skipToStatementEnd() {
		while (!atStatementEnd()) {
			next();
		}
	}

	/**
	 * Whether the current token is a name followed by a colon: a label in a compound
	 * statement.
	 * @return {@code true} for a label
	 */
	boolean isLabel() {
		if (this.kind != Kind.WORD && this.kind != Kind.QUOTED_NAME) {
			return false;
		}
		MySqlTokenizer ahead = new MySqlTokenizer(this.sql, this.end);
		ahead.next();
		return ahead.isSymbol(":");
	}

}
