package io.dbisolation.datasource;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.sql.Connection;
import java.sql.Statement;

/**
 * A statement of a {@link LeasedConnection}: each call holds the test transaction's lock,
 * execution first starts the lease's transaction, and SQL that would commit implicitly is
 * refused.
 */
final class LeasedStatement implements InvocationHandler {

	private final LeasedConnection lease;

	private final Statement statement;

	private final Connection connection;

	LeasedStatement(LeasedConnection lease, Statement statement, Connection connection) {
		this.lease = lease;
		this.statement = statement;
		this.connection = connection;
	}

	@Override
	public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
		String name = method.getName();
		switch (name) {
			case "equals":
				return proxy == args[0];
			case "hashCode":
				return System.identityHashCode(proxy);
			case "toString":
				return "DbIsolation lease of " + this.statement;
			case "getConnection":
				return this.connection;
			default:
		}
		if (args != null && args.length > 0 && args[0] instanceof String sql
				&& (name.startsWith("execute") || name.equals("addBatch"))) {
			this.lease.transaction().checkNotImplicitCommit(sql);
		}
		TestTransaction transaction = this.lease.transaction();
		transaction.lock().lock();
		try {
			if (name.startsWith("execute")) {
				this.lease.beforeStatement();
			}
			return method.invoke(this.statement, args);
		}
		catch (InvocationTargetException ex) {
			throw ex.getTargetException();
		}
		finally {
			transaction.lock().unlock();
		}
	}

}
