package io.dbisolation.shop;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import io.dbisolation.test.DbIsolation;
import io.dbisolation.test.DbIsolation.Mode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Each test gets a fresh database of its own, where commits are real: other connections
 * see them and wait for their locks, and the next test starts from the template again,
 * its sequences included.
 */
@SpringBootTest
@DbIsolation(mode = Mode.SCHEMA_PER_TEST)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SchemaPerTestIntegrationTests {

	@Autowired
	private Orders orders;

	@Autowired
	private Accounts accounts;

	@Autowired
	private BackgroundOrders background;

	@Autowired
	private DataSource dataSource;

	@Test
	@Order(1)
	void aCommittedOrderIsSeenByAnotherConnectionAndItsLockHoldsThere() throws SQLException {
		assertThat(this.orders.place(2, 500)).isEqualTo(1003);
		assertThat(this.accounts.register("linus@example.com", "torvalds")).isEqualTo(3);
		try (Connection first = this.dataSource.getConnection(); Connection second = this.dataSource.getConnection()) {
			assertThat(count(second, "SELECT count(*) FROM orders")).isEqualTo(4);
			first.setAutoCommit(false);
			try (Statement statement = first.createStatement()) {
				statement.executeUpdate("UPDATE orders SET status = 'paid' WHERE number = 1003");
			}
			// two real sessions: the second cannot take the row the first holds
			assertThatExceptionOfType(SQLException.class)
				.isThrownBy(() -> count(second, "SELECT id FROM orders WHERE number = 1003 FOR UPDATE NOWAIT"))
				.satisfies((ex) -> assertThat(ex.getSQLState()).isEqualTo("55P03"));
			first.commit();
		}
		assertThat(this.orders.status(1003)).isEqualTo("paid");
	}

	@Test
	@Order(2)
	void theNextTestSeesNothingTheFirstCommitted() {
		assertThat(this.orders.count()).isEqualTo(3);
		assertThat(this.accounts.count()).isEqualTo(2);
	}

	@Test
	@Order(3)
	void sequencesStartAgainWhereTheTemplatesStood() {
		// the first test drew 1003 and account 3 and committed them
		assertThat(this.orders.place(1, 100)).isEqualTo(1003);
		assertThat(this.accounts.register("barbara@example.com", "liskov")).isEqualTo(3);
	}

	@Test
	@Order(4)
	void ordersPlacedInTheBackgroundAndOnAnotherThreadGoToTheTestsDatabase() throws Exception {
		long later = this.background.place(1, 700).get(30, TimeUnit.SECONDS);
		CompletableFuture<Long> other = new CompletableFuture<>();
		Thread thread = new Thread(() -> other.complete(this.orders.place(2, 900)));
		thread.start();
		assertThat(other.get(30, TimeUnit.SECONDS)).isEqualTo(later + 1);
		assertThat(this.orders.count()).isEqualTo(5);
	}

	private static long count(Connection connection, String sql) throws SQLException {
		try (Statement statement = connection.createStatement(); var result = statement.executeQuery(sql)) {
			result.next();
			return result.getLong(1);
		}
	}

}
