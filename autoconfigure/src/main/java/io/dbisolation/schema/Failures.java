package io.dbisolation.schema;

import java.sql.SQLException;

import io.dbisolation.server.DatabaseServer;
import io.dbisolation.test.DbIsolationException;

/**
 * The messages of failures to own schemas that users can cause and fix: a server that
 * accepts no more connections, a user who may not create schemas.
 */
final class Failures {

	private Failures() {
	}

	/**
	 * A failure of something done on a server.
	 * @param server the server
	 * @param what what failed, ending in "on", as in "Could not create schema 'x' on"
	 * @param ex the cause
	 * @return the exception to throw
	 */
	static DbIsolationException of(DatabaseServer server, String what, SQLException ex) {
		if (server.dialect().isTooManyConnections(ex)) {
			return new DbIsolationException(
					what + " '" + server + "': the server accepts no more connections (" + ex.getMessage()
							+ "; SQLState " + ex.getSQLState() + ", vendor code " + ex.getErrorCode()
							+ "), its max_connections is " + server.maxConnections() + ".",
					"Lower 'dbisolation.connection-budget' (how many connections test contexts may hold on the "
							+ "server, its max_connections less 10 by default), stop what else holds connections, or "
							+ "raise the server's max_connections.",
					ex);
		}
		return new DbIsolationException(what + " '" + server + "': " + ex.getMessage() + " (SQLState "
				+ ex.getSQLState() + ", vendor code " + ex.getErrorCode() + ")", ex);
	}

	/**
	 * A schema that could not be created for want of a privilege.
	 * @param server the server
	 * @param schema the schema
	 * @param account the account the server knows the user as, {@code 'user'@'host'}
	 * @param ex the cause
	 * @return the exception to throw
	 */
	static DbIsolationException noPrivilege(DatabaseServer server, String schema, String account, SQLException ex) {
		int at = account.lastIndexOf('@');
		String user = (at > 0) ? account.substring(0, at) : account;
		// on PostgreSQL, a schema is a database, and the registry a schema of the
		// maintenance database
		String grant = server.dialect().schemaIsCatalog()
				? "GRANT ALL ON `" + SchemaNames.PREFIX.replace("_", "\\_") + "%`.* TO " + account
				: "ALTER ROLE " + account + " CREATEDB; GRANT CREATE ON DATABASE postgres TO " + account;
		return new DbIsolationException(
				"Could not create schema '" + schema + "' on '" + server + "': the user " + user
						+ " lacks the CREATE privilege (" + ex.getMessage() + ").",
				"Grant it with `" + grant + "`, or use @DbIsolation(mode = TRANSACTION), which needs no new schemas.",
				ex);
	}

}
