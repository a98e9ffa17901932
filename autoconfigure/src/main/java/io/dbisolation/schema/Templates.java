package io.dbisolation.schema;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import io.dbisolation.dialect.Dialect;
import io.dbisolation.server.DatabaseServer;
import io.dbisolation.test.DbIsolationException;

/**
 * The templates of one server, built at most once per JVM and reused by every context.
 */
final class Templates {

	private static final Log logger = LogFactory.getLog(Templates.class);

	private static final String COMPLETE_MARKER = "dbiso_template_complete";

	private static final int BUILD_WAIT_SECONDS = 600;

	private final DatabaseServer server;

	private final OwnerSession session;

	private final Map<String, Template> built = new ConcurrentHashMap<>();

	Templates(DatabaseServer server, OwnerSession session) {
		this.server = server;
		this.session = session;
	}

	Template ensure(TemplateSource source) {
		String name = SchemaNames.template(source.hash());
		return this.built.computeIfAbsent(name, (key) -> build(key, source));
	}

	private Template build(String name, TemplateSource source) {
		Dialect dialect = this.server.dialect();
		try (Connection connection = this.server.connect("")) {
			if (!dialect.lock(connection, name, BUILD_WAIT_SECONDS)) {
				throw new DbIsolationException(
						"Timed out after " + BUILD_WAIT_SECONDS + " s waiting for another run to finish building "
								+ "template '" + name + "' on '" + this.server + "'.",
						"If no other run is building it, drop it and try again.", null);
			}
			try {
				boolean migrate = !isComplete(connection, name);
				boolean registered = dialect.registeredKind(connection, SchemaNames.REGISTRY, name).isPresent();
				if (migrate) {
					if (!registered && dialect.schemaExists(connection, name)) {
						throw new DbIsolationException("Schema '" + name + "' on '" + this.server
								+ "' has the name of a DbIsolation template, but DbIsolation has no record of creating "
								+ "it (an older version may have left it half-built), so it is left alone.",
								"Drop it with DROP DATABASE `" + name + "` and rerun the tests.", null);
					}
					logger
						.info("Building template '" + name + "' on '" + this.server + "' from " + source.description());
					register(connection, name);
					dialect.dropSchema(connection, name);
					dialect.createSchema(connection, name);
					migrateOrDrop(connection, source, name);
					try (Connection template = this.server.connect(name);
							java.sql.Statement statement = template.createStatement()) {
						statement
							.execute("CREATE TABLE " + dialect.quote(COMPLETE_MARKER) + " (completed_at TIMESTAMP)");
					}
				}
				else {
					logger.info("Using template '" + name + "' on '" + this.server + "', built earlier from "
							+ source.description() + ": nothing to migrate");
					if (!registered) {
						// complete, so ours: built by a version that kept no registry
						register(connection, name);
					}
				}
				return new Template(name, dialect.capture(connection, name, List.of(COMPLETE_MARKER)), migrate);
			}
			finally {
				dialect.unlock(connection, name);
			}
		}
		catch (SQLException ex) {
			throw Failures.of(this.server, "Could not build template '" + name + "' on", ex);
		}
	}

	private void migrateOrDrop(Connection connection, TemplateSource source, String name) throws SQLException {
		try {
			source.migrate(this.server, name);
		}
		catch (RuntimeException ex) {
			this.server.dialect().dropSchema(connection, name);
			this.server.dialect().unregister(connection, SchemaNames.REGISTRY, name);
			throw ex;
		}
	}

	private void register(Connection connection, String name) throws SQLException {
		this.server.dialect()
			.register(connection, SchemaNames.REGISTRY, name, this.session.runId(), OwnerSession.TEMPLATE);
	}

	private boolean isComplete(Connection connection, String name) throws SQLException {
		if (!this.server.dialect().schemaExists(connection, name)) {
			return false;
		}
		try (Connection template = this.server.connect(name)) {
			return template.getMetaData().getTables(name, null, COMPLETE_MARKER, null).next();
		}
	}

}
