package io.dbisolation.schema;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import io.dbisolation.dialect.Dialect;
import io.dbisolation.server.DatabaseServer;

/**
 * Drops templates that no run needs any more: unused for longer than the retention's
 * maximum age, or beyond the newest few of their application. A template is dropped only
 * if the registry says DbIsolation created it as a template, its lock (the one it is
 * built under) can be taken, and, under that lock, no run uses it: no use lock is held
 * and no run that used it was seen recently. A run records its use under the same lock,
 * so a template is never dropped between a run finding it and starting to use it.
 */
final class UnusedTemplates {

	private static final Log logger = LogFactory.getLog(UnusedTemplates.class);

	private UnusedTemplates() {
	}

	static void drop(DatabaseServer server, OwnerSession session, TemplateRetention retention) throws SQLException {
		if (session.registryProblem().isPresent()) {
			return;
		}
		Dialect dialect = server.dialect();
		List<String> candidates = session.call((connection) -> {
			dialect.forgetGoneTemplateUsers(connection, SchemaNames.REGISTRY);
			return unused(dialect, connection, retention);
		});
		if (candidates.isEmpty()) {
			return;
		}
		try (Connection connection = server.connect("")) {
			for (String name : candidates) {
				// the registry is only a list of names: never drop one that is not ours
				if (SchemaNames.isTemplate(name) && session.lockBriefly(name)) {
					try {
						dropLocked(server, session, connection, name, retention);
					}
					finally {
						session.unlock(name);
					}
				}
			}
		}
	}

	private static void dropLocked(DatabaseServer server, OwnerSession session, Connection connection, String name,
			TemplateRetention retention) throws SQLException {
		Dialect dialect = server.dialect();
		// read again under the lock: a run may have started using it meanwhile
		boolean stillUnused = session.call((registry) -> unused(dialect, registry, retention).contains(name)
				&& !dialect.templateInUse(registry, SchemaNames.REGISTRY, name, OwnerSession.SILENT_RUN_SECONDS));
		if (!stillUnused) {
			return;
		}
		if (dialect.schemaExists(connection, name)) {
			dialect.dropSchema(connection, name);
			logger.info("Dropped template '" + name + "' on '" + server + "', which no run uses: unused for longer "
					+ "than " + describe(retention.maxAge())
					+ " ('dbisolation.templates.max-age'), or older than the newest " + retention.maxPerApplication()
					+ " templates of its application" + " ('dbisolation.templates.max-per-application')");
		}
		session.call((registry) -> {
			dialect.forgetTemplate(registry, SchemaNames.REGISTRY, name);
			dialect.unregister(registry, SchemaNames.REGISTRY, name);
			return null;
		});
	}

	private static String describe(Duration age) {
		return (age.toSeconds() % 86400 == 0) ? age.toDays() + " days" : age.toString().substring(2).toLowerCase();
	}

	private static List<String> unused(Dialect dialect, Connection connection, TemplateRetention retention)
			throws SQLException {
		return dialect.unusedTemplates(connection, SchemaNames.REGISTRY, OwnerSession.TEMPLATE, retention.application(),
				retention.maxAge().toSeconds(), retention.maxPerApplication());
	}

}
