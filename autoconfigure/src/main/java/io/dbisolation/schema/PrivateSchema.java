package io.dbisolation.schema;

import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.springframework.beans.factory.DisposableBean;

import io.dbisolation.report.RunRecorder;
import io.dbisolation.test.DbIsolationException;

/**
 * A schema that DbIsolation created for one Spring test context and drops when the
 * context is closed. While it exists, its owner holds a server-side lock named after it,
 * so no other run mistakes it for a leftover.
 */
public final class PrivateSchema implements DisposableBean {

	private final String name;

	private final SchemaOwner owner;

	private boolean dropped;

	private volatile Template template;

	private final List<Runnable> replacedListeners = new CopyOnWriteArrayList<>();

	PrivateSchema(String name, SchemaOwner owner) {
		this.name = name;
		this.owner = owner;
	}

	public String name() {
		return this.name;
	}

	/**
	 * Recreates a template's content in this (empty) schema.
	 * @param template the template to clone
	 */
	public void cloneFrom(Template template) {
		long started = System.nanoTime();
		this.owner.restore(template, this.name);
		RunRecorder.cloned(this.name, template.name(), started);
		this.template = template;
		replaced();
	}

	/**
	 * Runs an action each time the schema is replaced by a new copy rather than filled in
	 * place (on PostgreSQL, where a copy is a database of its own and the sessions on the
	 * old one end), such as making pools give up their connections.
	 * @param listener the action
	 */
	public void onReplaced(Runnable listener) {
		this.replacedListeners.add(listener);
	}

	private void replaced() {
		if (!this.owner.server().dialect().schemaIsCatalog()) {
			this.replacedListeners.forEach(Runnable::run);
		}
	}

	/**
	 * Gives the schema its template's content again, after something committed in it for
	 * real: it is emptied and cloned anew, keeping its name and its owner's lock.
	 */
	public void restoreTemplate() {
		Template cloned = this.template;
		if (cloned != null) {
			this.owner.reclone(cloned, this.name);
			replaced();
		}
	}

	/**
	 * The tables whose rows differ from the template this schema was cloned from.
	 * @return the names of the changed tables; empty if nothing changed or the schema was
	 * not cloned
	 */
	public List<String> changedTables() {
		if (this.template == null) {
			return List.of();
		}
		try {
			return this.owner.changedTables(this.template, this.name);
		}
		catch (SQLException ex) {
			throw new DbIsolationException("Could not compare schema '" + this.name + "' with template '"
					+ this.template.name() + "': " + ex.getMessage(), ex);
		}
	}

	/**
	 * Fails if this run no longer provably owns the schema (its owner lost the lock and
	 * could not take it back), so that no test runs on a schema another run may drop.
	 * @throws DbIsolationException naming the schema and what to do
	 */
	public void checkOwned() {
		this.owner.checkOwned();
	}

	/**
	 * The template the schema was cloned from.
	 * @return the template, {@code null} if it was not cloned
	 */
	public Template template() {
		return this.template;
	}

	void disown() {
		synchronized (this) {
			this.dropped = true;
		}
	}

	/**
	 * Drops the schema; does nothing if it is dropped already.
	 */
	@Override
	public synchronized void destroy() {
		if (!this.dropped) {
			this.dropped = true;
			this.owner.drop(this.name);
		}
	}

	@Override
	public String toString() {
		return this.name;
	}

}
