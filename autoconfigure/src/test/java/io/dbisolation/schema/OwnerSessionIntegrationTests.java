package io.dbisolation.schema;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.dbisolation.server.DatabaseServer;
import io.dbisolation.test.DbIsolationException;
import io.dbisolation.testsupport.DisposableMariaDb;
import io.dbisolation.testsupport.TestServers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The lock session survives what servers do to connections, or the run fails loudly: on a
 * disposable MariaDB of its own, whose connections these tests kill and whose settings
 * they change.
 */
class OwnerSessionIntegrationTests {

	private static final Duration PATIENCE = Duration.ofSeconds(30);

	private static DisposableMariaDb disposable;

	private static DatabaseServer server;

	private final List<SchemaOwner> owners = new ArrayList<>();

	@BeforeAll
	static void startServer() {
		disposable = DisposableMariaDb.start();
		server = disposable.server();
	}

	@AfterAll
	static void stopServer() {
		disposable.close();
	}

	@AfterEach
	void closeOwners() {
		this.owners.forEach(SchemaOwner::close);
	}

	@Test
	void killedLockConnectionIsReopenedWithItsLocksWhileAnotherRunSweepsDroppingNothing() throws Exception {
		SchemaOwner owner = open(server);
		PrivateSchema schema = owner.create();
		long lost = owner.session().sessionId();
		disposable.execute("KILL " + lost);
		await(() -> lockHolder(schema.name()) == null || owner.session().reconnections() > 0);
		SchemaOwner sweeper = open(server);
		assertThat(TestServers.exists(server, schema.name())).isTrue();
		await(() -> owner.session().reconnections() == 1);
		assertThat(owner.session().sessionId()).isNotEqualTo(lost);
		assertThat(lockHolder(schema.name())).isEqualTo(owner.session().sessionId());
		schema.checkOwned();
		sweeper.close();
		assertThat(TestServers.exists(server, schema.name())).isTrue();
		assertThat(owner.create().name()).isNotEqualTo(schema.name());
	}

	@Test
	void lockConnectionOutlivesTheServersWaitTimeout() throws Exception {
		disposable.setGlobal("wait_timeout", 2);
		try {
			SchemaOwner owner = open(server);
			PrivateSchema schema = owner.create();
			long session = owner.session().sessionId();
			assertThat(owner.session().pingMillis()).isLessThan(2000);
			long idle;
			try (Connection connection = disposable.connect()) {
				idle = server.dialect().sessionId(connection);
				// the server ends an idle connection of the same age
				await(() -> !sessionExists(idle));
			}
			assertThat(owner.session().reconnections()).isZero();
			assertThat(lockHolder(schema.name())).isEqualTo(session);
			schema.checkOwned();
		}
		finally {
			disposable.setGlobal("wait_timeout", 28800);
		}
	}

	@Test
	void lockTakenByAnotherSessionWhileTheConnectionWasLostBreaksTheOwnerLoudly() throws Exception {
		SchemaOwner owner = open(server);
		PrivateSchema schema = owner.create();
		ExecutorService executor = Executors.newSingleThreadExecutor();
		try (Connection thief = disposable.connect()) {
			long thiefId = server.dialect().sessionId(thief);
			Future<Boolean> stolen = executor.submit(() -> server.dialect().lock(thief, schema.name(), 60));
			await(() -> "User lock".equals(state(thiefId)));
			disposable.execute("KILL " + owner.session().sessionId());
			assertThat(stolen.get(PATIENCE.toSeconds(), TimeUnit.SECONDS)).isTrue();
			await(() -> owner.session().reconnections() == 1);
			String expectedStart = "Schema '" + schema.name() + "' on '" + server
					+ "' is no longer owned by this run: DbIsolation lost its lock connection (";
			String expectedEnd = ") and could not take the schema's lock back: another session holds its lock. "
					+ "Another run may have dropped it, taking it for a leftover. Rerun the tests; if this recurs, "
					+ "check the server's wait_timeout and whether something killed connections (a KILL, a proxy, "
					+ "a server restart).";
			assertThatExceptionOfType(DbIsolationException.class).isThrownBy(schema::checkOwned)
				.withMessageStartingWith(expectedStart)
				.withMessageEndingWith(expectedEnd)
				// Spring Boot's failure analysis prints the two apart
				.satisfies((ex) -> assertThat(ex.getDescription()).startsWith(expectedStart)
					.endsWith("taking it for a leftover."))
				.satisfies((ex) -> assertThat(ex.getAction()).isEqualTo("Rerun the tests; if this recurs, check the "
						+ "server's wait_timeout and whether something killed connections (a KILL, a proxy, a server "
						+ "restart)."));
			assertThatExceptionOfType(DbIsolationException.class).isThrownBy(owner::create)
				.withMessageStartingWith(expectedStart)
				.withMessageEndingWith(expectedEnd);
			owner.close();
			assertThat(TestServers.exists(server, schema.name())).isTrue();
		}
		finally {
			executor.shutdownNow();
			try (Connection connection = disposable.connect()) {
				server.dialect().dropSchema(connection, schema.name());
			}
		}
	}

	@Test
	void serverOutOfConnectionsSaysWhichSettingToChange() throws Exception {
		disposable.setGlobal("max_connections", 10);
		List<Connection> hogs = new ArrayList<>();
		try {
			DatabaseServer limited = disposable.server();
			SchemaOwner owner = open(limited);
			SQLException refused = disposable.connectUntilRefused(hogs);
			String why = "': the server accepts no more connections (" + refused.getMessage() + "; SQLState "
					+ refused.getSQLState() + ", vendor code 1040), its max_connections is 10. Lower "
					+ "'dbisolation.connection-budget' (how many connections test contexts may hold on the server, "
					+ "its max_connections less 10 by default), stop what else holds connections, or raise the "
					+ "server's max_connections.";
			assertThatExceptionOfType(DbIsolationException.class).isThrownBy(owner::create)
				.withMessage("Could not create schema 'dbiso_" + owner.session().runId() + "_1' on '" + limited + why)
				.satisfies((ex) -> assertThat(ex.getAction()).startsWith("Lower 'dbisolation.connection-budget'"));
			assertThatExceptionOfType(DbIsolationException.class).isThrownBy(() -> SchemaOwner.open(limited))
				.withMessage("Could not prepare schema ownership on '" + limited + why);
			// the first contact, before the engine is known
			assertThatExceptionOfType(DbIsolationException.class)
				.isThrownBy(() -> DatabaseServer.configured(disposable.url(), "root", ""))
				.withMessage("Could not connect to the database server '" + limited + "' as 'root': the server "
						+ "accepts no more connections (" + refused.getMessage() + "; SQLState " + refused.getSQLState()
						+ ", vendor code 1040). Lower 'dbisolation.connection-budget' "
						+ "(how many connections test contexts may hold on the server, its max_connections less 10 "
						+ "by default), stop what else holds connections, or raise the server's max_connections.");
		}
		finally {
			// through a connection already open: closed ones are freed by the server a
			// moment later
			try (Connection connection = hogs.isEmpty() ? disposable.connect() : hogs.remove(0);
					Statement statement = connection.createStatement()) {
				statement.execute("SET GLOBAL max_connections = 151");
			}
			for (Connection hog : hogs) {
				hog.close();
			}
		}
	}

	@Test
	void failedOpenLeavesNoConnectionBehind() {
		disposable.execute("DROP DATABASE IF EXISTS dbiso_registry");
		disposable.execute("CREATE DATABASE dbiso_registry");
		// a registry of another shape: the sweep fails after the lock session is open
		disposable.execute("CREATE TABLE dbiso_registry.created_schemas (name VARCHAR(64) PRIMARY KEY)");
		disposable.execute("CREATE TABLE dbiso_registry.runs (run_id VARCHAR(16) PRIMARY KEY, last_seen DATETIME)");
		try {
			int before = connectedSessions();
			assertThatExceptionOfType(DbIsolationException.class).isThrownBy(() -> SchemaOwner.open(server))
				.withMessageStartingWith("Could not prepare schema ownership on '" + server + "': Unknown column");
			await(() -> connectedSessions() == before);
		}
		finally {
			disposable.execute("DROP DATABASE dbiso_registry");
		}
	}

	private static int connectedSessions() {
		try (Connection connection = disposable.connect();
				Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery("SELECT COUNT(*) FROM information_schema.PROCESSLIST")) {
			result.next();
			return result.getInt(1);
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private SchemaOwner open(DatabaseServer on) {
		SchemaOwner owner = SchemaOwner.open(on);
		this.owners.add(owner);
		return owner;
	}

	private static Long lockHolder(String name) {
		try (Connection connection = disposable.connect();
				PreparedStatement statement = connection.prepareStatement("SELECT IS_USED_LOCK(?)")) {
			statement.setString(1, name);
			try (ResultSet result = statement.executeQuery()) {
				result.next();
				long holder = result.getLong(1);
				return result.wasNull() ? null : holder;
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static boolean sessionExists(long id) {
		return state(id) != null;
	}

	private static String state(long id) {
		try (Connection connection = disposable.connect();
				Statement statement = connection.createStatement();
				ResultSet result = statement
					.executeQuery("SELECT COALESCE(STATE, '') FROM information_schema.PROCESSLIST WHERE ID = " + id)) {
			return result.next() ? result.getString(1) : null;
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static void await(BooleanSupplier condition) {
		Awaitility.await().atMost(PATIENCE).pollInterval(Duration.ofMillis(20)).until(condition::getAsBoolean);
	}

}
