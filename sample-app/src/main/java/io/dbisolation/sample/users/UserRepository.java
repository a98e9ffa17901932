package io.dbisolation.sample.users;

import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

/**
 * Stores users.
 */
@Repository
public class UserRepository {

	private final JdbcClient jdbc;

	public UserRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Registers a user.
	 * @param name the display name
	 * @param email the e-mail address, which must not be taken
	 * @param hashedPassword the bcrypt hash of the password
	 * @return the new user's id
	 */
	public long insert(String name, String email, String hashedPassword) {
		KeyHolder keys = new GeneratedKeyHolder();
		this.jdbc.sql("INSERT INTO users (name, email, hashed_password) VALUES (?, ?, ?)")
			.params(name, email, hashedPassword)
			.update(keys);
		return keys.getKey().longValue();
	}

	public Optional<User> findByEmail(String email) {
		return this.jdbc.sql("SELECT id, name, email, created FROM users WHERE email = ?")
			.param(email)
			.query(User.class)
			.optional();
	}

	public List<User> findAll() {
		return this.jdbc.sql("SELECT id, name, email, created FROM users ORDER BY id").query(User.class).list();
	}

	public long count() {
		return this.jdbc.sql("SELECT COUNT(*) FROM users").query(Long.class).single();
	}

	public int deleteByEmail(String email) {
		return this.jdbc.sql("DELETE FROM users WHERE email = ?").param(email).update();
	}

}
