package io.dbisolation.datasource;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;

/**
 * What the application holds when it asks for a connection during a test: a view of the
 * test's pinned connection with a transaction state of its own. Its transaction is a
 * savepoint: {@code commit()} keeps the work (it is rolled back with the test),
 * {@code rollback()} rolls back to the savepoint, {@code close()} ends the lease and,
 * like a pool, rolls back what was not committed.
 */
final class LeasedConnection implements InvocationHandler {

	private final TestTransaction transaction;

	private boolean autoCommit = true;

	private boolean readOnly;

	private Integer isolation;

	private Savepoint savepoint;

	private boolean closed;

	LeasedConnection(TestTransaction transaction) {
		this.transaction = transaction;
	}

	@Override
	public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
		switch (method.getName()) {
			case "equals":
				return proxy == args[0];
			case "hashCode":
				return System.identityHashCode(proxy);
			case "toString":
				return "DbIsolation lease on " + this.transaction.pinned();
			case "close":
				close();
				return null;
			case "isClosed":
				return this.closed;
			case "unwrap":
				return ((Class<?>) args[0]).isInstance(proxy) ? proxy : call(method, args);
			case "isWrapperFor":
				return ((Class<?>) args[0]).isInstance(proxy) || (boolean) call(method, args);
			default:
		}
		requireOpen();
		switch (method.getName()) {
			case "getAutoCommit":
				return this.autoCommit;
			case "setAutoCommit":
				setAutoCommit((boolean) args[0]);
				return null;
			case "commit":
				commit();
				return null;
			case "rollback":
				if (args == null || args.length == 0) {
					rollback();
					return null;
				}
				return call(method, args);
			case "isReadOnly":
				return this.readOnly;
			case "setReadOnly":
				// a read-only transaction cannot be started inside the test's transaction
				this.readOnly = (boolean) args[0];
				return null;
			case "getTransactionIsolation":
				return (this.isolation != null) ? this.isolation : call(method, args);
			case "setTransactionIsolation":
				// the test's transaction has its isolation already; it cannot change
				// mid-way
				this.isolation = (Integer) args[0];
				return null;
			case "createStatement":
				return statement(Statement.class, call(method, args), proxy);
			case "prepareStatement":
				this.transaction.checkNotImplicitCommit((String) args[0]);
				return statement(PreparedStatement.class, call(method, args), proxy);
			case "prepareCall":
				this.transaction.checkNotImplicitCommit((String) args[0]);
				return statement(CallableStatement.class, call(method, args), proxy);
			default:
				return call(method, args);
		}
	}

	/**
	 * Starts this lease's transaction before its first statement, if it is in one.
	 */
	void beforeStatement() throws SQLException {
		requireOpen();
		if (!this.autoCommit && this.savepoint == null) {
			this.savepoint = this.transaction.pinned().setSavepoint();
		}
	}

	TestTransaction transaction() {
		return this.transaction;
	}

	private void setAutoCommit(boolean autoCommit) throws SQLException {
		if (autoCommit && !this.autoCommit) {
			// JDBC: switching auto-commit on commits the current transaction
			commit();
		}
		this.autoCommit = autoCommit;
	}

	private void commit() throws SQLException {
		if (this.autoCommit) {
			throw new SQLException("Can't call commit when autocommit=true", "08003");
		}
		// the work stays in the test's transaction; forgetting the savepoint costs no
		// round trip
		this.savepoint = null;
	}

	private void rollback() throws SQLException {
		if (this.autoCommit) {
			throw new SQLException("Can't call rollback when autocommit=true", "08003");
		}
		if (this.savepoint != null) {
			this.transaction.lock().lock();
			try {
				this.transaction.pinned().rollback(this.savepoint);
			}
			finally {
				this.transaction.lock().unlock();
			}
			this.savepoint = null;
		}
	}

	private void close() throws SQLException {
		if (this.closed) {
			return;
		}
		try {
			if (!this.autoCommit) {
				rollback();
			}
		}
		finally {
			this.closed = true;
		}
	}

	private void requireOpen() throws SQLException {
		if (this.closed) {
			throw new SQLException("Connection is closed", "08003");
		}
	}

	private Object call(Method method, Object[] args) throws Throwable {
		this.transaction.lock().lock();
		try {
			return method.invoke(this.transaction.pinned(), args);
		}
		catch (InvocationTargetException ex) {
			throw ex.getTargetException();
		}
		finally {
			this.transaction.lock().unlock();
		}
	}

	private Object statement(Class<? extends Statement> type, Object statement, Object connection) {
		Class<?> exposed = (statement instanceof CallableStatement) ? CallableStatement.class
				: (statement instanceof PreparedStatement) ? PreparedStatement.class : type;
		return Proxy.newProxyInstance(LeasedConnection.class.getClassLoader(), new Class<?>[] { exposed },
				new LeasedStatement(this, (Statement) statement, (Connection) connection));
	}

}
