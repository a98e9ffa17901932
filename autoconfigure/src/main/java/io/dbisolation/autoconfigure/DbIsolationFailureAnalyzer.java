package io.dbisolation.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

import io.dbisolation.test.DbIsolationException;

/**
 * Turns a {@link DbIsolationException} that stopped a test context from starting into
 * Spring Boot's short report: what failed as the description, what to do as the action,
 * instead of a stack trace under "Failed to load ApplicationContext".
 */
class DbIsolationFailureAnalyzer extends AbstractFailureAnalyzer<DbIsolationException> {

	static final String FALLBACK_ACTION = "Fix the cause that the description names (the driver's message, SQLState "
			+ "and vendor code say what the server refused), then run the tests again.";

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, DbIsolationException cause) {
		String action = (cause.getAction() != null) ? cause.getAction() : FALLBACK_ACTION;
		return new FailureAnalysis(cause.getDescription(), action, cause);
	}

}
