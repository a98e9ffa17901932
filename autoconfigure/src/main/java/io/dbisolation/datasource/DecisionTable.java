package io.dbisolation.datasource;

import java.lang.reflect.Method;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.HashMap;
import java.util.Map;

/**
 * The decision of each method of one JDBC interface, by method name (overloads are
 * decided together), with the reason for each refusal. A method that the table does not
 * name is refused, so a method that a later JDK adds never reaches the pinned connection
 * undecided.
 */
final class DecisionTable {

	private final Class<?> type;

	private final Map<String, Decision> decisions;

	private final Map<String, String> refusals;

	private DecisionTable(Class<?> type, Map<String, Decision> decisions, Map<String, String> refusals) {
		this.type = type;
		this.decisions = Map.copyOf(decisions);
		this.refusals = Map.copyOf(refusals);
	}

	static Builder of(Class<?> type) {
		return new Builder(type);
	}

	/**
	 * The decision for a method.
	 * @param method a method of the wrapped interface
	 * @return its decision, {@link Decision#REFUSE} if the table does not name it
	 */
	Decision decision(Method method) {
		return this.decisions.getOrDefault(method.getName(), Decision.REFUSE);
	}

	/**
	 * Whether the table names a method.
	 * @param method the method
	 * @return {@code true} if the method has an explicit decision
	 */
	boolean decides(Method method) {
		return this.decisions.containsKey(method.getName());
	}

	/**
	 * The exception for a refused method.
	 * @param method the method
	 * @param testName the test whose connection it was called on
	 * @return an exception that names the method and says what to do
	 */
	SQLException refusal(Method method, String testName) {
		String reason = this.refusals.getOrDefault(method.getName(),
				"DbIsolation does not know whether it is safe inside a rolled-back test, so it does not pass it on. "
						+ "Use another method, or use @DbIsolation(mode = SCHEMA_PER_TEST), where connections are real");
		return new SQLFeatureNotSupportedException("'" + this.type.getSimpleName() + "." + method.getName()
				+ "' is not supported on the connection of test '" + testName + "': " + reason + ".", "0A000");
	}

	/**
	 * Builds a table; names are given space-separated so that a table reads as a list.
	 */
	static final class Builder {

		private final Class<?> type;

		private final Map<String, Decision> decisions = new HashMap<>();

		private final Map<String, String> refusals = new HashMap<>();

		private Builder(Class<?> type) {
			this.type = type;
		}

		Builder delegate(String names) {
			return decide(Decision.DELEGATE, names);
		}

		Builder route(String names) {
			return decide(Decision.ROUTE, names);
		}

		Builder local(String names) {
			return decide(Decision.LOCAL, names);
		}

		Builder wrap(String names) {
			return decide(Decision.WRAP, names);
		}

		Builder refuse(String name, String reason) {
			decide(Decision.REFUSE, name);
			this.refusals.put(name, reason);
			return this;
		}

		private Builder decide(Decision decision, String names) {
			for (String name : names.trim().split("\\s+")) {
				Decision previous = this.decisions.put(name, decision);
				if (previous != null) {
					throw new IllegalStateException("'" + this.type.getSimpleName() + "." + name
							+ "' is decided twice: " + previous + " and " + decision);
				}
			}
			return this;
		}

		DecisionTable build() {
			return new DecisionTable(this.type, this.decisions, this.refusals);
		}

	}

}
