package io.dbisolation.context;

import java.util.concurrent.Semaphore;

import io.dbisolation.datasource.IsolatedDataSources;

/**
 * The isolation state of one test context: its DataSources, and the turn that its tests
 * take one at a time, because they share one schema.
 *
 * @param dataSources the context's isolating DataSources
 * @param turn one permit, held by the running test
 */
record ContextIsolation(IsolatedDataSources dataSources, Semaphore turn) {

	static final String BEAN_NAME = "dbIsolationContextIsolation";

	ContextIsolation() {
		this(new IsolatedDataSources(), new Semaphore(1, true));
	}

}
