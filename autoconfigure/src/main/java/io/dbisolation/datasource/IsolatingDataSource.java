package io.dbisolation.datasource;

import java.lang.reflect.Method;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;

import org.springframework.aop.ProxyMethodInvocation;

import io.dbisolation.dialect.Dialect;

/**
 * Isolates an application DataSource; applied to a proxy of the DataSource bean that
 * keeps the bean's own type. Outside tests, every connection it hands out points at the
 * test context's private schema, whatever URL the DataSource was built with. During a
 * rolled-back test, every connection, on any thread, is a lease on the test's one pinned
 * connection. In {@code SCHEMA_PER_TEST} mode, connections point at the test's own
 * schema. The methods of {@link DataSource} are decided in {@link #TABLE}; the bean's
 * other methods (a pool's configuration and management) are passed to it.
 */
final class IsolatingDataSource implements MethodInterceptor {

	static final DecisionTable TABLE = DecisionTable.of(DataSource.class)
		.route("getConnection")
		.delegate("getLogWriter setLogWriter getLoginTimeout setLoginTimeout getParentLogger createShardingKeyBuilder")
		.local("unwrap isWrapperFor")
		.refuse("createConnectionBuilder",
				"a connection built by the pool would bypass the test's transaction. Use getConnection()")
		.build();

	private static final Set<String> DATA_SOURCE_METHODS = Arrays.stream(DataSource.class.getMethods())
		.map(IsolatingDataSource::signature)
		.collect(Collectors.toUnmodifiableSet());

	private final DataSource target;

	private final String schema;

	private final String database;

	private final boolean followsTestSchemas;

	private final InheritableThreadLocal<TestTransaction> transactionOfThread = new InheritableThreadLocal<>();

	private final SchemaPerTestRouting schemaTests = new SchemaPerTestRouting();

	private volatile TestTransaction test;

	private volatile StatementGuard guard;

	/**
	 * Isolates a DataSource.
	 * @param target the application's DataSource
	 * @param schema the schema every connection points at, or {@code null} to keep the
	 * target's own
	 * @param database where its connections go: DataSources on one database share each
	 * test's transaction
	 * @param followsTestSchemas whether connections go to the schema of a
	 * {@code SCHEMA_PER_TEST} test while it runs
	 */
	IsolatingDataSource(DataSource target, String schema, String database, boolean followsTestSchemas) {
		this.target = target;
		this.schema = schema;
		this.database = database;
		this.followsTestSchemas = followsTestSchemas;
	}

	/**
	 * Where connections go: the server and the database.
	 * @return a key equal for DataSources on one database
	 */
	String database() {
		return this.database;
	}

	DataSource target() {
		return this.target;
	}

	boolean followsTestSchemas() {
		return this.followsTestSchemas;
	}

	@Override
	public Object invoke(MethodInvocation invocation) throws Throwable {
		Method method = invocation.getMethod();
		if (!DATA_SOURCE_METHODS.contains(signature(method))) {
			return invocation.proceed();
		}
		Object[] args = invocation.getArguments();
		return switch (TABLE.decision(method)) {
			case ROUTE -> getConnection(args);
			case DELEGATE -> invocation.proceed();
			case LOCAL -> unwrapOrCheck(((ProxyMethodInvocation) invocation).getProxy(), method, (Class<?>) args[0]);
			default -> throw TABLE.refusal(method, (this.test != null) ? this.test.testName() : "(none running)");
		};
	}

	private Object unwrapOrCheck(Object proxy, Method method, Class<?> type) throws SQLException {
		if (method.getName().equals("isWrapperFor")) {
			return type.isInstance(proxy);
		}
		if (type.isInstance(proxy)) {
			return proxy;
		}
		throw new SQLException("Cannot unwrap the isolated DataSource to '" + type.getName() + "': the pool's own "
				+ "object would escape DbIsolation, and its connections would commit for real. Unwrap to the "
				+ "DataSource's own type ('" + this.target.getClass().getName() + "'), whose getConnection() is "
				+ "isolated.", "0A000");
	}

	private Connection getConnection(Object[] args) throws SQLException {
		while (true) {
			TestTransaction current = this.test;
			TestTransaction own = this.transactionOfThread.get();
			// a pool's worker (an executor's) created during an ended test may now work
			// for the running one; any other thread of an ended test is late
			if (own != null && !own.isOpen() && (current == null || !isPoolWorker(Thread.currentThread()))) {
				throw lateThread(own);
			}
			if (current == null) {
				return outsideTest(args);
			}
			Connection lease = current.lease();
			if (lease != null) {
				return lease;
			}
			if (own == current) {
				throw lateThread(own);
			}
			// the test ended while this thread, which is not one of its own, asked: it
			// asks again, now outside a test
		}
	}

	/**
	 * Whether a thread is a worker of a thread pool (which runs the tasks of whichever
	 * test submits them), rather than a thread that a test started for work of its own.
	 */
	static boolean isPoolWorker(Thread thread) {
		StackTraceElement[] stack = thread.getStackTrace();
		for (int i = stack.length - 1; i >= Math.max(0, stack.length - 6); i--) {
			String frame = stack[i].getClassName();
			if (frame.startsWith("java.util.concurrent.ThreadPoolExecutor")
					|| frame.startsWith("java.util.concurrent.ForkJoinWorkerThread")
					|| frame.startsWith("java.util.concurrent.ForkJoinPool")) {
				return true;
			}
		}
		return false;
	}

	private static SQLException lateThread(TestTransaction test) {
		return new SQLException(TestProblems.ended("A thread of test '" + test.testName() + "' asked for a connection"),
				"25000");
	}

	private Connection outsideTest(Object[] args) throws SQLException {
		SchemaTest test = this.schemaTests.testOfCaller();
		if (test != null && test.reachedByUrl()) {
			return test.connection(this.target);
		}
		String routed = (test != null) ? test.schema() : this.schema;
		Connection connection = (args == null || args.length == 0) ? this.target.getConnection()
				: this.target.getConnection((String) args[0], (String) args[1]);
		// the catalog is tracked by the driver, so this costs a round trip only when the
		// connection points elsewhere
		if (routed != null && !routed.equals(connection.getCatalog())) {
			try {
				connection.setCatalog(routed);
			}
			catch (SQLException ex) {
				connection.close();
				throw ex;
			}
		}
		return connection;
	}

	/**
	 * Makes the pool give up its connections, whose sessions the server ended: Hikari's
	 * are evicted (in use ones when they come back), other pools' are tried one by one
	 * until one works, since a failed statement makes a pool discard a connection.
	 */
	void replaceConnections() {
		if (PoolEviction.softEvict(this.target)) {
			return;
		}
		for (int attempt = 0; attempt < PoolEviction.MAX_STALE; attempt++) {
			try (Connection connection = this.target.getConnection();
					java.sql.Statement statement = connection.createStatement()) {
				statement.execute("SELECT 1");
				return;
			}
			catch (SQLException ex) {
				// a stale connection, dropped by its pool; the next one is tried
			}
		}
	}

	/**
	 * A new transaction for a test, on this DataSource's database.
	 * @param testName the test, for messages
	 * @param testClassName the test class, for messages
	 * @return the transaction, not begun yet
	 */
	TestTransaction newTransaction(String testName, String testClassName) {
		return new TestTransaction(this.target, this.schema, testName, testClassName, this::guard);
	}

	/**
	 * Starts routing every connection to one transaction, which may be shared with other
	 * DataSources on the same database. Called on the test's thread, which, with the
	 * threads it starts, belongs to the test.
	 * @param transaction the test's transaction on this DataSource's database
	 */
	void beginTest(TestTransaction transaction) {
		this.transactionOfThread.set(transaction);
		this.test = transaction;
	}

	/**
	 * Stops routing connections to the test's transaction, which the caller then rolls
	 * back.
	 * @return the transaction, {@code null} if no test was running
	 */
	TestTransaction stopTest() {
		TestTransaction ended = this.test;
		this.transactionOfThread.remove();
		// first, so that threads that are not the test's stop asking the ending test
		this.test = null;
		return ended;
	}

	SchemaPerTestRouting schemaTests() {
		return this.schemaTests;
	}

	private StatementGuard guard(Connection connection) {
		StatementGuard known = this.guard;
		if (known == null) {
			try {
				known = StatementGuard.of(Dialect.of(connection));
			}
			catch (SQLException ex) {
				throw new IllegalStateException("Could not read the database's metadata", ex);
			}
			this.guard = known;
		}
		return known;
	}

	private static String signature(Method method) {
		return method.getName() + Arrays.toString(method.getParameterTypes());
	}

}
