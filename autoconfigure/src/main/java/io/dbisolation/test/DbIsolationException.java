package io.dbisolation.test;

/**
 * Thrown when DbIsolation cannot give a test the database it asked for. The message says
 * what failed, names the thing in single quotes and says what to do; the cause, when
 * there is one, keeps the driver's SQLState and vendor code. The two parts are also
 * available apart, as the description and action of Spring Boot's failure analysis.
 */
public class DbIsolationException extends RuntimeException {

	private final String description;

	private final String action;

	public DbIsolationException(String message) {
		this(message, null, null);
	}

	public DbIsolationException(String message, Throwable cause) {
		this(message, null, cause);
	}

	/**
	 * Creates an exception whose message is the description followed by the action.
	 * @param description what failed, naming the thing in single quotes
	 * @param action what to do, or {@code null} if the description says it
	 * @param cause the cause, or {@code null}
	 */
	public DbIsolationException(String description, String action, Throwable cause) {
		super((action != null) ? description + " " + action : description, cause);
		this.description = description;
		this.action = action;
	}

	/**
	 * What failed, naming the thing in single quotes.
	 * @return the description
	 */
	public String getDescription() {
		return this.description;
	}

	/**
	 * What to do about it.
	 * @return the action, or {@code null} if the description says it
	 */
	public String getAction() {
		return this.action;
	}

}
