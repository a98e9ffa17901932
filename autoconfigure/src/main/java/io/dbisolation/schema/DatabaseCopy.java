package io.dbisolation.schema;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.List;

import io.dbisolation.dialect.Dialect;
import io.dbisolation.dialect.SchemaSnapshot;
import io.dbisolation.server.DatabaseServer;
import io.dbisolation.test.DbIsolationException;

/**
 * A template that copies an existing database of the server, such as the database a
 * second DataSource of the application points at. Its hash covers the database's
 * structure and the checksums of its tables, so a changed database gives a new template.
 */
public final class DatabaseCopy implements TemplateSource {

	private final String database;

	private final String hash;

	private DatabaseCopy(String database, String hash) {
		this.database = database;
		this.hash = hash;
	}

	/**
	 * Describes a database as it is now.
	 * @param server the server it is on
	 * @param database the database to copy
	 * @return the source
	 */
	public static DatabaseCopy of(DatabaseServer server, String database) {
		Dialect dialect = server.dialect();
		try (Connection connection = server.connect("")) {
			SchemaSnapshot snapshot = dialect.capture(connection, database, List.of());
			MessageDigest digest = MessageDigest.getInstance("SHA-256");
			digest.update(
					("copy of " + database + "\n" + server.engineVersion() + "\n").getBytes(StandardCharsets.UTF_8));
			digest.update(dialect.structure(connection, database).getBytes(StandardCharsets.UTF_8));
			digest.update(dialect.checksums(connection, database, snapshot.tableNames())
				.toString()
				.getBytes(StandardCharsets.UTF_8));
			return new DatabaseCopy(database, HexFormat.of().formatHex(digest.digest()).substring(0, 16));
		}
		catch (SQLException ex) {
			throw new DbIsolationException(
					"Could not read database '" + database + "' on '" + server
							+ "' to give a DataSource that points at it a private copy: " + ex.getMessage() + ".",
					"Exclude that DataSource with @DbIsolation(excludeDataSources = ...) to leave it alone.", ex);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@Override
	public String hash() {
		return this.hash;
	}

	@Override
	public void migrate(DatabaseServer server, String schema) {
		try (Connection connection = server.connect("")) {
			server.dialect()
				.restore(connection, server.dialect().capture(connection, this.database, List.of()), schema);
		}
		catch (SQLException ex) {
			throw new DbIsolationException("Could not copy database '" + this.database + "' into '" + schema + "' on '"
					+ server + "': " + ex.getMessage(), ex);
		}
	}

	@Override
	public String description() {
		return "a copy of database '" + this.database + "'";
	}

}
