package io.dbisolation.datasource;

/**
 * Decides where a DataSource goes that points at another database than the test context's
 * private schema, such as a second DataSource for reports.
 */
@FunctionalInterface
public interface OtherDatabases {

	/**
	 * Leaves every other database as it is: its DataSources are rolled back, in a test
	 * transaction of their own, but see the database's real content.
	 */
	OtherDatabases KEEP = (hostAndPort, database) -> null;

	/**
	 * The schema a DataSource on another database is pointed at.
	 * @param hostAndPort where the DataSource's server is
	 * @param database the database the DataSource points at
	 * @return a private schema for it, or {@code null} to keep its own database
	 */
	String schemaFor(String hostAndPort, String database);

}
