package io.dbisolation.datasource;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import io.dbisolation.dialect.JdbcUrl;

/**
 * What went wrong with the transaction of one test, worded for the user: each message
 * says what happened, names the test and the statement, and says what to do. Violations
 * fail the test when it ends, even if the code under test swallowed the exception.
 */
final class TestProblems {

	private static final Log logger = LogFactory.getLog(TestProblems.class);

	private final String testName;

	private final String testClassName;

	private final List<String> violations = new CopyOnWriteArrayList<>();

	private volatile boolean committed;

	TestProblems(String testName, String testClassName) {
		this.testName = testName;
		this.testClassName = testClassName;
	}

	/**
	 * Records a statement refused because it would commit implicitly.
	 * @return the exception to throw instead of running it
	 */
	SQLException implicitCommit(String statement) {
		String message = "Statement '" + statement + "' in test '" + this.testName + "' commits implicitly, which "
				+ "would end the test's transaction, so DbIsolation could not roll the test back. "
				+ useSchemaPerTest();
		this.violations.add(message);
		return new SQLException(message, "25000");
	}

	void committedWhileRunning(String sql) {
		this.committed = true;
		this.violations.add("Statement '" + shorten(sql) + "' in test '" + this.testName + "' committed the test's "
				+ "transaction while it ran, so what the test wrote before it could not be rolled back. "
				+ useSchemaPerTest());
	}

	/**
	 * Reports a deadlock: the application saw the server's error, as it would in
	 * production, and nothing escaped, so the test does not fail for it.
	 */
	void deadlock(String sql, SQLException ex) {
		logger.warn("Statement '" + shorten(sql) + "' in test '" + this.testName + "' was chosen as a deadlock victim"
				+ cause(ex) + ". As in production, InnoDB rolled back the whole transaction, which here is the test's: "
				+ "what the test wrote before it is gone too. DbIsolation set the test's savepoint again, so the rest "
				+ "of the test is still rolled back.");
	}

	void connectionLost(String server, SQLException ex) {
		this.violations.add("The connection to '" + server + "' was lost during test '" + this.testName + "'"
				+ cause(ex) + ". The server rolls back what was not committed when a connection drops; check that the "
				+ "server is running and reachable, and that its 'wait_timeout' is longer than the test.");
	}

	void committedUnseen(SQLException ex) {
		// the savepoint is gone only if the transaction ended behind our back
		this.committed = true;
		this.violations.add("The transaction of test '" + this.testName + "' was committed by a statement DbIsolation "
				+ "did not see, so what the test wrote could not be rolled back" + cause(ex) + ". "
				+ useSchemaPerTest());
	}

	/**
	 * Whether something the test wrote was really committed, so that its database no
	 * longer matches what the test started from.
	 * @return {@code true} after a commit DbIsolation could not prevent
	 */
	boolean committed() {
		return this.committed;
	}

	List<String> violations() {
		return List.copyOf(this.violations);
	}

	private String useSchemaPerTest() {
		return "Use @DbIsolation(mode = SCHEMA_PER_TEST) on '" + this.testClassName + "', where commits are real.";
	}

	private static String cause(SQLException ex) {
		return " (" + ex.getMessage() + ", SQLState " + ex.getSQLState() + ", error " + ex.getErrorCode() + ")";
	}

	/**
	 * Whether a failure means the connection itself is gone (SQLState class 08, or the
	 * driver no longer finds it valid), rather than the transaction.
	 */
	static boolean isConnectionLoss(SQLException ex, Connection connection) {
		if (ex.getSQLState() != null && ex.getSQLState().startsWith("08")) {
			return true;
		}
		try {
			return !connection.isValid(2);
		}
		catch (SQLException ignored) {
			// a connection that cannot even be checked is as good as lost
			return true;
		}
	}

	static String serverOf(Connection connection) {
		try {
			return JdbcUrl.parse(connection.getMetaData().getURL()).withDatabase("").toSafeString();
		}
		catch (SQLException | RuntimeException ex) {
			return "the database server";
		}
	}

	/**
	 * The message for work of a test that asks for the database after the test ended.
	 * @param what who did what, naming the test
	 * @return the message
	 */
	static String ended(String what) {
		return what + " after the test ended: work that outlives its test is not rolled back with it, so DbIsolation "
				+ "refuses it. Wait for that work in the test (join the thread, get the future) before the test ends.";
	}

	static String shorten(String sql) {
		String oneLine = sql.strip().replaceAll("\\s+", " ");
		return (oneLine.length() > 80) ? oneLine.substring(0, 77) + "..." : oneLine;
	}

}
