package io.dbisolation.schema;

/**
 * A context's private schema and its owner, known once the context's server is: at once
 * when the server is configured by a URL, or only when a bean of the context names it (a
 * Testcontainers {@code @ServiceConnection}, a {@code @DynamicPropertySource}). Asking
 * for either decides the server if nothing has yet.
 */
public interface SchemaTarget {

	/**
	 * The owner of the context's schemas, deciding the server if nothing has yet.
	 * @return the owner
	 */
	SchemaOwner owner();

	/**
	 * The context's private schema, created when the server is decided.
	 * @return the schema
	 */
	PrivateSchema schema();

	/**
	 * The context's schema if the server has been decided, without deciding it.
	 * @return the schema, or {@code null}
	 */
	PrivateSchema decidedSchema();

}
