package io.dbisolation.datasource;

import java.sql.SQLException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which schema a connection points at in {@code SCHEMA_PER_TEST} mode: the schema of the
 * test whose thread (or a thread it started) asks; for threads of no test, such as a web
 * server's, the schema of the one test running, if only one is.
 */
final class SchemaPerTestRouting {

	private final Set<SchemaTest> running = ConcurrentHashMap.newKeySet();

	private final InheritableThreadLocal<SchemaTest> testOfThread = new InheritableThreadLocal<>();

	/**
	 * Starts routing the calling thread, and the threads it starts, to a test's schema.
	 */
	void begin(SchemaTest test) {
		this.running.add(test);
		this.testOfThread.set(test);
	}

	/**
	 * Stops routing to a test's schema; its threads are refused from now on.
	 */
	void end(SchemaTest test) {
		test.end();
		this.running.remove(test);
		this.testOfThread.remove();
	}

	/**
	 * The test whose schema a connection asked for by the calling thread goes to.
	 * @return the test, or {@code null} for the context's own schema
	 * @throws SQLException if the thread belongs to a test that has ended, whose schema
	 * may already be another test's
	 */
	SchemaTest testOfCaller() throws SQLException {
		SchemaTest own = this.testOfThread.get();
		if (own != null) {
			if (!own.isEnded()) {
				return own;
			}
			throw new SQLException("A thread of test '" + own.name() + "' asked for a connection after the test "
					+ "ended: its schema may already be another test's, so DbIsolation refuses it. Wait for that work "
					+ "in the test (join the thread, get the future) before the test ends.", "25000");
		}
		List<SchemaTest> tests = List.copyOf(this.running);
		return (tests.size() == 1) ? tests.get(0) : null;
	}

}
