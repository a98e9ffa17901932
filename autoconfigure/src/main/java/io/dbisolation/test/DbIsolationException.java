package io.dbisolation.test;

/**
 * Thrown when DbIsolation cannot give a test the database it asked for. The message says
 * what failed, names the thing in single quotes and says what to do; the cause, when
 * there is one, keeps the driver's SQLState and vendor code.
 */
public class DbIsolationException extends RuntimeException {

	public DbIsolationException(String message) {
		super(message);
	}

	public DbIsolationException(String message, Throwable cause) {
		super(message, cause);
	}

}
