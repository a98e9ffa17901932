package io.dbisolation.schema;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import io.dbisolation.dialect.Dialect;
import io.dbisolation.report.RunRecorder;
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

	/**
	 * The version of how DbIsolation captures and clones templates; raise it when a
	 * change makes older templates unfit. Part of every template's name.
	 */
	static final String CLONE_FORMAT = "3";

	private final Map<String, Template> built = new ConcurrentHashMap<>();

	private final Set<String> collected = ConcurrentHashMap.newKeySet();

	private volatile String schemaDefaults;

	Templates(DatabaseServer server, OwnerSession session) {
		this.server = server;
		this.session = session;
	}

	Template ensure(TemplateSource source, TemplateRetention retention) {
		String name = nameOf(source);
		Template template = this.built.computeIfAbsent(name, (key) -> build(key, source, retention));
		if (this.collected.add(retention.application())) {
			// after this run's use is recorded, so the template it uses counts as newest
			try {
				UnusedTemplates.drop(this.server, this.session, retention);
			}
			catch (SQLException | RuntimeException ex) {
				logger.warn("Could not drop unused templates on '" + this.server + "': " + ex.getMessage());
			}
		}
		return template;
	}

	/**
	 * The name of a source's template: a hash of what the source builds, of the server's
	 * settings that shape schemas, and of how DbIsolation clones them.
	 */
	String nameOf(TemplateSource source) {
		String defaults = this.schemaDefaults;
		if (defaults == null) {
			try (Connection connection = this.server.connect("")) {
				defaults = this.server.dialect().schemaDefaults(connection);
			}
			catch (SQLException ex) {
				throw Failures.of(this.server, "Could not read the schema settings of", ex);
			}
			this.schemaDefaults = defaults;
		}
		try {
			MessageDigest digest = MessageDigest.getInstance("SHA-256");
			digest.update(("source=" + source.hash() + "\nserver=" + defaults + "\nclone-format=" + CLONE_FORMAT)
				.getBytes(StandardCharsets.UTF_8));
			return SchemaNames.template(HexFormat.of().formatHex(digest.digest()).substring(0, 16));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private Template build(String name, TemplateSource source, TemplateRetention retention) {
		long started = System.nanoTime();
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
				recordUse(name, retention);
				Template template = new Template(name, dialect.capture(connection, name, List.of(COMPLETE_MARKER)),
						migrate);
				RunRecorder.template(name, migrate, source.description(), started);
				return template;
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

	/**
	 * Holds the template's use lock for the rest of the run and records the use, under
	 * the template's lock, so that no run drops it while this one clones from it.
	 */
	private void recordUse(String name, TemplateRetention retention) throws SQLException {
		if (this.session.registryProblem().isPresent()) {
			return;
		}
		String lock = SchemaNames.templateUse(name, this.session.runId());
		this.session.own(lock);
		this.session.call((connection) -> {
			this.server.dialect()
				.recordTemplateUse(connection, SchemaNames.REGISTRY, name, retention.application(),
						this.session.runId(), lock);
			return null;
		});
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
