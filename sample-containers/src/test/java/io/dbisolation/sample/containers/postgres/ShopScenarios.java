package io.dbisolation.sample.containers.postgres;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import io.dbisolation.sample.containers.EnabledIfPostgresImage;
import io.dbisolation.shop.Accounts;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every PostgreSQL test class checks, whichever way it declares its container: the
 * context works in a private database of the container's server, the container's own
 * database got nothing (the migrations, {@code CREATE EXTENSION} included, ran only into
 * the template), and each test's writes are gone before the next test.
 */
@EnabledIfPostgresImage
abstract class ShopScenarios {

	/** The shop's migrations, V1 to V7. */
	private static final int MIGRATIONS = 7;

	@Autowired
	private JdbcTemplate jdbc;

	@Autowired
	private Accounts accounts;

	/**
	 * A connection to the container's own database, as Testcontainers made it, bypassing
	 * the application and DbIsolation.
	 * @return a new connection
	 * @throws SQLException if the container does not answer
	 */
	abstract Connection connectToTheContainersDatabase() throws SQLException;

	@Test
	void worksInAPrivateDatabaseOfTheContainer() {
		assertThat(this.jdbc.queryForObject("SELECT current_database()", String.class)).startsWith("dbiso_")
			.doesNotStartWith("dbiso_tpl_");
		// the container's server, not the embedded one (14) or 127.0.0.1:5432: version
		// 15,
		// the container's own address behind the mapped port, and the command
		// PostgreSQLContainer gives it
		assertThat(this.jdbc.queryForObject("SHOW server_version_num", Integer.class)).isBetween(150000, 159999);
		assertThat(this.jdbc.queryForObject("SELECT host(inet_server_addr())", String.class)).isNotEqualTo("127.0.0.1");
		assertThat(this.jdbc.queryForObject("SHOW fsync", String.class)).isEqualTo("off");
	}

	@Test
	void migrationsRanOnlyIntoTheTemplate() throws SQLException {
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM flyway_schema_history WHERE success", Integer.class))
			.isEqualTo(MIGRATIONS);
		assertThat(this.jdbc.queryForList("SELECT extname FROM pg_extension", String.class)).contains("citext",
				"pgcrypto");
		try (Connection own = connectToTheContainersDatabase();
				Statement statement = own.createStatement();
				ResultSet tables = statement.executeQuery("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'");
				ResultSet extensions = own.createStatement()
					.executeQuery("SELECT count(*) FROM pg_extension WHERE extname IN ('citext', 'pgcrypto')")) {
			tables.next();
			assertThat(tables.getInt(1)).as("tables in the container's own database").isZero();
			extensions.next();
			assertThat(extensions.getInt(1)).as("the shop's extensions in the container's own database").isZero();
		}
	}

	@Test
	void firstWriterSeesOnlyItsOwnAccount() {
		registerOneAccount();
	}

	@Test
	void secondWriterSeesOnlyItsOwnAccount() {
		registerOneAccount();
	}

	private void registerOneAccount() {
		long id = this.accounts.register("Linus@Example.com", "torvalds");
		assertThat(this.accounts.authenticate("linus@example.COM", "torvalds")).contains(id);
		assertThat(this.accounts.count()).isEqualTo(3);
	}

}
