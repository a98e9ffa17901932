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
 * Creates and drops the schemas of one JVM on one server. It holds a server-side lock
 * named after each schema it owns on a connection of its own, so that when the JVM dies
 * its locks vanish and the next run can tell the schemas are leftovers.
 */
public final class SchemaOwner implements AutoCloseable {

	private static final Log logger = LogFactory.getLog(SchemaOwner.class);

	private static final String KEPT_MARKER = "dbiso_kept";

	private final DatabaseServer server;

	private final Dialect dialect;

	private final SchemaNames names;

	private final Connection lockConnection;

	private final Map<String, PrivateSchema> owned = new ConcurrentHashMap<>();

	private final Templates templates;

	private final Map<String, SchemaPool> pools = new ConcurrentHashMap<>();

	private final Map<String, Map<String, Long>> templateChecksums = new ConcurrentHashMap<>();

	private SchemaOwner(DatabaseServer server, SchemaNames names, Connection lockConnection) {
		this.server = server;
		this.dialect = server.dialect();
		this.names = names;
		this.lockConnection = lockConnection;
		this.templates = new Templates(server);
	}

	/**
	 * Starts owning schemas on a server, first dropping what crashed runs left there.
	 * @param server the server
	 * @return the owner
	 */
	public static SchemaOwner open(DatabaseServer server) {
		try {
			SchemaOwner owner = new SchemaOwner(server, SchemaNames.forNewRun(), server.connect(""));
			owner.dropLeftovers();
			return owner;
		}
		catch (SQLException ex) {
			throw new DbIsolationException("Could not prepare schema ownership on '" + server + "': " + ex.getMessage()
					+ " (SQLState " + ex.getSQLState() + ", vendor code " + ex.getErrorCode() + ")", ex);
		}
	}

	/**
	 * Creates an empty private schema.
	 * @return the schema, owned until it is destroyed
	 */
	public PrivateSchema create() {
		String name = this.names.next();
		try (Connection connection = this.server.connect("")) {
			synchronized (this.lockConnection) {
				if (!this.dialect.lock(this.lockConnection, name, 0)) {
					throw new DbIsolationException("Could not take the lock for schema '" + name + "' on '"
							+ this.server + "': another session holds it. This should not happen; report it.");
				}
			}
			PrivateSchema schema = new PrivateSchema(name, this);
			this.owned.put(name, schema);
			this.dialect.createSchema(connection, name);
			return schema;
		}
		catch (SQLException ex) {
			release(name);
			if (this.dialect.isAccessDenied(ex)) {
				throw new DbIsolationException("Could not create schema '" + name + "' on '" + this.server
						+ "': the user '" + this.server.username() + "' lacks the CREATE privilege (" + ex.getMessage()
						+ "). Grant it with `GRANT ALL ON `dbiso\\_%`.* TO '" + this.server.username()
						+ "'@'%'`, or use @DbIsolation(mode = TRANSACTION), which needs no new schemas.", ex);
			}
			throw failure("Could not create schema '" + name + "' on", ex);
		}
	}

	/**
	 * Finds or builds the template for a source.
	 * @param source what fills the template
	 * @return the complete template
	 */
	public Template template(TemplateSource source) {
		return this.templates.ensure(source);
	}

	void restore(Template template, String target) {
		try (Connection connection = this.server.connect("")) {
			this.dialect.restore(connection, template.snapshot(), target);
		}
		catch (SQLException ex) {
			throw failure("Could not clone template '" + template.name() + "' into '" + target + "' on", ex);
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
		try (Connection connection = this.server.connect("")) {
			if (!this.dialect.structure(connection, name).equals(templateStructure)) {
				return false;
			}
			List<String> changed = changedTables(connection, template, name);
			// measured on MariaDB: refilling a table costs about a tenth of a clone, so
			// past two thirds of the tables a fresh clone (made in the background) is
			// cheaper
			if (changed.size() * 3 > template.snapshot().tableNames().size() * 2) {
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
			throw failure("Could not read the structure of '" + schema + "' on", ex);
		}
	}

	/**
	 * Keeps a schema after this JVM ends, for inspection: it is no longer owned, and a
	 * marker table tells later runs it is not a leftover.
	 * @param schema the schema to keep
	 * @return how to connect to it
	 */
	public String keep(PrivateSchema schema) {
		try (Connection connection = this.server.connect(schema.name());
				java.sql.Statement statement = connection.createStatement()) {
			statement.execute("CREATE TABLE " + this.dialect.quote(KEPT_MARKER) + " (kept_at TIMESTAMP)");
		}
		catch (SQLException ex) {
			throw failure("Could not keep schema '" + schema.name() + "' on", ex);
		}
		schema.disown();
		release(schema.name());
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
		try (Connection connection = this.server.connect("")) {
			this.dialect.dropSchema(connection, name);
		}
		catch (SQLException ex) {
			logger.warn("Could not drop schema '" + name + "' on '" + this.server + "': " + ex.getMessage()
					+ "; the next run will drop it as a leftover");
		}
		release(name);
	}

	/**
	 * The schemas this owner holds now.
	 * @return the names of the schemas created and not yet dropped
	 */
	public Set<String> owned() {
		return Set.copyOf(this.owned.keySet());
	}

	public DatabaseServer server() {
		return this.server;
	}

	/**
	 * Drops every schema still owned and lets go of the server.
	 */
	@Override
	public void close() {
		this.pools.values().forEach(SchemaPool::close);
		for (PrivateSchema schema : List.copyOf(this.owned.values())) {
			schema.destroy();
		}
		try {
			synchronized (this.lockConnection) {
				this.lockConnection.close();
			}
		}
		catch (SQLException ignored) {
			// closing ends the session, which is all that is needed; the server frees its
			// locks either way
		}
	}

	private void release(String name) {
		if (this.owned.remove(name) != null) {
			try {
				synchronized (this.lockConnection) {
					this.dialect.unlock(this.lockConnection, name);
				}
			}
			catch (SQLException ex) {
				logger.debug("Could not release the lock of schema '" + name + "'", ex);
			}
		}
	}

	private void dropLeftovers() throws SQLException {
		try (Connection connection = this.server.connect("")) {
			List<String> candidates = this.dialect.schemasStartingWith(connection, SchemaNames.PREFIX);
			for (String name : candidates) {
				if (SchemaNames.isPrivate(name) && !this.owned.containsKey(name) && !isKept(name)
						&& this.dialect.lock(this.lockConnection, name, 0)) {
					try {
						this.dialect.dropSchema(connection, name);
						logger.info("Dropped schema '" + name + "' on '" + this.server
								+ "', left behind by a run that ended without cleaning up");
					}
					finally {
						this.dialect.unlock(this.lockConnection, name);
					}
				}
			}
		}
	}

	private boolean isKept(String name) throws SQLException {
		try (Connection schema = this.server.connect(name)) {
			return schema.getMetaData().getTables(name, null, KEPT_MARKER, null).next();
		}
	}

	private DbIsolationException failure(String what, SQLException ex) {
		return new DbIsolationException(what + " '" + this.server + "': " + ex.getMessage() + " (SQLState "
				+ ex.getSQLState() + ", vendor code " + ex.getErrorCode() + ")", ex);
	}

}
