package io.dbisolation.shop;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The extensions that the first migration created.
 */
@SpringBootTest(properties = "shop.region=us")
@ShopIsolation
class ExtensionsIntegrationTests {

	@Autowired
	private JdbcClient jdbc;

	@Test
	void bothExtensionsAreInstalled() {
		assertThat(this.jdbc.sql("SELECT extname FROM pg_extension WHERE extname IN ('citext', 'pgcrypto') ORDER BY 1")
			.query(String.class)
			.list()).containsExactly("citext", "pgcrypto");
	}

	@Test
	void citextComparesWithoutCase() {
		assertThat(this.jdbc.sql("SELECT 'Hello'::citext = 'hELLO'::citext").query(Boolean.class).single()).isTrue();
	}

	@Test
	void cryptVerifiesAPassword() {
		assertThat(this.jdbc.sql("SELECT crypt('secret', h) = h FROM (SELECT crypt('secret', gen_salt('bf', 4)) h) s")
			.query(Boolean.class)
			.single()).isTrue();
	}

	@Test
	void randomUuidsDiffer() {
		assertThat(this.jdbc.sql("SELECT gen_random_uuid() <> gen_random_uuid()").query(Boolean.class).single())
			.isTrue();
	}

	@Test
	void digestHashes() {
		assertThat(this.jdbc.sql("SELECT encode(digest('abc', 'sha256'), 'hex')").query(String.class).single())
			.startsWith("ba7816bf");
	}

}
