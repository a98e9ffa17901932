package io.dbisolation.context;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.client.RestClient;

import io.dbisolation.test.DbIsolation;
import io.dbisolation.testapp.ColorService;
import io.dbisolation.testapp.TestApplication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Everything a test causes is rolled back: writes on the test thread, code that commits,
 * server threads and {@code @Async} methods. The tests run in order; the last checks that
 * nothing the others wrote survived.
 */
@SpringBootTest(classes = TestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "spring.flyway.locations=classpath:db/testapp")
@DbIsolation
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class AbstractRollbackIntegrationTests {

	@Autowired
	private JdbcTemplate jdbc;

	@Autowired
	private DataSource dataSource;

	@Autowired
	private HikariDataSource hikari;

	@Autowired
	private ColorService colors;

	@Autowired
	private PlatformTransactionManager transactionManager;

	@Value("${local.server.port}")
	private int port;

	@Test
	@Order(1)
	void writesOnTheTestThreadAreVisibleInTheTest() throws SQLException {
		this.jdbc.update("INSERT INTO colors (id, name) VALUES (10, 'purple')");
		try (Connection connection = this.dataSource.getConnection();
				Statement statement = connection.createStatement()) {
			statement.executeUpdate("INSERT INTO colors (id, name) VALUES (11, 'orange')");
		}
		assertThat(this.colors.count()).isEqualTo(5);
	}

	@Test
	@Order(2)
	void codeThatCommitsWorksAsInProduction() throws SQLException {
		this.colors.add(20, "teal");
		this.colors.addInNewTransaction(21, "navy");
		assertThatIllegalStateException().isThrownBy(() -> this.colors.addThenFail(22, "olive"));
		new TransactionTemplate(this.transactionManager)
			.executeWithoutResult((status) -> this.jdbc.update("INSERT INTO colors (id, name) VALUES (23, 'lime')"));
		new TransactionTemplate(this.transactionManager).executeWithoutResult((status) -> {
			this.jdbc.update("INSERT INTO colors (id, name) VALUES (24, 'coral')");
			status.setRollbackOnly();
		});
		try (Connection connection = this.dataSource.getConnection()) {
			connection.setAutoCommit(false);
			try (Statement statement = connection.createStatement()) {
				statement.executeUpdate("INSERT INTO colors (id, name) VALUES (25, 'plum')");
				connection.commit();
				statement.executeUpdate("INSERT INTO colors (id, name) VALUES (26, 'rust')");
				connection.rollback();
				statement.executeUpdate("INSERT INTO colors (id, name) VALUES (27, 'sand')");
				connection.setAutoCommit(true);
			}
		}
		assertThat(this.jdbc.queryForList("SELECT name FROM colors WHERE id >= 20 ORDER BY id", String.class))
			.containsExactly("teal", "navy", "lime", "plum", "sand");
	}

	@Test
	@Order(3)
	void afterCommitCallbacksFireWhenTheOutermostTransactionCommits() {
		this.colors.committed().clear();
		this.colors.published().clear();
		new TransactionTemplate(this.transactionManager).executeWithoutResult((status) -> {
			this.colors.add(30, "mint");
			assertThat(this.colors.committed()).isEmpty();
		});
		assertThatIllegalStateException().isThrownBy(() -> this.colors.addThenFail(31, "ash"));
		assertThat(this.colors.committed()).containsExactly("mint");
		assertThat(this.colors.published()).containsExactly("mint");
	}

	@Test
	@Order(4)
	void serverThreadsSeeTheTestsDataAndTheTestSeesTheirs() {
		RestClient client = RestClient.create("http://localhost:" + this.port);
		new TransactionTemplate(this.transactionManager).executeWithoutResult((status) -> {
			this.jdbc.update("INSERT INTO colors (id, name) VALUES (40, 'cyan')");
			// the test thread holds its transaction open while a server thread works
			client.post().uri("/colors/41/magenta").retrieve().toBodilessEntity();
			assertThat(client.get().uri("/colors/count").retrieve().body(Long.class)).isEqualTo(5);
		});
		assertThat(this.colors.exists("magenta")).isTrue();
	}

	@Test
	@Order(5)
	void asyncWritesAreVisibleToTheTest() throws Exception {
		this.colors.addLater(50, "amber").get();
		assertThat(this.colors.exists("amber")).isTrue();
	}

	@Test
	@Order(6)
	void theDataSourceUnwrappedToItsPoolTypeIsStillIsolated() throws SQLException {
		HikariDataSource pool = this.dataSource.unwrap(HikariDataSource.class);
		assertThat(pool).isSameAs(this.hikari);
		try (Connection connection = pool.getConnection(); Statement statement = connection.createStatement()) {
			statement.executeUpdate("INSERT INTO colors (id, name) VALUES (60, 'gold')");
		}
		try (Connection connection = this.hikari.getConnection(); Statement statement = connection.createStatement()) {
			statement.executeUpdate("INSERT INTO colors (id, name) VALUES (61, 'pearl')");
		}
		assertThat(this.colors.count()).isEqualTo(5);
	}

	@Test
	@Order(7)
	void nothingEarlierTestsWroteSurvived() {
		assertThat(this.jdbc.queryForList("SELECT name FROM colors ORDER BY id", String.class)).containsExactly("red",
				"green", "blue");
	}

}
