package io.dbisolation.shop;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests that change the schema (PostgreSQL's DDL is transactional); the next tests see
 * the template's schema again.
 */
@SpringBootTest(properties = "shop.region=us")
@ShopIsolation
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SchemaChangeIntegrationTests {

	private static final String COUPON_COLUMNS = "SELECT count(*) FROM information_schema.columns "
			+ "WHERE table_name = 'orders' AND column_name = 'coupon'";

	@Autowired
	private JdbcClient jdbc;

	@Test
	@Order(1)
	void aTestAddsAColumnAndATable() {
		this.jdbc.sql("ALTER TABLE orders ADD COLUMN coupon TEXT").update();
		this.jdbc.sql("CREATE TABLE coupon (code TEXT PRIMARY KEY)").update();
		this.jdbc.sql("INSERT INTO coupon VALUES ('SPRING')").update();
		this.jdbc.sql("UPDATE orders SET coupon = 'SPRING' WHERE number = 1002").update();
		assertThat(this.jdbc.sql(COUPON_COLUMNS).query(Integer.class).single()).isEqualTo(1);
	}

	@Test
	@Order(2)
	void theNextTestSeesTheTemplatesSchema() {
		assertThat(this.jdbc.sql(COUPON_COLUMNS).query(Integer.class).single()).isZero();
		assertThat(this.jdbc.sql("SELECT to_regclass('coupon') IS NULL").query(Boolean.class).single()).isTrue();
	}

	@Test
	@Order(3)
	void aTestDropsTheView() {
		this.jdbc.sql("DROP VIEW account_totals").update();
		assertThat(this.jdbc.sql("SELECT to_regclass('account_totals') IS NULL").query(Boolean.class).single())
			.isTrue();
	}

	@Test
	@Order(4)
	void theViewIsBack() {
		assertThat(this.jdbc.sql("SELECT count(*) FROM account_totals").query(Integer.class).single()).isEqualTo(2);
	}

	@Test
	@Order(5)
	void aTestAddsAnIndex() {
		this.jdbc.sql("CREATE INDEX orders_status ON orders (status)").update();
		assertThat(this.jdbc.sql("SELECT count(*) FROM pg_indexes WHERE indexname = 'orders_status'")
			.query(Integer.class)
			.single()).isEqualTo(1);
	}

}
