package io.dbisolation.context;

import java.util.List;
import java.util.concurrent.TimeUnit;

import com.zaxxer.hikari.HikariDataSource;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext.HierarchyMode;
import org.springframework.test.context.TestContext;
import org.springframework.test.context.TestContextManager;

import io.dbisolation.schema.ConnectionSlots;
import io.dbisolation.server.DatabaseServer;
import io.dbisolation.test.DbIsolation;
import io.dbisolation.test.DbIsolationException;
import io.dbisolation.testapp.TestApplication;
import io.dbisolation.testsupport.DisposableMariaDb;
import io.dbisolation.testsupport.TestServers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * A running context's pool gets the size the application asked for and holds its slots of
 * the server's connection budget; paused (as Spring's context cache pauses a context on a
 * switch to another), its pool closes its connections and gives the slots back;
 * restarted, it takes them again. On a disposable MariaDB of its own, so that the slots
 * on it are this test's alone.
 */
class ContextConnectionsIntegrationTests {

	private static final String MIGRATIONS = "spring.flyway.locations=classpath:db/testapp";

	private static final String BUDGET = "dbisolation.connection-budget=30";

	private static final String WAIT = "dbisolation.connection-wait=1s";

	private static final String POOL = "spring.datasource.hikari.maximum-pool-size=24";

	private static final List<String> SERVER_PROPERTIES = List.of("spring.datasource.url", "spring.datasource.username",
			"spring.datasource.password");

	private static DisposableMariaDb disposable;

	private static DatabaseServer server;

	@BeforeAll
	static void startServer() {
		disposable = DisposableMariaDb.start();
		server = disposable.server();
		System.setProperty("spring.datasource.url", disposable.url());
		System.setProperty("spring.datasource.username", "root");
		System.setProperty("spring.datasource.password", "");
	}

	@AfterAll
	static void stopServer() {
		SERVER_PROPERTIES.forEach(System::clearProperty);
		disposable.close();
	}

	@Test
	void aPausedContextGivesItsConnectionsBackAndTakesThemAgainWhenRestarted() throws Exception {
		TestContext running = testContext(BigPool.class);
		ConfigurableApplicationContext context = (ConfigurableApplicationContext) running.getApplicationContext();
		try {
			HikariDataSource pool = context.getBean(HikariDataSource.class);
			assertThat(pool.getMaximumPoolSize()).isEqualTo(24);
			assertThat(heldSlots()).isEqualTo(24 + ConnectionSlots.OWN_CONNECTIONS);
			assertThatIllegalStateException().isThrownBy(() -> testContext(NoRoomYet.class).getApplicationContext())
				.havingRootCause()
				.isInstanceOf(DbIsolationException.class)
				.withMessageStartingWith(
						"Could not get 24 connections for a test context within the connection " + "budget of 30 on '")
				.withMessageEndingWith("Paused test contexts hold none of the budget; lower "
						+ "'spring.datasource.hikari.maximum-pool-size' (this context asks for 24), run fewer test "
						+ "JVMs against the server at once, raise the server's max_connections, or set "
						+ "'dbisolation.connection-budget' (now 30) or 'dbisolation.connection-wait' (now 1 s).");
			context.pause();
			Awaitility.await()
				.atMost(30, TimeUnit.SECONDS)
				.until(() -> pool.getHikariPoolMXBean().getTotalConnections() == 0);
			assertThat(heldSlots()).isEqualTo(ConnectionSlots.OWN_CONNECTIONS);
			TestContext other = testContext(RoomAfterPause.class);
			assertThat(other.getApplicationContext().getBean(HikariDataSource.class).getMaximumPoolSize())
				.isEqualTo(24);
			other.markApplicationContextDirty(HierarchyMode.EXHAUSTIVE);
			context.restart();
			assertThat(heldSlots()).isEqualTo(24 + ConnectionSlots.OWN_CONNECTIONS);
			assertThat(pool.getHikariPoolMXBean().getTotalConnections()).isPositive();
			assertThat(new JdbcTemplate(pool).queryForObject("SELECT COUNT(*) FROM colors", Long.class)).isEqualTo(3);
		}
		finally {
			running.markApplicationContextDirty(HierarchyMode.EXHAUSTIVE);
		}
		assertThat(heldSlots()).isEqualTo(ConnectionSlots.OWN_CONNECTIONS);
	}

	private static TestContext testContext(Class<?> testClass) {
		return new TestContextManager(testClass).getTestContext();
	}

	private static int heldSlots() throws Exception {
		int held = 0;
		for (int slot = 0; slot < 30; slot++) {
			if (TestServers.query(server, "", "SELECT IS_USED_LOCK('dbiso_budget_" + slot + "')").get(0) != null) {
				held++;
			}
		}
		return held;
	}

	@SpringBootTest(classes = TestApplication.class, properties = { MIGRATIONS, BUDGET, WAIT, POOL })
	@DbIsolation
	static class BigPool {

	}

	@SpringBootTest(classes = TestApplication.class, properties = { MIGRATIONS, BUDGET, WAIT, POOL, "no-room=true" })
	@DbIsolation
	static class NoRoomYet {

	}

	@SpringBootTest(classes = TestApplication.class, properties = { MIGRATIONS, BUDGET, WAIT, POOL, "room=true" })
	@DbIsolation
	static class RoomAfterPause {

	}

}
