package io.dbisolation.datasource;

import java.lang.reflect.Method;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.Properties;

/**
 * What the application holds when it asks for a connection during a test: a view of the
 * test's pinned connection with a transaction state of its own. Its transaction is a
 * savepoint: {@code commit()} keeps the work (it is rolled back with the test),
 * {@code rollback()} rolls back to the savepoint, {@code close()} ends the lease and,
 * like a pool, rolls back what was not committed. Session state that every thread of the
 * test would share (read-only, isolation, holdability, client info, timeouts) is kept on
 * the lease; what would point the shared connection elsewhere is refused.
 */
final class LeasedConnection extends JdbcWrapper {

	static final DecisionTable TABLE = DecisionTable.of(Connection.class)
		.delegate("nativeSQL clearWarnings getWarnings getCatalog getSchema getTypeMap")
		// data objects: they hold values, not the connection
		.delegate("createBlob createClob createNClob createSQLXML createArrayOf createStruct")
		.route("commit rollback setSavepoint releaseSavepoint")
		.local("close isClosed abort isValid beginRequest endRequest unwrap isWrapperFor")
		.local("getAutoCommit setAutoCommit isReadOnly setReadOnly getTransactionIsolation setTransactionIsolation")
		.local("getHoldability setHoldability getNetworkTimeout setNetworkTimeout getClientInfo setClientInfo")
		.local("setCatalog setSchema")
		.wrap("createStatement prepareStatement prepareCall getMetaData")
		.refuse("setTypeMap",
				"it would change the type map of the one connection that every thread of the test shares. Pass the "
						+ "type map to getObject instead")
		.refuse("setShardingKey", "a sharding key would move the test's pinned connection to another shard")
		.refuse("setShardingKeyIfValid", "a sharding key would move the test's pinned connection to another shard")
		.build();

	private final Properties clientInfo = new Properties();

	private boolean autoCommit = true;

	private boolean readOnly;

	private Integer isolation;

	private Integer holdability;

	private Integer networkTimeout;

	private Savepoint savepoint;

	private int savepointEpoch;

	private volatile boolean closed;

	LeasedConnection(TestTransaction transaction) {
		super(Connection.class, TABLE, transaction.pinned(), transaction);
	}

	@Override
	void requireUsable() throws SQLException {
		if (this.closed) {
			throw new SQLException("Connection is closed", "08003");
		}
		transaction().requireOpen();
	}

	@Override
	Object decide(Method method, Object[] args) throws Throwable {
		String name = method.getName();
		switch (name) {
			case "close", "abort":
				// abort ends the lease only: the pinned connection is the test's, not the
				// caller's
				close();
				return null;
			case "isClosed":
				return this.closed || !transaction().isOpen();
			case "isValid":
				return !this.closed && transaction().isOpen()
						&& (boolean) transaction().call(() -> pinned().isValid((int) args[0]));
			case "beginRequest", "endRequest":
				// request boundaries belong to the pool's physical connection, which the
				// test holds
				return null;
			default:
		}
		requireUsable();
		return switch (name) {
			case "commit" -> commit();
			case "rollback" -> (args == null || args.length == 0) ? rollback() : rollbackTo((Savepoint) args[0]);
			case "setSavepoint" -> setSavepoint(args);
			case "releaseSavepoint" -> releaseSavepoint((Savepoint) args[0]);
			case "getAutoCommit" -> this.autoCommit;
			case "setAutoCommit" -> setAutoCommit((boolean) args[0]);
			case "isReadOnly" -> this.readOnly;
			case "setReadOnly" -> set(() -> this.readOnly = (boolean) args[0]);
			case "getTransactionIsolation" -> (this.isolation != null) ? this.isolation
					: transaction().call(() -> pinned().getTransactionIsolation());
			// the test's transaction has its isolation already; it cannot change mid-way
			case "setTransactionIsolation" -> set(() -> this.isolation = (Integer) args[0]);
			case "getHoldability" ->
				(this.holdability != null) ? this.holdability : transaction().call(() -> pinned().getHoldability());
			case "setHoldability" -> set(() -> this.holdability = (Integer) args[0]);
			case "getNetworkTimeout" -> (this.networkTimeout != null) ? this.networkTimeout
					: transaction().call(() -> pinned().getNetworkTimeout());
			// a timeout on the pinned connection would apply to every thread of the test
			case "setNetworkTimeout" -> set(() -> this.networkTimeout = (Integer) args[1]);
			case "getClientInfo" -> (args == null || args.length == 0) ? (Properties) this.clientInfo.clone()
					: this.clientInfo.getProperty((String) args[0]);
			case "setClientInfo" -> setClientInfo(args);
			case "setCatalog" -> pointAt("setCatalog", (String) args[0]);
			case "setSchema" -> pointAt("setSchema", (String) args[0]);
			case "getMetaData" -> new LeasedMetaData(this, transaction().call(() -> pinned().getMetaData())).proxy();
			default -> statement(method, args);
		};
	}

	private Object statement(Method method, Object[] args) throws Throwable {
		String sql = (args != null && args.length > 0 && args[0] instanceof String text) ? text : null;
		if (sql != null) {
			transaction().checkNotImplicitCommit(sql);
		}
		Statement statement = (Statement) transaction().call(() -> invokeOn(pinned(), method, args));
		Class<? extends Statement> type = switch (method.getName()) {
			case "prepareCall" -> CallableStatement.class;
			case "prepareStatement" -> PreparedStatement.class;
			default -> Statement.class;
		};
		return new LeasedStatement(this, type, statement, sql).proxy();
	}

	/**
	 * Starts this lease's transaction before its first statement, if it is in one. Runs
	 * holding the test transaction's lock.
	 */
	void beforeStatement() throws SQLException {
		if (!this.autoCommit && (this.savepoint == null || this.savepointEpoch != transaction().epoch())) {
			this.savepoint = pinned().setSavepoint();
			this.savepointEpoch = transaction().epoch();
		}
	}

	/**
	 * Fails a statement that writes while the application has marked this connection
	 * read-only, as the server would.
	 */
	void checkWritable(String sql) throws SQLException {
		if (this.readOnly && sql != null && transaction().guard().writes().test(sql)) {
			throw new SQLException("Cannot execute statement in a READ ONLY transaction.", "25006", 1792);
		}
	}

	boolean isAutoCommit() {
		return this.autoCommit;
	}

	boolean isReadOnly() {
		return this.readOnly;
	}

	boolean isClosed() {
		return this.closed;
	}

	private Object setAutoCommit(boolean autoCommit) throws Throwable {
		if (autoCommit && !this.autoCommit) {
			// JDBC: switching auto-commit on commits the current transaction
			commit();
		}
		this.autoCommit = autoCommit;
		return null;
	}

	private Object commit() throws Throwable {
		if (this.autoCommit) {
			throw new SQLException("Can't call commit when autocommit=true", "08003");
		}
		// the work stays in the test's transaction; forgetting the savepoint costs no
		// round trip
		Savepoint own = this.savepoint;
		this.savepoint = null;
		if (own != null && this.savepointEpoch == transaction().epoch()
				&& transaction().guard().errorAbortsTransaction()) {
			commitOrRollBack(own);
		}
		return null;
	}

	/**
	 * Where an error aborts the transaction, a commit of a transaction that failed rolls
	 * it back and says so, as the server and its driver do; the test's transaction is
	 * usable again either way.
	 */
	private void commitOrRollBack(Savepoint own) throws Throwable {
		SQLException failed = transaction().call(() -> {
			try {
				pinned().releaseSavepoint(own);
				return null;
			}
			catch (SQLException ex) {
				if (!"25P02".equals(ex.getSQLState())) {
					throw ex;
				}
				pinned().rollback(own);
				return ex;
			}
		});
		if (failed != null) {
			throw new SQLException("The transaction failed earlier, so the database rolled it back instead of "
					+ "committing it: " + failed.getMessage(), "40000", failed);
		}
	}

	private Object rollback() throws Throwable {
		if (this.autoCommit) {
			throw new SQLException("Can't call rollback when autocommit=true", "08003");
		}
		Savepoint own = this.savepoint;
		this.savepoint = null;
		// a savepoint of an earlier epoch went with a transaction the server rolled back
		if (own != null && this.savepointEpoch == transaction().epoch()) {
			transaction().call(() -> {
				pinned().rollback(own);
				return null;
			});
		}
		return null;
	}

	private Object rollbackTo(Savepoint savepoint) throws Throwable {
		refuseOwn("rollback", savepoint);
		return transaction().call(() -> {
			pinned().rollback(savepoint);
			return null;
		});
	}

	private Object setSavepoint(Object[] args) throws Throwable {
		if (this.autoCommit) {
			throw new SQLException("Can't set a savepoint when autocommit=true", "3B001");
		}
		String name = (args != null && args.length > 0) ? (String) args[0] : null;
		if (name != null && name.startsWith("dbiso_")) {
			throw new SQLException("Savepoint name '" + name + "' in test '" + transaction().testName()
					+ "' is reserved: DbIsolation's own savepoints start with 'dbiso_', and setting one again would "
					+ "move the point the test is rolled back to. Choose another name.", "3B001");
		}
		return transaction().call(() -> {
			beforeStatement();
			return (name != null) ? pinned().setSavepoint(name) : pinned().setSavepoint();
		});
	}

	private Object releaseSavepoint(Savepoint savepoint) throws Throwable {
		refuseOwn("releaseSavepoint", savepoint);
		return transaction().call(() -> {
			pinned().releaseSavepoint(savepoint);
			return null;
		});
	}

	private void refuseOwn(String method, Savepoint savepoint) throws SQLException {
		if (savepoint == null || transaction().isOwn(savepoint)) {
			throw new SQLException("'Connection." + method + "' is refused on the connection of test '"
					+ transaction().testName() + "': savepoint '" + nameOf(savepoint) + "' is DbIsolation's own, "
					+ "and without it the test could not be rolled back. Use savepoints of your own, which live "
					+ "inside the test's transaction.", "3B001");
		}
	}

	private static String nameOf(Savepoint savepoint) {
		try {
			return (savepoint != null) ? savepoint.getSavepointName() : "null";
		}
		catch (SQLException ex) {
			return String.valueOf(savepoint);
		}
	}

	private Object setClientInfo(Object[] args) {
		if (args.length == 1) {
			this.clientInfo.clear();
			this.clientInfo.putAll((Properties) args[0]);
		}
		else if (args[1] == null) {
			this.clientInfo.remove(args[0]);
		}
		else {
			this.clientInfo.setProperty((String) args[0], (String) args[1]);
		}
		return null;
	}

	private Object pointAt(String method, String schema) throws Throwable {
		String current = (String) transaction().call(() -> pinned().getCatalog());
		if (schema != null
				&& (schema.equals(current) || schema.equals(transaction().call(() -> pinned().getSchema())))) {
			return null;
		}
		throw new SQLException("'Connection." + method + "(\"" + schema + "\")' is refused on the connection of test '"
				+ transaction().testName() + "': every thread of the test shares this connection, which must stay on '"
				+ current + "'. Qualify the tables of the other schema with its name instead, or use "
				+ "@DbIsolation(mode = SCHEMA_PER_TEST), where connections are real.", "0A000");
	}

	private void close() throws Throwable {
		if (this.closed) {
			return;
		}
		this.closed = true;
		if (!this.autoCommit && transaction().isOpen()) {
			// like a pool: what the lease did not commit is rolled back
			rollback();
		}
	}

	private Connection pinned() {
		return transaction().pinned();
	}

	private static Object set(Runnable change) {
		change.run();
		return null;
	}

}
