package io.dbisolation.fault.extension;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * An application on PostgreSQL whose Flyway migrations in {@code db/extension} create the
 * extensions {@code citext} and {@code pgcrypto} and a table {@code members} that uses
 * both, with two seed rows: what parallel test binaries raced on in the seed story of
 * {@code CREATE EXTENSION}. The child JVMs of the fault-injection tests start it with
 * {@link #PROPERTIES} and {@code spring.datasource.url} pointing at a disposable
 * PostgreSQL.
 */
@SpringBootApplication
public class ExtensionApplication {

	/** The settings that make the module's defaults (MariaDB's migrations) its own. */
	public static final String PROPERTIES = "spring.flyway.locations=classpath:db/extension";

	/** The rows the migrations seed into {@code members}. */
	public static final long SEED_ROWS = 2;

}
