package io.dbisolation.datasource;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.SQLException;

/**
 * The common part of the JDBC wrappers of a lease, in the manner of HikariCP's proxies:
 * each wrapper exposes only its {@code java.sql} interface and decides every method of it
 * in a {@link DecisionTable}. Delegated calls hold the test transaction's lock and fail
 * once the test has ended; {@code unwrap} never hands out the driver's object.
 */
abstract class JdbcWrapper implements InvocationHandler {

	private final Class<?> type;

	private final DecisionTable table;

	private final Object delegate;

	private final TestTransaction transaction;

	private Object proxy;

	JdbcWrapper(Class<?> type, DecisionTable table, Object delegate, TestTransaction transaction) {
		this.type = type;
		this.table = table;
		this.delegate = delegate;
		this.transaction = transaction;
	}

	/**
	 * The proxy that the application holds.
	 * @return the proxy, created on first use
	 */
	@SuppressWarnings("unchecked")
	final <T> T proxy() {
		if (this.proxy == null) {
			this.proxy = Proxy.newProxyInstance(JdbcWrapper.class.getClassLoader(), new Class<?>[] { this.type }, this);
		}
		return (T) this.proxy;
	}

	@Override
	public final Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
		if (method.getDeclaringClass() == Object.class) {
			return switch (method.getName()) {
				case "equals" -> proxy == args[0];
				case "hashCode" -> System.identityHashCode(proxy);
				default ->
					"DbIsolation " + this.type.getSimpleName() + " of test '" + this.transaction.testName() + "'";
			};
		}
		switch (method.getName()) {
			case "unwrap":
				return unwrap((Class<?>) args[0]);
			case "isWrapperFor":
				return ((Class<?>) args[0]).isInstance(proxy);
			default:
		}
		Decision decision = this.table.decision(method);
		if (decision == Decision.REFUSE) {
			throw this.table.refusal(method, this.transaction.testName());
		}
		if (decision == Decision.DELEGATE) {
			requireUsable();
			return this.transaction.call(() -> invokeOn(this.delegate, method, args));
		}
		return decide(method, args);
	}

	/**
	 * Carries out a method that is routed, answered locally or wrapped.
	 * @param method the method
	 * @param args its arguments
	 * @return its result
	 * @throws Throwable what the JDBC method throws
	 */
	abstract Object decide(Method method, Object[] args) throws Throwable;

	/**
	 * Fails if this object may no longer be used: its lease is closed, or its test ended.
	 * @throws SQLException saying why
	 */
	abstract void requireUsable() throws SQLException;

	private Object unwrap(Class<?> iface) throws SQLException {
		if (iface.isInstance(this.proxy)) {
			return this.proxy;
		}
		throw new SQLException(
				"Cannot unwrap the " + this.type.getSimpleName() + " of test '" + this.transaction.testName() + "' to '"
						+ iface.getName() + "': the driver's own object would escape "
						+ "the test's transaction, and what is done through it would not be rolled back. Use the '"
						+ this.type.getName()
						+ "' interface, or use @DbIsolation(mode = SCHEMA_PER_TEST), where connections " + "are real.",
				"0A000");
	}

	final Object delegate() {
		return this.delegate;
	}

	final TestTransaction transaction() {
		return this.transaction;
	}

	/**
	 * Calls a method on the wrapped object, throwing what it throws.
	 */
	static Object invokeOn(Object target, Method method, Object[] args) throws Throwable {
		try {
			return method.invoke(target, args);
		}
		catch (InvocationTargetException ex) {
			throw ex.getTargetException();
		}
	}

}
