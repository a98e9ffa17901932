package io.dbisolation.datasource;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import javax.sql.DataSource;

import io.dbisolation.dialect.Dialect;

/**
 * One running invocation of a {@code SCHEMA_PER_TEST} test and the schema it was given.
 * Each invocation is its own object, so that parallel invocations of one method (a
 * repeated or parameterized test) are told apart. Where a schema is a database reached
 * through the URL (PostgreSQL), the test has connections of its own to it, closed when it
 * ends.
 */
public final class SchemaTest {

	private final String name;

	private final String schema;

	private final Dialect.Connector connector;

	private final Map<DataSource, TestDatabaseConnections> connections = new ConcurrentHashMap<>();

	private volatile boolean ended;

	SchemaTest(String name, String schema, Dialect.Connector connector) {
		this.name = name;
		this.schema = schema;
		this.connector = connector;
	}

	String name() {
		return this.name;
	}

	String schema() {
		return this.schema;
	}

	/**
	 * Whether connections reach the test's schema through their URL, so that the
	 * application's pooled ones cannot be switched to it.
	 * @return {@code true} if the test needs connections of its own
	 */
	boolean reachedByUrl() {
		return this.connector != null;
	}

	/**
	 * A connection to the test's schema with the settings of one of the application's
	 * DataSources, for engines where it is {@link #reachedByUrl() reached by URL}.
	 * @param application the application's DataSource
	 * @return a connection of the test's own
	 * @throws SQLException on failure, or if the test has ended
	 */
	Connection connection(DataSource application) throws SQLException {
		TestDatabaseConnections source = this.connections.computeIfAbsent(application,
				(dataSource) -> TestDatabaseConnections.of(dataSource, this.schema, this.connector));
		if (this.ended) {
			// the test's connections are being closed
			source.close();
			throw new SQLException(
					"Test '" + this.name + "' has ended: its database '" + this.schema + "' takes no new connections.",
					"25000");
		}
		return source.getConnection();
	}

	boolean isEnded() {
		return this.ended;
	}

	/**
	 * Ends the test: its threads are refused from now on, and its connections of its own
	 * are closed, those in use included.
	 */
	void end() {
		this.ended = true;
		this.connections.values().forEach(TestDatabaseConnections::close);
	}

	@Override
	public String toString() {
		return this.name + " in '" + this.schema + "'";
	}

}
