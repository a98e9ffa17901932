package io.dbisolation.shop;

import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The payment log, whose rows are written in transactions of their own.
 */
@SpringBootTest(properties = "shop.region=eu")
@ShopIsolation
class PaymentLogIntegrationTests {

	private static final String LATEST = "SELECT account_id, total_cents FROM payment_attempt ORDER BY id DESC LIMIT 1";

	@Autowired
	private PaymentLog log;

	@Autowired
	private JdbcClient jdbc;

	@Test
	void anAttemptIsRecorded() {
		int before = this.log.count();
		this.log.attempt(1, 999);
		assertThat(this.log.count()).isEqualTo(before + 1);
	}

	@Test
	void anAttemptKeepsItsAccountAndTotal() {
		this.log.attempt(2, 777);
		assertThat(this.jdbc.sql(LATEST).query().singleRow())
			.containsExactlyInAnyOrderEntriesOf(Map.of("account_id", 2L, "total_cents", 777));
	}

	@Test
	void anAttemptGetsItsTime() {
		this.log.attempt(1, 10);
		assertThat(this.jdbc.sql("SELECT attempted_at IS NOT NULL FROM payment_attempt ORDER BY id DESC LIMIT 1")
			.query(Boolean.class)
			.single()).isTrue();
	}

	@Test
	void attemptsOfTwoAccounts() {
		int before = this.log.count();
		this.log.attempt(1, 10);
		this.log.attempt(2, 20);
		assertThat(this.log.count()).isEqualTo(before + 2);
	}

	@Test
	void anAttemptForAnUnknownAccountIsRefused() {
		assertThatExceptionOfType(DataIntegrityViolationException.class).isThrownBy(() -> this.log.attempt(99, 10));
	}

}
