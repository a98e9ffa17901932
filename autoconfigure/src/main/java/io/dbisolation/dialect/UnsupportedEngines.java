package io.dbisolation.dialect;

import java.util.Map;

import io.dbisolation.test.DbIsolationException;

/**
 * The engines users commonly point DbIsolation at that it cannot isolate, by the names
 * their JDBC URLs and drivers use, and the message that says so.
 */
final class UnsupportedEngines {

	/** By the JDBC subprotocol, as in {@code jdbc:h2:mem:test}. */
	private static final Map<String, String> BY_SUBPROTOCOL = Map.of("h2", "H2", "hsqldb", "HSQLDB", "derby", "Derby",
			"sqlserver", "SQL Server", "jtds", "SQL Server", "oracle", "Oracle", "db2", "Db2", "sqlite", "SQLite");

	/** By {@code DatabaseMetaData.getDatabaseProductName()}. */
	private static final Map<String, String> BY_PRODUCT_NAME = Map.of("h2", "H2", "hsql database engine", "HSQLDB",
			"apache derby", "Derby", "microsoft sql server", "SQL Server", "oracle", "Oracle", "sqlite", "SQLite");

	private UnsupportedEngines() {
	}

	/**
	 * The engine a JDBC URL names, if it is one DbIsolation knows it cannot support.
	 * @param url the URL
	 * @return the engine's name, or {@code null}
	 */
	static String fromUrl(String url) {
		String text = url.trim().toLowerCase();
		if (!text.startsWith("jdbc:")) {
			return null;
		}
		int end = text.indexOf(':', "jdbc:".length());
		return (end < 0) ? null : BY_SUBPROTOCOL.get(text.substring("jdbc:".length(), end));
	}

	/**
	 * The engine a driver reports, if it is one DbIsolation knows it cannot support.
	 * @param productName the product name from the connection's metadata
	 * @return the engine's name, or {@code null}
	 */
	static String fromProductName(String productName) {
		String name = productName.toLowerCase();
		return name.startsWith("db2") ? "Db2" : BY_PRODUCT_NAME.get(name);
	}

	static DbIsolationException failure(String engine) {
		return new DbIsolationException(engine + " is not supported: DbIsolation needs MySQL, MariaDB or PostgreSQL.",
				"Point 'spring.datasource.url' at a MySQL, MariaDB or PostgreSQL server, or remove it to use the embedded server.",
				null);
	}

}
