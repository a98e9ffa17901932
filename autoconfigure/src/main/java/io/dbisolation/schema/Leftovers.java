package io.dbisolation.schema;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import io.dbisolation.dialect.Dialect;
import io.dbisolation.server.DatabaseServer;

/**
 * Drops the private schemas of runs that ended without cleaning up. A schema is a
 * leftover only if the registry says DbIsolation created it as a private schema, its run
 * has been silent for {@value OwnerSession#SILENT_RUN_SECONDS} s, and its lock can be
 * taken: the lock comes before anything is read from or done to it, and one that vanished
 * meanwhile (another run swept it) is skipped quietly.
 */
final class Leftovers {

	private static final Log logger = LogFactory.getLog(Leftovers.class);

	private Leftovers() {
	}

	static void drop(DatabaseServer server, OwnerSession session) throws SQLException {
		if (session.registryProblem().isPresent()) {
			return;
		}
		Dialect dialect = server.dialect();
		forgetMissing(dialect, session);
		List<String> candidates = session.call((connection) -> dialect.schemasOfSilentRuns(connection,
				SchemaNames.REGISTRY, OwnerSession.PRIVATE, OwnerSession.SILENT_RUN_SECONDS));
		if (candidates.isEmpty()) {
			return;
		}
		try (Connection connection = server.connect("")) {
			for (String name : candidates) {
				// the registry is only a list of names: never drop one that is not ours
				if (SchemaNames.isPrivate(name) && session.lockBriefly(name)) {
					try {
						dropLocked(server, session, connection, name);
					}
					finally {
						session.unlock(name);
					}
				}
			}
		}
	}

	/**
	 * Removes the registry rows of schemas that are gone (dropped by hand, or by a run
	 * that died before it could remove the row), under their locks so that a schema being
	 * created is not mistaken for one.
	 */
	private static void forgetMissing(Dialect dialect, OwnerSession session) throws SQLException {
		List<String> missing = session.call((connection) -> dialect.missingSchemasOfSilentRuns(connection,
				SchemaNames.REGISTRY, OwnerSession.SILENT_RUN_SECONDS));
		for (String name : missing) {
			if (session.lockBriefly(name)) {
				try {
					session.call((connection) -> {
						if (!dialect.schemaExists(connection, name)) {
							dialect.unregister(connection, SchemaNames.REGISTRY, name);
						}
						return null;
					});
				}
				finally {
					session.unlock(name);
				}
			}
		}
	}

	private static void dropLocked(DatabaseServer server, OwnerSession session, Connection connection, String name)
			throws SQLException {
		Dialect dialect = server.dialect();
		// read under the lock: a run that lost its connection takes it back before it
		// may use the schema, and finds it gone
		boolean stillLeftover = session.call((registry) -> dialect.registeredKind(registry, SchemaNames.REGISTRY, name))
			.filter(OwnerSession.PRIVATE::equals)
			.isPresent();
		if (!stillLeftover) {
			return;
		}
		if (dialect.schemaExists(connection, name)) {
			dialect.dropSchema(connection, name);
			logger.info("Dropped schema '" + name + "' on '" + server
					+ "', left behind by a run that ended without cleaning up");
		}
		session.call((registry) -> {
			dialect.unregister(registry, SchemaNames.REGISTRY, name);
			return null;
		});
	}

}
