package io.dbisolation.fault.app;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The application under fault: a DataSource, a JdbcTemplate and the Flyway migrations in
 * {@code db/fault} (a table {@code items} with three seed rows, and a procedure that
 * commits). The child JVMs of the fault-injection tests start it with
 * {@code spring.datasource.url} pointing at a disposable server.
 */
@SpringBootApplication
public class FaultApplication {

	/** The rows the migrations seed into {@code items}. */
	public static final long SEED_ROWS = 3;

}
