package io.dbisolation.schema;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import io.dbisolation.dialect.Dialect;
import io.dbisolation.server.DatabaseServer;
import io.dbisolation.test.DbIsolationException;

/**
 * Creates and drops the schemas of one JVM on one server. Every schema it creates is
 * first recorded in the registry ({@value SchemaNames#REGISTRY}) and locked on the run's
 * {@link OwnerSession}, so that when the JVM dies its locks vanish, its heartbeat stops,
 * and the next run can tell the schemas are leftovers; a schema the registry does not
 * list is never dropped.
 */
public final class SchemaOwner implements AutoCloseable {

	private static final Log logger = LogFactory.getLog(SchemaOwner.class);

	private final DatabaseServer server;

	private final Dialect dialect;

	private final SchemaNames names;

	private final OwnerSession session;

	private final Map<String, PrivateSchema> owned = new ConcurrentHashMap<>();

	private final Templates templates;

	private final ConnectionSlots connectionSlots;

	private final Map<String, SchemaPool> pools = new ConcurrentHashMap<>();

	private final Map<String, Map<String, Long>> templateChecksums = new ConcurrentHashMap<>();

	private SchemaOwner(DatabaseServer server, SchemaNames names, OwnerSession session) {
		this.server = server;
		this.dialect = server.dialect();
		this.names = names;
		this.session = session;
		this.templates = new Templates(server, session);
		this.connectionSlots = new ConnectionSlots(server, session);
	}

	/**
	 * Starts owning schemas on a server, first dropping what crashed runs left there.
	 * @param server the server
	 * @return the owner
	 */
	public static SchemaOwner open(DatabaseServer server) {
		SchemaNames names = SchemaNames.forNewRun();
		OwnerSession session = null;
		try {
			session = OwnerSession.open(server, names.runId());
			Leftovers.drop(server, session);
			return new SchemaOwner(server, names, session);
		}
		catch (SQLException ex) {
			if (session != null) {
				session.close();
			}
			throw Failures.of(server, "Could not prepare schema ownership on", ex);
		}
		catch (RuntimeException ex) {
			if (session != null) {
				session.close();
			}
			throw ex;
		}
	}

	/**
	 * Creates an empty private schema: recorded in the registry and locked before it is
	 * created.
	 * @return the schema, owned until it is destroyed
	 */
	public PrivateSchema create() {
		this.session.checkNotBroken();
		String name = this.names.next();
		if (this.session.registryProblem().isPresent()) {
			throw Failures.noPrivilege(this.server, name, this.session.account(), this.session.registryProblem().get());
		}
		try (Connection connection = this.server.connect("")) {
			if (!this.session.own(name)) {
				throw new DbIsolationException("Could not take the lock for schema '" + name + "' on '" + this.server
						+ "': another session holds it.", "This should not happen; report it.", null);
			}
			PrivateSchema schema = new PrivateSchema(name, this);
			this.owned.put(name, schema);
			register(name, OwnerSession.PRIVATE);
			this.dialect.createSchema(connection, name);
			return schema;
		}
		catch (SQLException ex) {
			forget(name);
			if (this.dialect.isAccessDenied(ex)) {
				throw Failures.noPrivilege(this.server, name, this.session.account(), ex);
			}
			throw Failures.of(this.server, "Could not create schema '" + name + "' on", ex);
		}
	}

	/**
	 * Finds or builds the template for a source.
	 * @param source what fills the template
	 * @return the complete template
	 */
	public Template template(TemplateSource source) {
		return template(source, TemplateRetention.DEFAULT);
	}

	/**
	 * Finds or builds the template for a source of an application, the first time also
	 * dropping templates that no run uses any more.
	 * @param source what fills the template
	 * @param retention the application and how long and how many of its templates are
	 * kept
	 * @return the complete template
	 */
	public Template template(TemplateSource source, TemplateRetention retention) {
		return this.templates.ensure(source, retention);
	}

	String templateName(TemplateSource source) {
		return this.templates.nameOf(source);
	}

	void restore(Template template, String target) {
		try (Connection connection = this.server.connect("")) {
			this.dialect.restore(connection, template.snapshot(), target);
		}
		catch (SQLException ex) {
			throw Failures.of(this.server,
					"Could not clone template '" + template.name() + "' into '" + target + "' on", ex);
		}
	}

	/**
	 * Empties a schema this owner holds and clones the template into it again; its name,
	 * lock and registry entry stay.
	 * @param template the template
	 * @param name the schema
	 */
	void reclone(Template template, String name) {
		try (Connection connection = this.server.connect("")) {
			this.dialect.dropSchema(connection, name);
			this.dialect.createSchema(connection, name);
			this.dialect.restore(connection, template.snapshot(), name);
		}
		catch (SQLException ex) {
			throw Failures.of(this.server, "Could not clone template '" + template.name() + "' again into '" + name
					+ "', after a test committed in it, on", ex);
		}
	}

	/**
	 * The warm pool of clones of a template, for tests that each need a fresh schema.
	 * @param template the template
	 * @return the pool, created on first use
	 */
	public SchemaPool pool(Template template) {
		return this.pools.computeIfAbsent(template.name(), (name) -> new SchemaPool(this, template));
	}

	/**
	 * Gives a used clone back its template's content, emptying and refilling only the
	 * tables whose rows changed.
	 * @param template the template it was cloned from
	 * @param name the clone
	 * @param templateStructure the template's structure, see {@link Dialect#structure}
	 * @return {@code false} if its structure changed, so that it cannot be recycled
	 */
	boolean recycle(Template template, String name, String templateStructure) {
		// where a schema is a database of its own, one session on it does it all
		try (Connection connection = this.server.connect(this.dialect.schemaIsCatalog() ? "" : name)) {
			if (!this.dialect.structure(connection, name).equals(templateStructure)) {
				return false;
			}
			List<String> changed = changedTables(connection, template, name);
			// a fresh clone is made in the background
			if (!this.dialect.refillCheaperThanClone(changed.size(), template.snapshot().tableNames().size())) {
				return false;
			}
			this.dialect.restoreRows(connection, template.snapshot(), name, changed);
			return true;
		}
		catch (SQLException ex) {
			logger.debug("Could not recycle schema '" + name + "'", ex);
			return false;
		}
	}

	String structure(String schema) {
		try (Connection connection = this.server.connect("")) {
			return this.dialect.structure(connection, schema);
		}
		catch (SQLException ex) {
			throw Failures.of(this.server, "Could not read the structure of '" + schema + "' on", ex);
		}
	}

	/**
	 * Keeps a schema after this JVM ends, for inspection: it is no longer owned, and the
	 * registry tells later runs it is not a leftover.
	 * @param schema the schema to keep
	 * @return how to connect to it
	 */
	public String keep(PrivateSchema schema) {
		try {
			register(schema.name(), OwnerSession.KEPT);
		}
		catch (SQLException ex) {
			throw Failures.of(this.server, "Could not keep schema '" + schema.name() + "' on", ex);
		}
		schema.disown();
		this.owned.remove(schema.name());
		this.session.unlock(schema.name());
		return this.server.url(schema.name()).toSafeString();
	}

	/**
	 * The tables whose rows differ between a template and a schema cloned from it.
	 * @param template the template
	 * @param name the clone
	 * @return the names of the tables that differ
	 * @throws SQLException on failure
	 */
	List<String> changedTables(Template template, String name) throws SQLException {
		try (Connection connection = this.server.connect("")) {
			return changedTables(connection, template, name);
		}
	}

	private List<String> changedTables(Connection connection, Template template, String name) throws SQLException {
		List<String> tables = template.snapshot().tableNames();
		Map<String, Long> expected = this.templateChecksums.get(template.name());
		if (expected == null) {
			// a complete template never changes
			expected = this.dialect.checksums(connection, template.name(), tables);
			this.templateChecksums.put(template.name(), expected);
		}
		Map<String, Long> actual = this.dialect.checksums(connection, name, tables);
		Map<String, Long> reference = expected;
		return tables.stream().filter((table) -> !Objects.equals(reference.get(table), actual.get(table))).toList();
	}

	void drop(String name) {
		if (!this.owned.containsKey(name)) {
			return;
		}
		if (!this.session.holds(name)) {
			// its lock was lost and could not be taken back: it may be another run's now
			logger.warn("Left schema '" + name + "' on '" + this.server + "' alone: this run no longer owns it");
			this.owned.remove(name);
			return;
		}
		try (Connection connection = this.server.connect("")) {
			this.dialect.dropSchema(connection, name);
			forget(name);
		}
		catch (SQLException ex) {
			logger.warn("Could not drop schema '" + name + "' on '" + this.server + "': " + ex.getMessage()
					+ "; a later run will drop it as a leftover");
			this.owned.remove(name);
			this.session.unlock(name);
		}
	}

	/**
	 * Fails if this run no longer provably owns its schemas: its lock session was lost
	 * and a lock could not be taken back.
	 */
	void checkOwned() {
		this.session.checkNotBroken();
	}

	/**
	 * The schemas this owner holds now.
	 * @return the names of the schemas created and not yet dropped
	 */
	public Set<String> owned() {
		return Set.copyOf(this.owned.keySet());
	}

	/**
	 * The server's connection budget, shared with every other run that uses it.
	 * @return the slots
	 */
	public ConnectionSlots connectionSlots() {
		return this.connectionSlots;
	}

	public DatabaseServer server() {
		return this.server;
	}

	OwnerSession session() {
		return this.session;
	}

	/**
	 * Drops every schema still owned, then what crashed runs left, and lets go of the
	 * server.
	 */
	@Override
	public void close() {
		try {
			this.pools.values().forEach(SchemaPool::close);
			for (PrivateSchema schema : List.copyOf(this.owned.values())) {
				schema.destroy();
			}
			Leftovers.drop(this.server, this.session);
		}
		catch (SQLException | RuntimeException ex) {
			logger.debug("Could not drop the leftovers of other runs on '" + this.server + "'", ex);
		}
		finally {
			this.session.close();
		}
	}

	private void register(String name, String kind) throws SQLException {
		this.session.call((connection) -> {
			this.dialect.register(connection, SchemaNames.REGISTRY, name, this.session.runId(), kind);
			return null;
		});
	}

	/**
	 * Removes a schema that no longer exists (or never was created) from the registry,
	 * then releases its lock.
	 */
	private void forget(String name) {
		if (this.owned.remove(name) == null) {
			return;
		}
		try {
			this.session.call((connection) -> {
				this.dialect.unregister(connection, SchemaNames.REGISTRY, name);
				return null;
			});
		}
		catch (SQLException ex) {
			logger.debug("Could not remove schema '" + name + "' from the registry", ex);
		}
		finally {
			this.session.unlock(name);
		}
	}

}
