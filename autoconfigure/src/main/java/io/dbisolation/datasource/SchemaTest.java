package io.dbisolation.datasource;

/**
 * One running invocation of a {@code SCHEMA_PER_TEST} test and the schema it was given.
 * Each invocation is its own object, so that parallel invocations of one method (a
 * repeated or parameterized test) are told apart.
 */
public final class SchemaTest {

	private final String name;

	private final String schema;

	private volatile boolean ended;

	SchemaTest(String name, String schema) {
		this.name = name;
		this.schema = schema;
	}

	String name() {
		return this.name;
	}

	String schema() {
		return this.schema;
	}

	boolean isEnded() {
		return this.ended;
	}

	void end() {
		this.ended = true;
	}

	@Override
	public String toString() {
		return this.name + " in '" + this.schema + "'";
	}

}
