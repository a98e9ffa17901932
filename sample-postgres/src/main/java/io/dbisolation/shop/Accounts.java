package io.dbisolation.shop;

import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Accounts, found by e-mail address whatever its case ({@code citext}), with passwords
 * hashed by the database ({@code pgcrypto}).
 */
@Repository
public class Accounts {

	private final JdbcClient jdbc;

	public Accounts(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public long register(String email, String password) {
		return this.jdbc
			.sql("INSERT INTO account (email, password_hash) VALUES (?, crypt(?, gen_salt('bf', 4))) RETURNING id")
			.params(email, password)
			.query(Long.class)
			.single();
	}

	public Optional<Long> authenticate(String email, String password) {
		return this.jdbc
			.sql("SELECT id FROM account WHERE email = ?::citext AND password_hash = crypt(?, password_hash)")
			.params(email, password)
			.query(Long.class)
			.optional();
	}

	public int count() {
		return this.jdbc.sql("SELECT count(*) FROM account").query(Integer.class).single();
	}

	public long totalCents(String email) {
		return this.jdbc.sql("SELECT total_cents FROM account_totals WHERE email = ?::citext")
			.param(email)
			.query(Long.class)
			.optional()
			.orElse(0L);
	}

}
