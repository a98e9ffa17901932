package io.dbisolation.shop;

import java.time.OffsetDateTime;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Queries on accounts that rely on what the migrations made: the unique index, column
 * defaults, the view.
 */
@SpringBootTest
@ShopIsolation
class AccountQueriesIntegrationTests {

	@Autowired
	private Accounts accounts;

	@Autowired
	private JdbcClient jdbc;

	@Test
	void anAccountIsFoundWhateverTheCaseOfItsAddress() {
		assertThat(this.jdbc.sql("SELECT id FROM account WHERE email = 'GRACE@EXAMPLE.COM'").query(Long.class).single())
			.isEqualTo(2);
	}

	@Test
	void aNewAccountGetsItsCreationTime() {
		long id = this.accounts.register("barbara@example.com", "liskov");
		OffsetDateTime created = this.jdbc.sql("SELECT created_at FROM account WHERE id = ?")
			.param(id)
			.query(OffsetDateTime.class)
			.single();
		assertThat(created).isAfter(OffsetDateTime.now().minusHours(1));
	}

	@Test
	void theAddressIsUniquelyIndexed() {
		assertThat(this.jdbc.sql(
				"SELECT count(*) FROM pg_indexes WHERE tablename = 'account' AND indexdef LIKE 'CREATE UNIQUE%(email)'")
			.query(Integer.class)
			.single()).isEqualTo(1);
	}

	@Test
	void aNewAccountHasNoOrders() {
		this.accounts.register("frances@example.com", "allen");
		assertThat(this.accounts.totalCents("frances@example.com")).isZero();
	}

	@Test
	void identitiesContinueAfterTheSeed() {
		assertThat(this.accounts.register("radia@example.com", "perlman")).isGreaterThan(2);
	}

}
