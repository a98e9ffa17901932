package io.dbisolation.datasource;

/**
 * What a JDBC wrapper does with one method of the interface it wraps. Every method of
 * every wrapped interface has one; a method without one is refused.
 */
enum Decision {

	/**
	 * Passed to the wrapped object as it is: it returns a value and changes nothing
	 * shared.
	 */
	DELEGATE,

	/**
	 * Turned into something else on the test's pinned connection: a savepoint operation
	 * or a statement that is checked before and after it runs.
	 */
	ROUTE,

	/** Answered by the wrapper itself, without the wrapped object. */
	LOCAL,

	/** Passed to the wrapped object, and what it returns is wrapped in turn. */
	WRAP,

	/** Refused with an exception that names the method and says what to do instead. */
	REFUSE

}
