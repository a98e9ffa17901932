package io.dbisolation.datasource;

import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

import io.dbisolation.dialect.Dialect;

/**
 * What the engine's dialect says about a statement before it runs on the test's pinned
 * connection.
 *
 * @param implicitCommit names the statement if it would commit implicitly
 * @param mayCommitWhileRunning whether the transaction must be checked after it ran
 * @param writes whether it writes, so that it fails on a read-only connection
 * @param errorAbortsTransaction whether a failed statement aborts the transaction, so
 * that each runs under a savepoint of its own
 */
record StatementGuard(Function<String, Optional<String>> implicitCommit, Predicate<String> mayCommitWhileRunning,
		Predicate<String> writes, boolean errorAbortsTransaction) {

	StatementGuard(Function<String, Optional<String>> implicitCommit, Predicate<String> mayCommitWhileRunning,
			Predicate<String> writes) {
		this(implicitCommit, mayCommitWhileRunning, writes, false);
	}

	static StatementGuard of(Dialect dialect) {
		return new StatementGuard(dialect::implicitCommit, dialect::mayCommitWhileRunning, dialect::writes,
				dialect.errorAbortsTransaction());
	}

}
