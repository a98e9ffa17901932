package io.dbisolation.schema;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import io.dbisolation.dialect.Dialect;
import io.dbisolation.server.DatabaseServer;
import io.dbisolation.test.DbIsolationException;

/**
 * The session that holds a run's schema locks, with a life of its own: the server is told
 * not to time it out, a daemon thread pings it (recording the run's heartbeat in the
 * registry) and, when it is lost (killed, timed out by a proxy, the server restarted),
 * reconnects and takes back every lock. A lock that cannot be taken back, because another
 * session holds it or its schema is gone, breaks the owner for good: from then on every
 * check fails with one message.
 * <p>
 * Intervals: a ping every {@value #MAX_PING_MILLIS} ms, or every third of the server's
 * {@code wait_timeout} if that is shorter. Another run treats this run as gone only after
 * {@value #SILENT_RUN_SECONDS} s without a heartbeat (seven pings), so a lost connection
 * is re-established, and its locks re-taken, well before anyone may sweep its schemas.
 */
final class OwnerSession implements AutoCloseable {

	/** How long a run may be silent before another run may drop its unlocked schemas. */
	static final int SILENT_RUN_SECONDS = 15;

	static final long MAX_PING_MILLIS = 2000;

	/** A registered private schema: dropped with its context, or as a leftover. */
	static final String PRIVATE = "private";

	/** A registered template: kept for later runs. */
	static final String TEMPLATE = "template";

	/** A registered schema kept for inspection: never dropped by DbIsolation. */
	static final String KEPT = "kept";

	private static final long MIN_PING_MILLIS = 250;

	/**
	 * What to do when this run lost a schema, the action of {@link #checkNotBroken()}.
	 */
	private static final String BROKEN_ACTION = "Rerun the tests; if this recurs, check the server's wait_timeout and "
			+ "whether something killed connections (a KILL, a proxy, a server restart).";

	private static final Log logger = LogFactory.getLog(OwnerSession.class);

	private final DatabaseServer server;

	private final Dialect dialect;

	private final String runId;

	private final Set<String> locks = new LinkedHashSet<>();

	private final ScheduledExecutorService pinger;

	private final long pingMillis;

	private final String account;

	private final SQLException registryProblem;

	private Connection connection;

	private volatile long sessionId;

	/** Why this run no longer owns a schema, without what to do about it. */
	private volatile String broken;

	private volatile int reconnections;

	private boolean closed;

	private OwnerSession(DatabaseServer server, String runId, Connection connection, long pingMillis, String account,
			SQLException registryProblem) throws SQLException {
		this.server = server;
		this.dialect = server.dialect();
		this.runId = runId;
		this.connection = connection;
		this.sessionId = this.dialect.sessionId(connection);
		this.pingMillis = pingMillis;
		this.account = account;
		this.registryProblem = registryProblem;
		this.pinger = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, "dbisolation-owner-" + runId);
			thread.setDaemon(true);
			return thread;
		});
		this.pinger.scheduleWithFixedDelay(this::ping, pingMillis, pingMillis, TimeUnit.MILLISECONDS);
	}

	/**
	 * Opens the session of a run: connects, keeps the server from timing it out, makes
	 * sure the registry exists and records the run's first heartbeat. Nothing stays open
	 * if it fails.
	 */
	static OwnerSession open(DatabaseServer server, String runId) throws SQLException {
		Dialect dialect = server.dialect();
		Connection connection = server.connect("");
		try {
			int timeout = dialect.keepSessionAlive(connection);
			long pingMillis = Math.max(MIN_PING_MILLIS, Math.min(MAX_PING_MILLIS, timeout * 1000L / 3));
			String account = dialect.account(connection);
			SQLException registryProblem = null;
			try {
				dialect.createRegistry(connection, SchemaNames.REGISTRY);
				dialect.heartbeat(connection, SchemaNames.REGISTRY, runId);
			}
			catch (SQLException ex) {
				if (!dialect.isAccessDenied(ex)) {
					throw ex;
				}
				// a user who may not create schemas can still use TRANSACTION mode;
				// creating a schema says what is missing
				registryProblem = ex;
			}
			return new OwnerSession(server, runId, connection, pingMillis, account, registryProblem);
		}
		catch (SQLException | RuntimeException ex) {
			closeQuietly(connection);
			throw ex;
		}
	}

	String runId() {
		return this.runId;
	}

	/**
	 * The account the server knows this run as, such as {@code 'app'@'%'}.
	 */
	String account() {
		return this.account;
	}

	/**
	 * Why the registry cannot be written (a missing privilege), if it cannot.
	 */
	Optional<SQLException> registryProblem() {
		return Optional.ofNullable(this.registryProblem);
	}

	/**
	 * Takes the lock of a schema this run owns from now on; it is taken back after a lost
	 * connection.
	 * @return {@code false} if another session holds it
	 */
	synchronized boolean own(String schema) throws SQLException {
		checkNotBroken();
		if (call((connection) -> this.dialect.lock(connection, schema, 0))) {
			this.locks.add(schema);
			// the call may have found the session lost and other locks gone
			if (this.broken != null) {
				unlock(schema);
				checkNotBroken();
			}
			return true;
		}
		return false;
	}

	/**
	 * Takes a lock for a moment, such as to drop a leftover; not taken back after a lost
	 * connection.
	 */
	synchronized boolean lockBriefly(String schema) throws SQLException {
		// a lock of one's own would be taken twice, and released by the brief holder
		return !this.locks.contains(schema) && call((connection) -> this.dialect.lock(connection, schema, 0));
	}

	synchronized void unlock(String schema) {
		if (this.closed) {
			return;
		}
		this.locks.remove(schema);
		try {
			call((connection) -> {
				this.dialect.unlock(connection, schema);
				return null;
			});
		}
		catch (SQLException ex) {
			logger.debug("Could not release the lock of schema '" + schema + "'", ex);
		}
	}

	/**
	 * Whether this run still holds the lock of a schema it owned.
	 */
	synchronized boolean holds(String schema) {
		return this.locks.contains(schema);
	}

	/**
	 * Runs registry SQL on this session, reconnecting once if it was lost.
	 */
	synchronized <T> T call(SqlCall<T> call) throws SQLException {
		if (this.closed) {
			throw new SQLException("The lock session of run '" + this.runId + "' is closed");
		}
		try {
			return call.run(this.connection);
		}
		catch (SQLException ex) {
			if (isAlive()) {
				throw ex;
			}
			reconnect(ex);
			return call.run(this.connection);
		}
	}

	/**
	 * Fails if a lock could not be taken back after the connection was lost.
	 * @throws DbIsolationException naming the schema and what to do
	 */
	void checkNotBroken() {
		String reason = this.broken;
		if (reason != null) {
			throw new DbIsolationException(reason, BROKEN_ACTION, null);
		}
	}

	/**
	 * The server's id of the session now holding the locks.
	 */
	long sessionId() {
		return this.sessionId;
	}

	/**
	 * How often the session was lost and re-established.
	 */
	int reconnections() {
		return this.reconnections;
	}

	long pingMillis() {
		return this.pingMillis;
	}

	/**
	 * Stops pinging, forgets the run's heartbeat and ends the session, which releases
	 * every lock it holds.
	 */
	@Override
	public void close() {
		this.pinger.shutdownNow();
		try {
			this.pinger.awaitTermination(10, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		synchronized (this) {
			if (this.closed) {
				return;
			}
			if (this.registryProblem == null) {
				try {
					call((connection) -> {
						this.dialect.forgetRuns(connection, SchemaNames.REGISTRY, this.runId, SILENT_RUN_SECONDS);
						return null;
					});
				}
				catch (SQLException ex) {
					logger.debug("Could not remove the heartbeat of run '" + this.runId + "'", ex);
				}
			}
			this.closed = true;
			this.locks.clear();
			closeQuietly(this.connection);
		}
	}

	private synchronized void ping() {
		if (this.closed) {
			return;
		}
		try {
			call((connection) -> {
				if (this.registryProblem == null) {
					this.dialect.heartbeat(connection, SchemaNames.REGISTRY, this.runId);
				}
				else if (!connection.isValid(2)) {
					throw new SQLException("the connection is no longer valid");
				}
				return null;
			});
		}
		catch (SQLException | RuntimeException ex) {
			// the next ping tries again; creating a schema or checking ownership reports
			// what is wrong
			logger.debug("Could not ping the lock session of run '" + this.runId + "' on '" + this.server + "'", ex);
		}
	}

	private boolean isAlive() {
		try {
			return this.connection.isValid(2);
		}
		catch (SQLException ex) {
			return false;
		}
	}

	/**
	 * Opens a new session and takes back every lock of the lost one. The heartbeat comes
	 * first, to keep other runs from sweeping while the locks are re-taken.
	 */
	private void reconnect(SQLException loss) throws SQLException {
		closeQuietly(this.connection);
		Connection fresh = this.server.connect("");
		this.connection = fresh;
		this.dialect.keepSessionAlive(fresh);
		this.sessionId = this.dialect.sessionId(fresh);
		if (this.registryProblem == null) {
			this.dialect.heartbeat(fresh, SchemaNames.REGISTRY, this.runId);
		}
		for (String schema : List.copyOf(this.locks)) {
			String problem = null;
			if (!this.dialect.lock(fresh, schema, 0)) {
				problem = "another session holds its lock";
			}
			else if (!this.dialect.schemaExists(fresh, SchemaNames.schemaOfLock(schema))) {
				problem = "the schema no longer exists";
			}
			if (problem != null) {
				this.locks.remove(schema);
				if (this.broken == null) {
					this.broken = brokenMessage(schema, loss, problem);
					logger.error(this.broken + " " + BROKEN_ACTION);
				}
			}
		}
		this.reconnections++;
		if (this.broken == null) {
			logger.warn("The connection holding DbIsolation's schema locks on '" + this.server + "' was lost ("
					+ loss.getMessage() + "); reconnected and took back the locks of " + this.locks.size()
					+ " schemas");
		}
	}

	private String brokenMessage(String schema, SQLException loss, String problem) {
		return "Schema '" + schema + "' on '" + this.server + "' is no longer owned by this run: DbIsolation lost "
				+ "its lock connection (" + loss.getMessage() + ") and could not take the schema's lock back: "
				+ problem + ". Another run may have dropped it, taking it for a leftover.";
	}

	private static void closeQuietly(Connection connection) {
		try {
			connection.close();
		}
		catch (SQLException ignored) {
			// the session is being given up; the server frees its locks either way
		}
	}

	/**
	 * SQL run on the lock session.
	 *
	 * @param <T> the result
	 */
	@FunctionalInterface
	interface SqlCall<T> {

		T run(Connection connection) throws SQLException;

	}

}
