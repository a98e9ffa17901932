package io.dbisolation.shop;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.dbisolation.test.DbIsolation;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * PostgreSQL's DDL is transactional: a test may change the schema, and the change is
 * rolled back with the test.
 */
@SpringBootTest
@DbIsolation
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SchemaChangeIntegrationTests {

	private static final String COLUMN_EXISTS = "SELECT count(*) FROM information_schema.columns "
			+ "WHERE table_name = 'orders' AND column_name = 'coupon'";

	@Autowired
	private JdbcClient jdbc;

	@Test
	@Order(1)
	void aTestAddsAColumnAndATable() {
		this.jdbc.sql("ALTER TABLE orders ADD COLUMN coupon TEXT").update();
		this.jdbc.sql("CREATE TABLE coupon (code TEXT PRIMARY KEY)").update();
		this.jdbc.sql("INSERT INTO coupon VALUES ('SPRING')").update();
		this.jdbc.sql("UPDATE orders SET coupon = 'SPRING' WHERE number = 1000").update();
		assertThat(this.jdbc.sql(COLUMN_EXISTS).query(Integer.class).single()).isEqualTo(1);
	}

	@Test
	@Order(2)
	void theNextTestSeesTheTemplatesSchema() {
		assertThat(this.jdbc.sql(COLUMN_EXISTS).query(Integer.class).single()).isZero();
		assertThat(this.jdbc.sql("SELECT to_regclass('coupon') IS NULL").query(Boolean.class).single()).isTrue();
	}

	@Test
	@Order(3)
	void theExtensionsOfTheTemplateAreThere() {
		assertThat(this.jdbc
			.sql("SELECT extname FROM pg_extension WHERE extname IN ('citext', 'pgcrypto') " + "ORDER BY extname")
			.query(String.class)
			.list()).containsExactly("citext", "pgcrypto");
		assertThat(this.jdbc.sql("SELECT 'A'::citext = 'a'::citext").query(Boolean.class).single()).isTrue();
	}

}
