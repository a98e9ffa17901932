package io.dbisolation.datasource;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.aop.support.AopUtils;

import io.dbisolation.datasource.FakeDatabase.VendorConnection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The isolated DataSource bean: it keeps its type, its unwrap never escapes, and threads
 * are routed by the test they belong to. Checked against a fake driver.
 */
class IsolatingDataSourceTests {

	private static final String LATE_ROLLED_BACK = "A thread of test 'ATest.works' asked for a connection after the "
			+ "test ended: work that outlives its test is not rolled back with it, so DbIsolation refuses it. Wait "
			+ "for that work in the test (join the thread, get the future) before the test ends.";

	private final FakeDatabase database = new FakeDatabase();

	private final IsolatedDataSources registry = new IsolatedDataSources();

	private final ExecutorService unrelated = Executors.newSingleThreadExecutor();

	@AfterEach
	void stop() {
		this.registry.endTest();
		this.unrelated.shutdownNow();
	}

	@Test
	void theBeanKeepsItsTypeAndItsConfiguration() {
		Object bean = isolate(new PoolLikeDataSource(this.database));
		assertThat(bean).isInstanceOf(PoolLikeDataSource.class);
		assertThat(AopUtils.isCglibProxy(bean)).isTrue();
		assertThat(((PoolLikeDataSource) bean).getPoolName()).isEqualTo("pool");
	}

	@Test
	void unwrapToTheBeansTypeReturnsTheIsolatedBeanWhoseConnectionsAreLeases() throws SQLException {
		DataSource bean = isolate(new PoolLikeDataSource(this.database));
		this.registry.beginTest("ATest.works", "ATest");
		PoolLikeDataSource unwrapped = bean.unwrap(PoolLikeDataSource.class);
		assertThat(unwrapped).isSameAs(bean);
		assertThat(bean.isWrapperFor(PoolLikeDataSource.class)).isTrue();
		try (Connection connection = unwrapped.getConnection()) {
			assertThat(connection).isNotInstanceOf(VendorConnection.class);
			connection.createStatement().executeUpdate("INSERT INTO colors VALUES (1, 'red')");
		}
		assertThat(this.database.callsStartingWith("Connection.setAutoCommit[false]")).hasSize(1);
	}

	@Test
	void unwrapToAnotherTypeIsRefused() {
		DataSource bean = isolate(new PoolLikeDataSource(this.database));
		assertThatExceptionOfType(SQLException.class).isThrownBy(() -> bean.unwrap(VendorConnection.class))
			.withMessage("Cannot unwrap the isolated DataSource to '" + VendorConnection.class.getName() + "': the "
					+ "pool's own object would escape DbIsolation, and its connections would commit for real. Unwrap "
					+ "to the DataSource's own type ('" + PoolLikeDataSource.class.getName() + "'), whose "
					+ "getConnection() is isolated.");
	}

	@Test
	void aConnectionBuilderIsRefused() {
		DataSource bean = isolate(new PoolLikeDataSource(this.database));
		assertThatExceptionOfType(SQLException.class).isThrownBy(bean::createConnectionBuilder)
			.withMessage("'DataSource.createConnectionBuilder' is not supported on the connection of test "
					+ "'(none running)': a connection built by the pool would bypass the test's transaction. Use "
					+ "getConnection().");
	}

	@Test
	void aDataSourceOfAFinalClassIsIsolatedThroughItsInterfaces() throws SQLException {
		DataSource bean = isolate(this.database.dataSource());
		this.registry.beginTest("ATest.works", "ATest");
		assertThat(bean.getConnection()).isNotInstanceOf(VendorConnection.class);
	}

	@Test
	void threadOfAnEndedTestIsRefusedNamingTheTest() throws Exception {
		DataSource bean = isolate(new PoolLikeDataSource(this.database));
		// isolating reads where the DataSource points, on a connection of its own
		int openedBefore = this.database.opened.get();
		this.registry.beginTest("ATest.works", "ATest");
		CountDownLatch ended = new CountDownLatch(1);
		CompletableFuture<Object> late = new CompletableFuture<>();
		Thread thread = new Thread(() -> late.complete(connectAfter(ended, bean)));
		thread.start();
		this.registry.endTest();
		ended.countDown();
		assertThat(late.get(10, TimeUnit.SECONDS)).isInstanceOf(SQLException.class)
			.extracting(Object::toString)
			.isEqualTo(SQLException.class.getName() + ": " + LATE_ROLLED_BACK);
		assertThat(this.database.opened).hasValue(openedBefore);
	}

	@Test
	void threadOfAnEndedTestIsRefusedWhileTheNextTestRuns() throws Exception {
		DataSource bean = isolate(new PoolLikeDataSource(this.database));
		this.registry.beginTest("ATest.works", "ATest");
		CountDownLatch ended = new CountDownLatch(1);
		CompletableFuture<Object> late = new CompletableFuture<>();
		new Thread(() -> late.complete(connectAfter(ended, bean))).start();
		this.registry.endTest();
		this.registry.beginTest("ATest.next", "ATest");
		ended.countDown();
		assertThat(late.get(10, TimeUnit.SECONDS)).isInstanceOf(SQLException.class)
			.extracting(Object::toString)
			.isEqualTo(SQLException.class.getName() + ": " + LATE_ROLLED_BACK);
	}

	@Test
	void poolWorkerStartedInAnEndedTestWorksForTheNextTest() throws Exception {
		DataSource bean = isolate(new PoolLikeDataSource(this.database));
		this.registry.beginTest("ATest.works", "ATest");
		ExecutorService pool = Executors.newSingleThreadExecutor();
		try {
			// the worker thread is created now, during the first test
			pool.submit(() -> null).get(10, TimeUnit.SECONDS);
			this.registry.endTest();
			this.registry.beginTest("ATest.next", "ATest");
			assertThat(pool.submit(() -> bean.getConnection()).get(10, TimeUnit.SECONDS))
				.isNotInstanceOf(VendorConnection.class);
		}
		finally {
			pool.shutdownNow();
		}
	}

	@Test
	void threadsOfNoTestGetLeasesDuringATestAndOrdinaryConnectionsOutside() throws Exception {
		DataSource bean = isolate(new PoolLikeDataSource(this.database));
		this.unrelated.submit(() -> null).get();
		this.registry.beginTest("ATest.works", "ATest");
		assertThat(this.unrelated.submit(connect(bean)).get()).isNotInstanceOf(VendorConnection.class);
		this.registry.endTest();
		assertThat(this.unrelated.submit(connect(bean)).get()).isInstanceOf(VendorConnection.class);
	}

	@Test
	void pooledThreadStartedByAnEndedTestWorksForTheRunningTest() throws Exception {
		DataSource bean = isolate(new PoolLikeDataSource(this.database));
		ExecutorService pool = Executors.newSingleThreadExecutor();
		try {
			this.registry.beginTest("ATest.first", "ATest");
			pool.submit(() -> null).get();
			this.registry.endTest();
			this.registry.beginTest("ATest.second", "ATest");
			Connection connection = pool.submit(connect(bean)).get();
			assertThat(connection.toString()).isEqualTo("DbIsolation Connection of test 'ATest.second'");
		}
		finally {
			pool.shutdownNow();
		}
	}

	@Test
	void parallelInvocationsOfOneTestMethodEachGetTheirOwnSchema() throws Exception {
		DataSource bean = isolate(new PoolLikeDataSource(this.database));
		ExecutorService first = Executors.newSingleThreadExecutor();
		ExecutorService second = Executors.newSingleThreadExecutor();
		try {
			first.submit(() -> this.registry.beginSchemaTest("ATest.repeated", "dbiso_one", null)).get();
			second.submit(() -> this.registry.beginSchemaTest("ATest.repeated", "dbiso_two", null)).get();
			first.submit(connect(bean)).get();
			second.submit(connect(bean)).get();
			assertThat(this.database.callsStartingWith("Connection.setCatalog"))
				.containsExactly("Connection.setCatalog[dbiso_one]", "Connection.setCatalog[dbiso_two]");
		}
		finally {
			first.shutdownNow();
			second.shutdownNow();
		}
	}

	@Test
	void threadOfAnEndedSchemaPerTestTestNeverReachesTheNextTestsSchema() throws Exception {
		DataSource bean = isolate(new PoolLikeDataSource(this.database));
		SchemaTest first = this.registry.beginSchemaTest("ATest.first", "dbiso_one", null);
		CountDownLatch ended = new CountDownLatch(1);
		CompletableFuture<Object> late = new CompletableFuture<>();
		new Thread(() -> late.complete(connectAfter(ended, bean))).start();
		this.registry.endSchemaTest(first);
		SchemaTest next = this.registry.beginSchemaTest("ATest.second", "dbiso_two", null);
		ended.countDown();
		assertThat(late.get(10, TimeUnit.SECONDS)).isInstanceOf(SQLException.class)
			.extracting(Object::toString)
			.isEqualTo(SQLException.class.getName() + ": A thread of test 'ATest.first' asked for a connection "
					+ "after the test ended: its schema may already be another test's, so DbIsolation refuses it. "
					+ "Wait for that work in the test (join the thread, get the future) before the test ends.");
		assertThat(this.database.callsStartingWith("Connection.setCatalog")).isEmpty();
		this.registry.endSchemaTest(next);
	}

	private static java.util.concurrent.Callable<Connection> connect(DataSource dataSource) {
		return dataSource::getConnection;
	}

	private static Object connectAfter(CountDownLatch latch, DataSource dataSource) {
		try {
			if (!latch.await(10, TimeUnit.SECONDS)) {
				return new IllegalStateException("never released");
			}
			return dataSource.getConnection();
		}
		catch (Exception ex) {
			return ex;
		}
	}

	@SuppressWarnings("unchecked")
	private <T> T isolate(DataSource dataSource) {
		return (T) new IsolatingDataSourcePostProcessor("dbiso_ctx", this.registry)
			.postProcessAfterInitialization(dataSource, "dataSource");
	}

	/**
	 * A DataSource with a type and configuration of its own, as a pool has.
	 */
	public static class PoolLikeDataSource implements DataSource {

		private final FakeDatabase database;

		public PoolLikeDataSource(FakeDatabase database) {
			this.database = database;
		}

		public String getPoolName() {
			return "pool";
		}

		@Override
		public Connection getConnection() throws SQLException {
			return this.database.connection();
		}

		@Override
		public Connection getConnection(String username, String password) throws SQLException {
			return this.database.connection();
		}

		@Override
		public PrintWriter getLogWriter() {
			return null;
		}

		@Override
		public void setLogWriter(PrintWriter out) {
		}

		@Override
		public void setLoginTimeout(int seconds) {
		}

		@Override
		public int getLoginTimeout() {
			return 0;
		}

		@Override
		public Logger getParentLogger() {
			return Logger.getGlobal();
		}

		@Override
		public <T> T unwrap(Class<T> iface) throws SQLException {
			// like a pool: itself, or what it wraps
			if (iface.isInstance(this)) {
				return iface.cast(this);
			}
			return this.database.connection().unwrap(iface);
		}

		@Override
		public boolean isWrapperFor(Class<?> iface) {
			return true;
		}

	}

}
