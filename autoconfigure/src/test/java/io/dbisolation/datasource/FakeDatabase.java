package io.dbisolation.datasource;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import javax.sql.DataSource;

/**
 * A stand-in for a driver and its server, built from proxies, that records every call
 * made on its connections and keeps just enough state (savepoints, catalog) for the
 * wrappers' contract to be checked without a database.
 */
final class FakeDatabase {

	static final String URL = "jdbc:mysql://127.0.0.1:3306/dbiso_ctx?user=app&password=s3cret";

	final List<String> calls = new CopyOnWriteArrayList<>();

	final Set<String> savepoints = ConcurrentHashMap.newKeySet();

	final AtomicInteger opened = new AtomicInteger();

	final AtomicInteger closed = new AtomicInteger();

	volatile Function<String, SQLException> failure = (sql) -> null;

	volatile SQLException rollbackFailure;

	volatile boolean valid = true;

	/** Counted down when a statement starts, if set. */
	volatile CountDownLatch executing;

	/** Awaited by a statement before it returns, if set. */
	volatile CountDownLatch release;

	private final AtomicInteger savepointNumber = new AtomicInteger();

	/**
	 * Stands for a driver's own connection type, which must never reach the application.
	 */
	interface VendorConnection extends Connection {

	}

	/**
	 * Stands for a driver's own statement type.
	 */
	interface VendorStatement extends CallableStatement {

	}

	/**
	 * Stands for a driver's own result set type.
	 */
	interface VendorResultSet extends ResultSet {

	}

	DataSource dataSource() {
		return proxy(DataSource.class, (proxy, method, args) -> switch (method.getName()) {
			case "getConnection" -> connection();
			default -> defaultValue(method.getReturnType());
		});
	}

	List<String> callsStartingWith(String prefix) {
		return this.calls.stream().filter((call) -> call.startsWith(prefix)).toList();
	}

	Connection connection() {
		this.opened.incrementAndGet();
		Connection[] self = new Connection[1];
		self[0] = proxy(VendorConnection.class, (proxy, method, args) -> {
			record("Connection", method.getName(), args);
			return switch (method.getName()) {
				case "setSavepoint" -> {
					String name = (args != null) ? (String) args[0] : "sp_" + this.savepointNumber.incrementAndGet();
					this.savepoints.add(name);
					yield new FakeSavepoint(name);
				}
				case "releaseSavepoint" -> {
					requireSavepoint((Savepoint) args[0]);
					this.savepoints.remove(((Savepoint) args[0]).getSavepointName());
					yield null;
				}
				case "rollback" -> {
					if (args != null) {
						if (this.rollbackFailure != null) {
							throw this.rollbackFailure;
						}
						requireSavepoint((Savepoint) args[0]);
					}
					else {
						this.savepoints.clear();
					}
					yield null;
				}
				case "getCatalog" -> "dbiso_ctx";
				case "isValid" -> this.valid;
				case "close" -> {
					this.closed.incrementAndGet();
					yield null;
				}
				case "createStatement" -> statement(self[0], null);
				case "prepareStatement", "prepareCall" -> statement(self[0], (String) args[0]);
				case "getMetaData" -> metaData(self[0]);
				case "unwrap" -> proxy;
				case "isWrapperFor" -> true;
				case "getTransactionIsolation" -> Connection.TRANSACTION_REPEATABLE_READ;
				case "nativeSQL" -> "native " + args[0];
				default -> defaultValue(method.getReturnType());
			};
		});
		return self[0];
	}

	private void requireSavepoint(Savepoint savepoint) throws SQLException {
		if (!this.savepoints.contains(savepoint.getSavepointName())) {
			throw new SQLException("SAVEPOINT " + savepoint.getSavepointName() + " does not exist", "42000", 1305);
		}
	}

	private Statement statement(Connection connection, String prepared) {
		Statement[] self = new Statement[1];
		self[0] = proxy(VendorStatement.class, (proxy, method, args) -> {
			record("Statement", method.getName(), args);
			String name = method.getName();
			if (name.startsWith("execute")) {
				String sql = (args != null && args.length > 0 && args[0] instanceof String text) ? text : prepared;
				execute(sql);
				return switch (name) {
					case "executeQuery" -> resultSet(self[0]);
					case "execute" -> false;
					case "executeBatch" -> new int[0];
					case "executeLargeBatch" -> new long[0];
					default -> defaultValue(method.getReturnType());
				};
			}
			return switch (name) {
				case "getConnection" -> connection;
				case "getResultSet", "getGeneratedKeys" -> resultSet(self[0]);
				case "unwrap" -> proxy;
				default -> defaultValue(method.getReturnType());
			};
		});
		return self[0];
	}

	private void execute(String sql) throws Exception {
		CountDownLatch started = this.executing;
		if (started != null) {
			started.countDown();
		}
		CountDownLatch awaited = this.release;
		if (awaited != null && !awaited.await(10, TimeUnit.SECONDS)) {
			throw new IllegalStateException("The statement was never released");
		}
		if (sql != null && sql.startsWith("CALL commits")) {
			// the procedure commits: the server forgets every savepoint
			this.savepoints.clear();
		}
		SQLException failed = this.failure.apply(sql);
		if (failed != null) {
			if (failed.getErrorCode() == 1213) {
				this.savepoints.clear();
			}
			throw failed;
		}
	}

	private ResultSet resultSet(Statement statement) {
		return proxy(VendorResultSet.class, (proxy, method, args) -> {
			record("ResultSet", method.getName(), args);
			return switch (method.getName()) {
				case "getStatement" -> statement;
				case "unwrap" -> proxy;
				default -> defaultValue(method.getReturnType());
			};
		});
	}

	private DatabaseMetaData metaData(Connection connection) {
		return proxy(DatabaseMetaData.class, (proxy, method, args) -> {
			record("DatabaseMetaData", method.getName(), args);
			if (method.getReturnType() == ResultSet.class) {
				return resultSet(statement(connection, null));
			}
			return switch (method.getName()) {
				case "getConnection" -> connection;
				case "getURL" -> URL;
				case "getDatabaseProductName" -> "MariaDB";
				case "getDatabaseProductVersion" -> "5.5.5-10.11.6-MariaDB";
				default -> defaultValue(method.getReturnType());
			};
		});
	}

	private void record(String type, String method, Object[] args) {
		this.calls.add(type + "." + method + ((args != null) ? Arrays.toString(args) : "[]"));
	}

	@SuppressWarnings("unchecked")
	private static <T> T proxy(Class<T> type, InvocationHandler handler) {
		return (T) Proxy.newProxyInstance(FakeDatabase.class.getClassLoader(), new Class<?>[] { type },
				(proxy, method, args) -> switch (method.getName()) {
					case "equals" -> proxy == args[0];
					case "hashCode" -> System.identityHashCode(proxy);
					case "toString" -> "fake " + type.getSimpleName();
					default -> handler.invoke(proxy, method, args);
				});
	}

	static Object defaultValue(Class<?> type) {
		if (type == boolean.class) {
			return false;
		}
		if (type == int.class || type == short.class || type == byte.class) {
			return 0;
		}
		if (type == long.class) {
			return 0L;
		}
		if (type == float.class) {
			return 0F;
		}
		if (type == double.class) {
			return 0D;
		}
		if (type == char.class) {
			return ' ';
		}
		if (type == List.class) {
			return new ArrayList<>();
		}
		return null;
	}

	record FakeSavepoint(String name) implements Savepoint {

		@Override
		public int getSavepointId() {
			return 0;
		}

		@Override
		public String getSavepointName() {
			return this.name;
		}

	}

}
