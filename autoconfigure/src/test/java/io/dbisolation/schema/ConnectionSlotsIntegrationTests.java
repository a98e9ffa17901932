package io.dbisolation.schema;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

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
 * The connection budget is one per server, shared by every run: on a disposable MariaDB
 * of its own, two owners (as two JVMs would) take and give back slots.
 */
class ConnectionSlotsIntegrationTests {

	private static final int BUDGET = 20;

	private static final Duration SHORT_WAIT = Duration.ofMillis(300);

	private static final String ADVICE = "Do something.";

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
	void runsShareOneBudgetAndAContextWaitsForSlotsToBeGivenBack() throws Exception {
		ConnectionSlots first = owner().connectionSlots();
		ConnectionSlots second = owner().connectionSlots();
		ConnectionSlots.Lease held = first.take(12, BUDGET, SHORT_WAIT, ADVICE);
		assertThat(held.count()).isEqualTo(12);
		assertThat(heldSlots()).isEqualTo(12 + ConnectionSlots.OWN_CONNECTIONS);
		// 20 - 15 held - 3 of the second run's own leave 2
		CompletableFuture<ConnectionSlots.Lease> waiting = CompletableFuture
			.supplyAsync(() -> second.take(2 + 1, BUDGET, Duration.ofSeconds(60), ADVICE));
		Awaitility.await()
			.atMost(30, TimeUnit.SECONDS)
			.until(() -> heldSlots() == 12 + 2 * ConnectionSlots.OWN_CONNECTIONS);
		assertThat(waiting).isNotDone();
		held.close();
		ConnectionSlots.Lease taken = waiting.get(30, TimeUnit.SECONDS);
		assertThat(taken.count()).isEqualTo(3);
		assertThat(heldSlots()).isEqualTo(3 + 2 * ConnectionSlots.OWN_CONNECTIONS);
		taken.close();
	}

	@Test
	void aContextThatFindsNoSlotsInTimeFailsNamingTheBudgetAndMaxConnections() {
		ConnectionSlots first = owner().connectionSlots();
		ConnectionSlots second = owner().connectionSlots();
		first.take(BUDGET - ConnectionSlots.OWN_CONNECTIONS, BUDGET, SHORT_WAIT, ADVICE);
		assertThatExceptionOfType(DbIsolationException.class)
			.isThrownBy(() -> second.take(1, BUDGET, Duration.ofSeconds(1), ADVICE))
			.withMessage("Could not get 1 connections for a test context within the connection budget of 20 on '"
					+ server + "' (max_connections " + server.maxConnections()
					+ ") in 1 s: 20 of them are held by test contexts and JVMs that use the server (0 by this JVM). "
					+ ADVICE);
	}

	@Test
	void aContextThatNeedsMoreThanTheBudgetFailsAtOnce() throws Exception {
		ConnectionSlots slots = owner().connectionSlots();
		assertThatExceptionOfType(DbIsolationException.class)
			.isThrownBy(() -> slots.take(BUDGET, BUDGET, Duration.ofMinutes(10), ADVICE))
			.withMessage("A test context needs 20 connections, more than the connection budget of 20 on '" + server
					+ "' allows (its max_connections is " + server.maxConnections() + ", and each JVM keeps 3 of the "
					+ "budget for DbIsolation's own connections). " + ADVICE);
		assertThat(heldSlots()).isZero();
	}

	@Test
	void theSlotsOfARunThatEndsAreFreeAgain() {
		SchemaOwner ending = owner();
		ending.connectionSlots().take(BUDGET - ConnectionSlots.OWN_CONNECTIONS, BUDGET, SHORT_WAIT, ADVICE);
		// a JVM that dies ends its lock session, and the server frees its locks
		ending.close();
		ConnectionSlots.Lease lease = owner().connectionSlots()
			.take(BUDGET - ConnectionSlots.OWN_CONNECTIONS, BUDGET, SHORT_WAIT, ADVICE);
		assertThat(lease.count()).isEqualTo(BUDGET - ConnectionSlots.OWN_CONNECTIONS);
	}

	@Test
	void contextsOfOneRunDoNotTakeEachOthersSlots() throws Exception {
		ConnectionSlots slots = owner().connectionSlots();
		ConnectionSlots.Lease first = slots.take(5, BUDGET, SHORT_WAIT, ADVICE);
		ConnectionSlots.Lease second = slots.take(5, BUDGET, SHORT_WAIT, ADVICE);
		assertThat(heldSlots()).isEqualTo(10 + ConnectionSlots.OWN_CONNECTIONS);
		first.close();
		assertThat(heldSlots()).isEqualTo(5 + ConnectionSlots.OWN_CONNECTIONS);
		second.close();
		assertThat(heldSlots()).isEqualTo(ConnectionSlots.OWN_CONNECTIONS);
	}

	private SchemaOwner owner() {
		SchemaOwner owner = SchemaOwner.open(server);
		this.owners.add(owner);
		return owner;
	}

	private static int heldSlots() throws Exception {
		int held = 0;
		for (int slot = 0; slot < BUDGET; slot++) {
			List<String> holder = TestServers.query(server, "",
					"SELECT IS_USED_LOCK('" + ConnectionSlots.SLOT_PREFIX + slot + "')");
			if (holder.get(0) != null) {
				held++;
			}
		}
		return held;
	}

}
