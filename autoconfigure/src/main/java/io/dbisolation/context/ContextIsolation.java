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
 */
final class ContextIsolation {

	static final String BEAN_NAME = "dbIsolationContextIsolation";

	private final IsolatedDataSources dataSources = new IsolatedDataSources();

	private final Semaphore turn = new Semaphore(1, true);

	private final List<PrivateSchema> copies = new CopyOnWriteArrayList<>();

	private final ContextTarget target;

	private final Settings settings;

	/**
	 * Creates the state of a context.
	 * @param target where the context's schema is, once its server is decided;
	 * {@code null} without schemas
	 * @param settings what applies to the context's tests
	 */
	ContextIsolation(ContextTarget target, Settings settings) {
		this.target = target;
		this.settings = settings;
	}

	/**
	 * The context's isolating DataSources.
	 * @return the DataSources
	 */
	IsolatedDataSources dataSources() {
		return this.dataSources;
	}

	/**
	 * One permit, held by the running test.
	 * @return the turn
	 */
	Semaphore turn() {
		return this.turn;
	}

	/**
	 * The context's private schema.
	 * @return the schema, {@code null} without one or while no bean of the context has
	 * used the database
	 */
	PrivateSchema schema() {
		return (this.target != null) ? this.target.decidedSchema() : null;
	}

	/**
	 * The owner of the context's schemas.
	 * @return the owner, {@code null} without schemas
	 */
	SchemaOwner owner() {
		return (this.target != null) ? this.target.decidedOwner() : null;
	}

	/**
	 * Private copies of other databases, for the context's other DataSources.
	 * @return the copies
	 */
	List<PrivateSchema> copies() {
		return this.copies;
	}

	Settings settings() {
		return this.settings;
	}

	/**
	 * What applies to the tests of one context.
	 *
	 * @param mode the isolation mode
	 * @param verifyRollback whether to check after each test class that the schema still
	 * matches its template
	 * @param keepFailed whether to keep the schema of a failed test in
	 * {@link Mode#SCHEMA_PER_TEST}
	 */
	record Settings(Mode mode, boolean verifyRollback, boolean keepFailed) {

	}

}
