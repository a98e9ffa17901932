package io.dbisolation.context;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;

import io.dbisolation.datasource.IsolatedDataSources;
import io.dbisolation.schema.PrivateSchema;
import io.dbisolation.schema.SchemaOwner;
import io.dbisolation.test.DbIsolation.Mode;

/**
 * The isolation state of one test context: its DataSources, its schema, and the turn that
 * its rolled-back tests take one at a time, because they share that schema.
 *
 * @param dataSources the context's isolating DataSources
 * @param turn one permit, held by the running test
 * @param schema the context's private schema, {@code null} without one
 * @param copies private copies of other databases, for the context's other DataSources
 * @param settings what applies to the context's tests
 */
record ContextIsolation(IsolatedDataSources dataSources, Semaphore turn, PrivateSchema schema,
		List<PrivateSchema> copies, Settings settings) {

	static final String BEAN_NAME = "dbIsolationContextIsolation";

	ContextIsolation(PrivateSchema schema, Settings settings) {
		this(new IsolatedDataSources(), new Semaphore(1, true), schema, new CopyOnWriteArrayList<>(), settings);
	}

	/**
	 * What applies to the tests of one context.
	 *
	 * @param mode the isolation mode
	 * @param owner the owner of the context's schemas, {@code null} without schemas
	 * @param verifyRollback whether to check after each test class that the schema still
	 * matches its template
	 * @param keepFailed whether to keep the schema of a failed test in
	 * {@link Mode#SCHEMA_PER_TEST}
	 */
	record Settings(Mode mode, SchemaOwner owner, boolean verifyRollback, boolean keepFailed) {

	}

}
