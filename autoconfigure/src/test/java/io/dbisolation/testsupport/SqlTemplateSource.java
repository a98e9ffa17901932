package io.dbisolation.testsupport;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import io.dbisolation.schema.TemplateSource;
import io.dbisolation.server.DatabaseServer;

/**
 * A template source that runs SQL statements, with a hash of its own so that each test
 * builds its own template.
 */
public final class SqlTemplateSource implements TemplateSource {

	private final String hash = HexFormat.of().formatHex(new SecureRandom().generateSeed(8));

	private final List<String> statements;

	private final AtomicInteger migrations = new AtomicInteger();

	public SqlTemplateSource(String... statements) {
		this.statements = List.of(statements);
	}

	@Override
	public String hash() {
		return this.hash;
	}

	@Override
	public void migrate(DatabaseServer server, String schema) {
		this.migrations.incrementAndGet();
		try (Connection connection = server.connect(schema); Statement statement = connection.createStatement()) {
			for (String sql : this.statements) {
				statement.execute(sql);
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Migration failed: " + ex.getMessage(), ex);
		}
	}

	@Override
	public String description() {
		return this.statements.size() + " SQL statements";
	}

	/**
	 * How often {@link #migrate} ran.
	 * @return the number of migrations run
	 */
	public int migrations() {
		return this.migrations.get();
	}

}
