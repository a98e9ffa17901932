package io.dbisolation.shop;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.dbisolation.test.DbIsolation;
import io.dbisolation.test.DbIsolation.Mode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@code TRANSACTION} mode: the configured database as it is, each test rolled back, its
 * schema changes and failed statements included. The configured database is migrated for
 * real, so this class runs on the embedded server only (its shared database 'shop'), not
 * on a server whose {@code postgres} database the build points at.
 */
@SpringBootTest
@DbIsolation(mode = Mode.TRANSACTION)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@DisabledIfSystemProperty(named = "spring.datasource.url", matches = ".+",
		disabledReason = "TRANSACTION mode would migrate the configured database itself")
class TransactionModeIntegrationTests {

	private static final String COLUMN_EXISTS = "SELECT count(*) FROM information_schema.columns "
			+ "WHERE table_name = 'orders' AND column_name = 'gift_note'";

	@Autowired
	private Accounts accounts;

	@Autowired
	private Orders orders;

	@Autowired
	private JdbcClient jdbc;

	/**
	 * Orders and accounts before the first test: the shared database keeps what others
	 * committed.
	 */
	private static int ordersBefore;

	private static int accountsBefore;

	@Test
	@Order(1)
	void aTestWritesChangesTheSchemaAndSurvivesAFailedStatement() {
		ordersBefore = this.orders.count();
		accountsBefore = this.accounts.count();
		this.orders.place(1, 250);
		this.jdbc.sql("ALTER TABLE orders ADD COLUMN gift_note TEXT").update();
		assertThatExceptionOfType(DuplicateKeyException.class)
			.isThrownBy(() -> this.accounts.register("ada@example.com", "again"));
		this.accounts.register("edsger-" + System.nanoTime() + "@example.com", "dijkstra");
		assertThat(this.orders.count()).isEqualTo(ordersBefore + 1);
		assertThat(this.accounts.count()).isEqualTo(accountsBefore + 1);
		assertThat(this.jdbc.sql(COLUMN_EXISTS).query(Integer.class).single()).isEqualTo(1);
	}

	@Test
	@Order(2)
	void theNextTestFindsTheDatabaseAsItWas() {
		assertThat(this.orders.count()).isEqualTo(ordersBefore);
		assertThat(this.accounts.count()).isEqualTo(accountsBefore);
		assertThat(this.jdbc.sql(COLUMN_EXISTS).query(Integer.class).single()).isZero();
	}

}
