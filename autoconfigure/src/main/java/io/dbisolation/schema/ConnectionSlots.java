package io.dbisolation.schema;

import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import io.dbisolation.dialect.Dialect;
import io.dbisolation.server.DatabaseServer;
import io.dbisolation.test.DbIsolationException;

/**
 * The connection budget of one server, shared by every JVM that uses it: slot {@code n}
 * is a server-side lock {@code dbiso_budget_<n>}, held by the owner session of the run
 * whose connections it stands for, so a run that dies gives its slots back with its
 * session. Slots are taken all at once or not at all (under the lock {@value #MUTEX}), so
 * that two contexts never wait for each other's half.
 * <p>
 * Each run holds {@value #OWN_CONNECTIONS} slots for DbIsolation's own connections (the
 * lock session, creating and cloning schemas) for as long as it uses the server.
 */
public final class ConnectionSlots {

	/** Connections a run opens itself, besides the pools of its contexts. */
	public static final int OWN_CONNECTIONS = 3;

	static final String SLOT_PREFIX = SchemaNames.PREFIX + "budget_";

	static final String MUTEX = SchemaNames.PREFIX + "budget";

	private static final long MIN_RETRY_MILLIS = 50;

	private static final long MAX_RETRY_MILLIS = 500;

	private static final Log logger = LogFactory.getLog(ConnectionSlots.class);

	private final DatabaseServer server;

	private final Dialect dialect;

	private final OwnerSession session;

	private final Set<String> held = new HashSet<>();

	private int ownHeld;

	ConnectionSlots(DatabaseServer server, OwnerSession session) {
		this.server = server;
		this.dialect = server.dialect();
		this.session = session;
	}

	/**
	 * Takes slots for a number of connections, waiting for other contexts (of this JVM or
	 * any other) to give theirs back.
	 * @param count the connections wanted
	 * @param budget how many slots the server has
	 * @param wait how long to wait at most
	 * @param advice what the user can change, appended to a failure's message
	 * @return the lease of the slots, to be closed when the connections are closed
	 * @throws DbIsolationException if the connections do not fit in the budget, or not in
	 * time
	 */
	public Lease take(int count, int budget, Duration wait, String advice) {
		if (count + OWN_CONNECTIONS > budget) {
			throw new DbIsolationException("A test context needs " + count + " connections, more than the connection "
					+ "budget of " + budget + " on '" + this.server + "' allows (its max_connections is "
					+ this.server.maxConnections() + ", and each JVM keeps " + OWN_CONNECTIONS + " of the budget for "
					+ "DbIsolation's own connections). " + advice);
		}
		long deadline = System.nanoTime() + wait.toNanos();
		long retryMillis = MIN_RETRY_MILLIS;
		boolean logged = false;
		int inUse = 0;
		while (true) {
			Attempt attempt = tryTake(count, budget);
			if (attempt.taken != null) {
				if (logged) {
					logger.info("Got " + count + " connections of the budget on '" + this.server + "'");
				}
				return new Lease(attempt.taken);
			}
			// -1: another JVM was taking slots at that moment
			inUse = (attempt.inUse >= 0) ? attempt.inUse : inUse;
			if (System.nanoTime() > deadline) {
				throw new DbIsolationException("Could not get " + count + " connections for a test context within "
						+ "the connection budget of " + budget + " on '" + this.server + "' (max_connections "
						+ this.server.maxConnections() + ") in " + wait.toSeconds() + " s: " + inUse
						+ " of them are held by test contexts and JVMs that use the server (" + heldHere()
						+ " by this JVM). " + advice);
			}
			if (!logged) {
				logger.info("Waiting for " + count + " connections of the budget of " + budget + " on '" + this.server
						+ "': " + inUse + " of them are held by test contexts and JVMs that use the server");
				logged = true;
			}
			pause(ThreadLocalRandom.current().nextLong(MIN_RETRY_MILLIS, retryMillis + 1));
			retryMillis = Math.min(MAX_RETRY_MILLIS, retryMillis * 2);
		}
	}

	private synchronized int heldHere() {
		return this.held.size();
	}

	private synchronized Attempt tryTake(int count, int budget) {
		try {
			return this.session.call((connection) -> {
				if (!this.dialect.lock(connection, MUTEX, 0)) {
					return new Attempt(null, -1);
				}
				try {
					List<String> taken = new ArrayList<>(this.dialect.lockFree(connection, free(budget)));
					int inUse = budget - taken.size();
					// DbIsolation's own connections come first, and stay
					List<String> own = List
						.copyOf(taken.subList(0, Math.min(taken.size(), OWN_CONNECTIONS - this.ownHeld)));
					this.held.addAll(own);
					this.ownHeld += own.size();
					taken.removeAll(own);
					if (this.ownHeld < OWN_CONNECTIONS || taken.size() < count) {
						this.dialect.unlockAll(connection, taken);
						return new Attempt(null, inUse);
					}
					this.dialect.unlockAll(connection, taken.subList(count, taken.size()));
					List<String> lease = List.copyOf(taken.subList(0, count));
					this.held.addAll(lease);
					return new Attempt(lease, inUse);
				}
				finally {
					this.dialect.unlock(connection, MUTEX);
				}
			});
		}
		catch (SQLException ex) {
			throw Failures.of(this.server, "Could not take connection slots on", ex);
		}
	}

	/**
	 * Slot names this JVM does not hold: a lock its own session holds would be taken
	 * again, not refused.
	 */
	private List<String> free(int budget) {
		List<String> names = new ArrayList<>();
		for (int slot = 0; slot < budget; slot++) {
			String name = SLOT_PREFIX + slot;
			if (!this.held.contains(name)) {
				names.add(name);
			}
		}
		return names;
	}

	private synchronized void release(List<String> slots) {
		this.held.removeAll(slots);
		try {
			this.session.call((connection) -> {
				this.dialect.unlockAll(connection, slots);
				return null;
			});
		}
		catch (SQLException ex) {
			// the slots are freed with the session at the latest
			logger.debug("Could not give back " + slots.size() + " connection slots on '" + this.server + "'", ex);
		}
	}

	private static void pause(long millis) {
		try {
			TimeUnit.MILLISECONDS.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new DbIsolationException("Interrupted while waiting for connections of the budget");
		}
	}

	private record Attempt(List<String> taken, int inUse) {
	}

	/**
	 * Slots held for the connections of one context, until closed.
	 */
	public final class Lease implements AutoCloseable {

		private final List<String> slots;

		private boolean closed;

		private Lease(List<String> slots) {
			this.slots = slots;
		}

		/**
		 * How many connections the lease stands for.
		 * @return the number of slots
		 */
		public int count() {
			return this.slots.size();
		}

		/**
		 * Gives the slots back; other contexts may take them from now on.
		 */
		@Override
		public void close() {
			synchronized (ConnectionSlots.this) {
				if (this.closed) {
					return;
				}
				this.closed = true;
			}
			release(this.slots);
		}

	}

}
