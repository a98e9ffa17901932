package io.dbisolation.context;

import java.util.concurrent.Semaphore;

import io.dbisolation.datasource.IsolatedDataSources;
import io.dbisolation.schema.PrivateSchema;

/**
 * The isolation state of one test context: its DataSources, and the turn that its tests
 * take one at a time, because they share one schema.
 *
 * @param dataSources the context's isolating DataSources
 * @param turn one permit, held by the running test
 * @param schema the context's private schema, {@code null} without one
 * @param verifyRollback whether to check after each test class that the schema still
 * matches its template
 */
record ContextIsolation(IsolatedDataSources dataSources, Semaphore turn, PrivateSchema schema, boolean verifyRollback) {

	static final String BEAN_NAME = "dbIsolationContextIsolation";

	ContextIsolation(PrivateSchema schema, boolean verifyRollback) {
		this(new IsolatedDataSources(), new Semaphore(1, true), schema, verifyRollback);
	}

}
