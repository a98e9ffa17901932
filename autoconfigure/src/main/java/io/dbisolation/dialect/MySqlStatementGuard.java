package io.dbisolation.dialect;

import java.util.Optional;

import io.dbisolation.dialect.MySqlTokenizer.Kind;

/**
 * Judges SQL sent to MySQL or MariaDB before it runs: whether any of its statements would
 * end the test's transaction (an implicit commit, a transaction statement, a statement on
 * DbIsolation's own savepoints), may end it while running (a procedure call), or writes.
 * It reads the text once, statement by statement, including the code in executable
 * comments and the statements inside MariaDB's {@code BEGIN NOT ATOMIC} blocks; what it
 * cannot recognise it lets through.
 */
final class MySqlStatementGuard {

	/** The prefix of the savepoints DbIsolation sets; statements on them are refused. */
	static final String OWN_SAVEPOINT_PREFIX = "dbiso_";

	private static final int SHOWN_LENGTH = 80;

	private final String sql;

	private final MySqlTokenizer tokens;

	private int refusedAt = -1;

	private boolean mayCommitWhileRunning;

	private boolean writes;

	private MySqlStatementGuard(String sql) {
		this.sql = sql;
		this.tokens = new MySqlTokenizer(sql, 0);
	}

	/**
	 * Judges every statement of the text.
	 * @param sql one or more statements
	 * @return the guard, holding the verdict
	 */
	static MySqlStatementGuard judge(String sql) {
		MySqlStatementGuard guard = new MySqlStatementGuard(sql);
		guard.judgeAll();
		return guard;
	}

	/**
	 * The first statement that would end the transaction, shortened for a message.
	 * @return the statement, if there is one
	 */
	Optional<String> implicitCommit() {
		return (this.refusedAt < 0) ? Optional.empty() : Optional.of(shown(this.refusedAt));
	}

	/**
	 * Whether this verdict is about the given text, the same instance: callers ask
	 * several questions about each statement, and reading it once is enough.
	 * @param sql the text
	 * @return {@code true} if this guard judged exactly that text
	 */
	boolean judged(String sql) {
		return this.sql == sql;
	}

	boolean mayCommitWhileRunning() {
		return this.mayCommitWhileRunning;
	}

	boolean writes() {
		return this.writes;
	}

	private void judgeAll() {
		this.tokens.next();
		while (!this.tokens.is(Kind.END)) {
			if (this.tokens.is(Kind.SEPARATOR)) {
				this.tokens.next();
			}
			else {
				statement();
				this.tokens.skipToStatementEnd();
			}
		}
	}

	/**
	 * Judges the statement that starts at the current token, reading at least its first
	 * token and at most up to its separator.
	 */
	void statement() {
		int from = this.tokens.mark();
		if (!this.tokens.is(Kind.WORD)) {
			return;
		}
		if (word("CREATE") || word("DROP")) {
			createOrDrop(from);
		}
		else if (word("ALTER") || word("RENAME") || word("TRUNCATE") || word("GRANT") || word("REVOKE")
				|| word("OPTIMIZE") || word("REPAIR") || word("INSTALL") || word("UNINSTALL") || word("IMPORT")) {
			refuse(from, true);
		}
		else if (word("COMMIT") || word("XA") || word("START") || word("STOP") || word("CHANGE") || word("LOCK")
				|| word("UNLOCK") || word("FLUSH") || word("RESET") || word("PURGE") || word("CACHE")
				|| word("BACKUP")) {
			refuse(from, false);
		}
		else if (word("BEGIN")) {
			this.tokens.next();
			if (word("NOT")) {
				this.tokens.skip("NOT", "ATOMIC");
				new MySqlCompoundStatement(this.tokens, this).judge();
			}
			else {
				refuse(from, false);
			}
		}
		else if (word("CHECK")) {
			this.tokens.next();
			if (word("TABLE") || word("VIEW")) {
				refuse(from, false);
			}
		}
		else if (word("ANALYZE")) {
			analyze(from);
		}
		else if (word("LOAD")) {
			this.tokens.next();
			if (word("INDEX")) {
				refuse(from, false);
			}
			else {
				this.writes = true;
			}
		}
		else if (word("ROLLBACK")) {
			rollback(from);
		}
		else if (word("SAVEPOINT")) {
			this.tokens.next();
			refuseOwnSavepoint(from);
		}
		else if (word("RELEASE")) {
			this.tokens.next();
			this.tokens.skip("SAVEPOINT");
			refuseOwnSavepoint(from);
		}
		else if (word("SET")) {
			set(from);
		}
		else if (word("WITH")) {
			with();
		}
		else if (word("INSERT") || word("UPDATE") || word("DELETE") || word("REPLACE")) {
			this.writes = true;
		}
		else if (word("CALL") || word("EXECUTE")) {
			this.mayCommitWhileRunning = true;
		}
	}

	/**
	 * {@code CREATE} and {@code DROP} commit, except for temporary tables (not temporary
	 * sequences: MariaDB commits for those) and prepared statements; every modifier
	 * ({@code OR REPLACE}, {@code DEFINER=}, {@code UNIQUE}, ...) and object kind commits
	 * alike, so only these exceptions need reading.
	 */
	private void createOrDrop(int from) {
		this.tokens.next();
		if (word("PREPARE")) {
			return;
		}
		if (word("OR")) {
			this.tokens.skip("OR", "REPLACE");
		}
		if (word("TEMPORARY")) {
			this.tokens.next();
			if (word("TABLE")) {
				return;
			}
		}
		refuse(from, true);
	}

	/**
	 * {@code ANALYZE TABLE} commits; MariaDB's {@code ANALYZE SELECT|UPDATE|...} runs the
	 * statement it analyses.
	 */
	private void analyze(int from) {
		this.tokens.next();
		this.tokens.skip("NO_WRITE_TO_BINLOG", "LOCAL");
		if (word("TABLE") || word("TABLES")) {
			refuse(from, false);
			return;
		}
		if (word("FORMAT")) {
			this.tokens.next();
			this.tokens.skip("=");
			this.tokens.next();
		}
		statement();
	}

	/**
	 * A plain rollback ends the transaction; a rollback to the code's own savepoint does
	 * not.
	 */
	private void rollback(int from) {
		this.tokens.next();
		this.tokens.skip("WORK");
		if (!word("TO")) {
			refuse(from, false);
			return;
		}
		this.tokens.next();
		this.tokens.skip("SAVEPOINT");
		refuseOwnSavepoint(from);
	}

	private void refuseOwnSavepoint(int from) {
		if (this.tokens.isNameStartingWith(OWN_SAVEPOINT_PREFIX)) {
			refuse(from, false);
		}
	}

	/**
	 * {@code SET} commits when it switches autocommit on, in any of its spellings, and
	 * for {@code SET PASSWORD}; MariaDB's {@code SET STATEMENT ... FOR} runs another
	 * statement.
	 */
	private void set(int from) {
		this.tokens.next();
		if (word("PASSWORD")) {
			refuse(from, true);
			return;
		}
		if (word("DEFAULT")) {
			this.tokens.next();
			if (word("ROLE")) {
				refuse(from, true);
			}
			return;
		}
		if (word("STATEMENT")) {
			while (!this.tokens.atStatementEnd() && !word("FOR")) {
				this.tokens.skipOne();
			}
			if (word("FOR")) {
				this.tokens.next();
				statement();
			}
			return;
		}
		while (!this.tokens.atStatementEnd()) {
			if (assignmentSwitchesAutocommitOn()) {
				refuse(from, false);
				return;
			}
			if (this.tokens.isSymbol(",")) {
				this.tokens.next();
			}
		}
	}

	/**
	 * Reads one assignment of a {@code SET} statement, up to the comma after it.
	 */
	private boolean assignmentSwitchesAutocommitOn() {
		boolean global = false;
		if (word("GLOBAL") || word("PERSIST") || word("PERSIST_ONLY")) {
			global = true;
			this.tokens.next();
		}
		else if (word("SESSION") || word("LOCAL")) {
			this.tokens.next();
		}
		boolean userVariable = this.tokens.isSymbol("@");
		if (this.tokens.isSymbol("@@")) {
			this.tokens.next();
			if (word("GLOBAL") || word("SESSION") || word("LOCAL")) {
				global = word("GLOBAL");
				this.tokens.next();
				this.tokens.skip(".");
			}
		}
		else if (userVariable) {
			this.tokens.next();
		}
		boolean autocommit = !userVariable && !global && this.tokens.isName("autocommit");
		this.tokens.next();
		if (!this.tokens.isSymbol("=") && !this.tokens.isSymbol(":=")) {
			// SET NAMES, SET TRANSACTION, SET ROLE...: not an assignment
			while (!this.tokens.atStatementEnd()) {
				this.tokens.skipOne();
			}
			return false;
		}
		this.tokens.next();
		boolean off = this.tokens.isText("0") || word("OFF") || word("FALSE") || this.tokens.isText("'0'")
				|| this.tokens.isText("'OFF'");
		int valueTokens = 0;
		while (!this.tokens.atStatementEnd() && !this.tokens.isSymbol(",")) {
			this.tokens.skipOne();
			valueTokens++;
		}
		return autocommit && !(off && valueTokens == 1);
	}

	/**
	 * {@code WITH ...} runs the statement after its common table expressions, which may
	 * write (MySQL's {@code WITH ... UPDATE}).
	 */
	private void with() {
		this.tokens.next();
		this.tokens.skip("RECURSIVE");
		while (!this.tokens.atStatementEnd()) {
			this.tokens.next();
			if (this.tokens.isSymbol("(")) {
				this.tokens.skipOne();
			}
			this.tokens.skip("AS");
			if (this.tokens.isSymbol("(")) {
				this.tokens.skipOne();
			}
			if (!this.tokens.isSymbol(",")) {
				statement();
				return;
			}
			this.tokens.next();
		}
	}

	private void refuse(int from, boolean writes) {
		if (this.refusedAt < 0) {
			this.refusedAt = from;
		}
		this.writes |= writes;
	}

	private boolean word(String keyword) {
		return this.tokens.isWord(keyword);
	}

	/**
	 * The statement that starts at an offset, up to its separator, on one line and
	 * shortened.
	 */
	private String shown(int from) {
		MySqlTokenizer statement = new MySqlTokenizer(this.sql, from);
		do {
			statement.next();
		}
		while (!statement.is(Kind.END) && !statement.is(Kind.SEPARATOR));
		String text = this.sql.substring(from, statement.start()).trim();
		StringBuilder shown = new StringBuilder(Math.min(text.length(), SHOWN_LENGTH));
		boolean space = false;
		for (int i = 0; i < text.length() && shown.length() <= SHOWN_LENGTH; i++) {
			char c = text.charAt(i);
			if (Character.isWhitespace(c)) {
				space = true;
			}
			else {
				if (space) {
					shown.append(' ');
					space = false;
				}
				shown.append(c);
			}
		}
		if (shown.length() > SHOWN_LENGTH) {
			shown.setLength(SHOWN_LENGTH - 3);
			shown.append("...");
		}
		return shown.toString();
	}

}
