package io.dbisolation.dialect;

import io.dbisolation.dialect.MySqlTokenizer.Kind;

/**
 * Reads a MariaDB compound statement ({@code BEGIN NOT ATOMIC ... END}) for the
 * {@link MySqlStatementGuard}, which judges each statement inside it: those after a
 * separator, a label, {@code THEN}, {@code ELSE}, {@code DO}, {@code LOOP},
 * {@code REPEAT}, an inner {@code BEGIN} and a handler's conditions.
 */
final class MySqlCompoundStatement {

	private final MySqlTokenizer tokens;

	private final MySqlStatementGuard guard;

	MySqlCompoundStatement(MySqlTokenizer tokens, MySqlStatementGuard guard) {
		this.tokens = tokens;
		this.guard = guard;
	}

	/**
	 * Judges the statements of a {@code BEGIN NOT ATOMIC ... END} block: those after a
	 * separator, a label, {@code THEN}, {@code ELSE}, {@code DO}, {@code LOOP},
	 * {@code REPEAT}, an inner {@code BEGIN} and a handler's conditions. Returns at the
	 * block's {@code END}, or at the end of the text.
	 */
	void judge() {
		int depth = 1;
		boolean atStart = true;
		while (!this.tokens.is(Kind.END)) {
			if (word("END")) {
				depth--;
				this.tokens.next();
				this.tokens.skip("IF", "LOOP", "WHILE", "REPEAT", "CASE");
				if (depth == 0) {
					return;
				}
				atStart = false;
			}
			else if (word("CASE")) {
				depth++;
				this.tokens.next();
				atStart = false;
			}
			else if (atStart && (word("BEGIN") || word("LOOP") || word("REPEAT"))) {
				depth++;
				this.tokens.next();
			}
			else if (atStart && (word("IF") || word("WHILE"))) {
				depth++;
				this.tokens.next();
				atStart = false;
			}
			else if (word("THEN") || word("ELSE") || word("DO") || this.tokens.isSymbol(":")
					|| this.tokens.is(Kind.SEPARATOR)) {
				this.tokens.next();
				atStart = true;
			}
			else if (atStart && word("DECLARE")) {
				atStart = declare();
			}
			else if (atStart && (word("ELSEIF") || word("UNTIL") || word("WHEN") || this.tokens.isLabel())) {
				this.tokens.next();
				atStart = false;
			}
			else if (atStart && this.tokens.is(Kind.WORD)) {
				// the rest of the statement is read by this loop, so that a THEN or a
				// separator that the statement's judgement did not reach still counts
				this.guard.statement();
				atStart = false;
			}
			else {
				this.tokens.skipOne();
				atStart = false;
			}
		}
	}

	/**
	 * Reads a {@code DECLARE}; for a handler, up to the statement it runs.
	 * @return {@code true} if a handler's statement starts at the current token
	 */
	private boolean declare() {
		while (!this.tokens.atStatementEnd() && !word("HANDLER")) {
			this.tokens.skipOne();
		}
		if (!word("HANDLER")) {
			return false;
		}
		this.tokens.next();
		this.tokens.skip("FOR");
		do {
			this.tokens.skip(",");
			if (word("SQLSTATE")) {
				this.tokens.next();
				this.tokens.skip("VALUE");
			}
			else if (word("NOT")) {
				this.tokens.next();
			}
			this.tokens.next();
		}
		while (this.tokens.isSymbol(","));
		return true;
	}

	private boolean word(String keyword) {
		return this.tokens.isWord(keyword);
	}

}
