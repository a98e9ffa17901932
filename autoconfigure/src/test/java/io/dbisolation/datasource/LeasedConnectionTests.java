package io.dbisolation.datasource;

import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.Executors;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.dbisolation.datasource.FakeDatabase.VendorConnection;
import io.dbisolation.datasource.FakeDatabase.VendorResultSet;
import io.dbisolation.datasource.FakeDatabase.VendorStatement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The contract of a lease and of the objects it hands out, checked against a fake driver:
 * nothing raw leaves, and nothing changes the session that every thread of the test
 * shares.
 */
class LeasedConnectionTests {

	static final StatementGuard GUARD = new StatementGuard(
			(sql) -> sql.startsWith("TRUNCATE") ? Optional.of(sql) : Optional.empty(), (sql) -> sql.startsWith("CALL"),
			(sql) -> sql.startsWith("INSERT") || sql.startsWith("UPDATE"));

	private final FakeDatabase database = new FakeDatabase();

	private TestTransaction transaction;

	private Connection lease;

	@BeforeEach
	void lease() throws SQLException {
		this.transaction = new TestTransaction(this.database.dataSource(), "dbiso_ctx", "ATest.works", "ATest",
				(connection) -> GUARD);
		this.lease = this.transaction.lease();
	}

	@Test
	void unwrapToAnInterfaceTheLeaseIsReturnsTheLease() throws SQLException {
		assertThat(this.lease.unwrap(Connection.class)).isSameAs(this.lease);
		assertThat(this.lease.isWrapperFor(Connection.class)).isTrue();
	}

	@Test
	void unwrapToTheDriversTypeIsRefused() throws SQLException {
		assertThat(this.lease.isWrapperFor(VendorConnection.class)).isFalse();
		assertThatExceptionOfType(SQLException.class).isThrownBy(() -> this.lease.unwrap(VendorConnection.class))
			.withMessage("Cannot unwrap the Connection of test 'ATest.works' to '" + VendorConnection.class.getName()
					+ "': the driver's own object would escape the test's transaction, and what is done through it "
					+ "would not be rolled back. Use the 'java.sql.Connection' interface, or use "
					+ "@DbIsolation(mode = SCHEMA_PER_TEST), where connections are real.");
	}

	@Test
	void statementsResultSetsAndMetadataLeadBackToTheWrappers() throws SQLException {
		Statement statement = this.lease.createStatement();
		assertThat(statement).isNotInstanceOf(VendorStatement.class);
		assertThat(statement.getConnection()).isSameAs(this.lease);
		ResultSet query = statement.executeQuery("SELECT 1");
		assertThat(query).isNotInstanceOf(VendorResultSet.class);
		assertThat(query.getStatement()).isSameAs(statement);
		assertThat(statement.getResultSet().getStatement()).isSameAs(statement);
		assertThat(statement.getGeneratedKeys().getStatement()).isSameAs(statement);
		assertThatExceptionOfType(SQLException.class).isThrownBy(() -> query.unwrap(VendorResultSet.class));
		assertThatExceptionOfType(SQLException.class).isThrownBy(() -> statement.unwrap(VendorStatement.class));
		DatabaseMetaData metaData = this.lease.getMetaData();
		assertThat(metaData.getConnection()).isSameAs(this.lease);
		ResultSet tables = metaData.getTables(null, null, "%", null);
		assertThat(tables).isNotInstanceOf(VendorResultSet.class);
		assertThat(tables.getStatement()).isNull();
		assertThat(metaData.getDatabaseProductName()).isEqualTo("MariaDB");
	}

	@Test
	void preparedAndCallableStatementsKeepTheirInterface() throws SQLException {
		PreparedStatement prepared = this.lease.prepareStatement("SELECT ?");
		assertThat(prepared).isNotInstanceOf(CallableStatement.class);
		assertThat(prepared.getConnection()).isSameAs(this.lease);
		assertThat(prepared.executeQuery().getStatement()).isSameAs(prepared);
		CallableStatement callable = this.lease.prepareCall("CALL reads()");
		assertThat(callable.getConnection()).isSameAs(this.lease);
		assertThat(callable).isNotInstanceOf(VendorStatement.class);
	}

	@Test
	void abortClosesTheLeaseAndNeverTheTestsConnection() throws SQLException {
		this.lease.abort(Executors.newSingleThreadExecutor());
		assertThat(this.lease.isClosed()).isTrue();
		assertThat(this.database.callsStartingWith("Connection.abort")).isEmpty();
		assertThat(this.database.closed).hasValue(0);
		assertThatExceptionOfType(SQLException.class).isThrownBy(this.lease::createStatement)
			.withMessage("Connection is closed");
		assertThat(this.transaction.lease().isClosed()).isFalse();
	}

	@Test
	void setCatalogOrSchemaToTheCurrentSchemaChangesNothing() throws SQLException {
		this.lease.setCatalog("dbiso_ctx");
		this.lease.setSchema("dbiso_ctx");
		assertThat(this.database.callsStartingWith("Connection.setCatalog")).hasSize(0);
		assertThat(this.database.callsStartingWith("Connection.setSchema")).isEmpty();
	}

	@Test
	void setCatalogOrSchemaToAnotherSchemaIsRefused() {
		assertThatExceptionOfType(SQLException.class).isThrownBy(() -> this.lease.setCatalog("other"))
			.withMessage("'Connection.setCatalog(\"other\")' is refused on the connection of test 'ATest.works': "
					+ "every thread of the test shares this connection, which must stay on 'dbiso_ctx'. Qualify the "
					+ "tables of the other schema with its name instead, or use @DbIsolation(mode = "
					+ "SCHEMA_PER_TEST), where connections are real.");
		assertThatExceptionOfType(SQLException.class).isThrownBy(() -> this.lease.setSchema("other"))
			.withMessageStartingWith("'Connection.setSchema(\"other\")' is refused");
		assertThat(this.database.callsStartingWith("Connection.setCatalog")).isEmpty();
		assertThat(this.database.callsStartingWith("Connection.setSchema")).isEmpty();
	}

	@Test
	void dbIsolationsOwnSavepointCannotBeReleasedOrRolledBackTo() throws SQLException {
		this.lease.setAutoCommit(false);
		Savepoint own = new FakeDatabase.FakeSavepoint(TestTransaction.START);
		assertThatExceptionOfType(SQLException.class).isThrownBy(() -> this.lease.releaseSavepoint(own))
			.withMessage("'Connection.releaseSavepoint' is refused on the connection of test 'ATest.works': "
					+ "savepoint 'dbiso_test' is DbIsolation's own, and without it the test could not be rolled "
					+ "back. Use savepoints of your own, which live inside the test's transaction.");
		assertThatExceptionOfType(SQLException.class).isThrownBy(() -> this.lease.rollback(own))
			.withMessageStartingWith("'Connection.rollback' is refused");
		assertThatExceptionOfType(SQLException.class).isThrownBy(() -> this.lease.setSavepoint("dbiso_test"))
			.withMessageStartingWith("Savepoint name 'dbiso_test' in test 'ATest.works' is reserved");
		assertThat(this.database.savepoints).contains(TestTransaction.START);
	}

	@Test
	void theApplicationsOwnSavepointsLiveInsideTheTestsTransaction() throws SQLException {
		this.lease.setAutoCommit(false);
		Savepoint mine = this.lease.setSavepoint("mine");
		this.lease.rollback(mine);
		this.lease.releaseSavepoint(mine);
		assertThat(this.database.callsStartingWith("Connection.r")).containsExactly(
				"Connection.rollback[FakeSavepoint[name=mine]]",
				"Connection.releaseSavepoint[FakeSavepoint[name=mine]]");
		assertThat(this.database.savepoints).contains(TestTransaction.START).doesNotContain("mine");
	}

	@Test
	void readOnlyIsKeptAndWritesFailAsOnTheServer() throws SQLException {
		this.lease.setReadOnly(true);
		assertThat(this.lease.isReadOnly()).isTrue();
		assertThat(this.database.callsStartingWith("Connection.setReadOnly")).isEmpty();
		Statement statement = this.lease.createStatement();
		statement.executeQuery("SELECT 1");
		SQLException refused = org.junit.jupiter.api.Assertions.assertThrows(SQLException.class,
				() -> statement.executeUpdate("INSERT INTO colors VALUES (1, 'red')"));
		assertThat((Throwable) refused).hasMessage("Cannot execute statement in a READ ONLY transaction.");
		assertThat(refused.getSQLState()).isEqualTo("25006");
		assertThat(refused.getErrorCode()).isEqualTo(1792);
		assertThatExceptionOfType(SQLException.class)
			.isThrownBy(() -> this.lease.prepareStatement("UPDATE colors SET name = 'x'").executeUpdate())
			.withMessage("Cannot execute statement in a READ ONLY transaction.");
		assertThat(this.database.callsStartingWith("Statement.executeUpdate")).isEmpty();
		this.lease.setReadOnly(false);
		statement.executeUpdate("INSERT INTO colors VALUES (1, 'red')");
		assertThat(this.database.callsStartingWith("Statement.executeUpdate")).hasSize(1);
	}

	@Test
	void sessionSettingsStayOnTheLease() throws SQLException {
		this.lease.setNetworkTimeout(Executors.newSingleThreadExecutor(), 1234);
		this.lease.setClientInfo("ApplicationName", "app");
		this.lease.setHoldability(ResultSet.CLOSE_CURSORS_AT_COMMIT);
		this.lease.setTransactionIsolation(Connection.TRANSACTION_SERIALIZABLE);
		assertThat(this.lease.getNetworkTimeout()).isEqualTo(1234);
		assertThat(this.lease.getClientInfo("ApplicationName")).isEqualTo("app");
		assertThat(this.lease.getClientInfo()).isEqualTo(properties("ApplicationName", "app"));
		assertThat(this.lease.getHoldability()).isEqualTo(ResultSet.CLOSE_CURSORS_AT_COMMIT);
		assertThat(this.lease.getTransactionIsolation()).isEqualTo(Connection.TRANSACTION_SERIALIZABLE);
		assertThat(this.database.calls).noneMatch((call) -> call.startsWith("Connection.setNetworkTimeout")
				|| call.startsWith("Connection.setClientInfo") || call.startsWith("Connection.setHoldability")
				|| call.startsWith("Connection.setTransactionIsolation"));
		assertThat(this.transaction.lease().getTransactionIsolation())
			.isEqualTo(Connection.TRANSACTION_REPEATABLE_READ);
	}

	@Test
	void typeMapAndShardingKeysAreRefused() {
		assertThatExceptionOfType(SQLException.class).isThrownBy(() -> this.lease.setTypeMap(Map.of()))
			.withMessage("'Connection.setTypeMap' is not supported on the connection of test 'ATest.works': it would "
					+ "change the type map of the one connection that every thread of the test shares. Pass the type "
					+ "map to getObject instead.");
		assertThatExceptionOfType(SQLException.class).isThrownBy(() -> this.lease.setShardingKey(null))
			.withMessageStartingWith("'Connection.setShardingKey' is not supported");
	}

	@Test
	void dataObjectsAndNativeSqlComeFromTheDriver() throws SQLException {
		assertThat(this.lease.nativeSQL("SELECT 1")).isEqualTo("native SELECT 1");
		this.lease.createArrayOf("INT", new Object[0]);
		assertThat(this.database.callsStartingWith("Connection.createArrayOf")).hasSize(1);
	}

	@Test
	void statementThatCommitsImplicitlyIsRefusedBeforeItRuns() throws SQLException {
		Statement statement = this.lease.createStatement();
		assertThatExceptionOfType(SQLException.class).isThrownBy(() -> statement.execute("TRUNCATE colors"))
			.withMessageStartingWith("Statement 'TRUNCATE colors' in test 'ATest.works' commits implicitly");
		assertThatExceptionOfType(SQLException.class).isThrownBy(() -> this.lease.prepareStatement("TRUNCATE t"))
			.withMessageStartingWith("Statement 'TRUNCATE t' in test 'ATest.works' commits implicitly");
		assertThat(this.database.callsStartingWith("Statement.execute")).isEmpty();
	}

	@Test
	void commitKeepsTheWorkAndRollbackUndoesItAsASavepoint() throws SQLException {
		this.lease.setAutoCommit(false);
		Statement statement = this.lease.createStatement();
		statement.executeUpdate("INSERT INTO colors VALUES (1, 'red')");
		this.lease.commit();
		statement.executeUpdate("INSERT INTO colors VALUES (2, 'green')");
		this.lease.rollback();
		assertThat(this.database.callsStartingWith("Connection.rollback"))
			.containsExactly("Connection.rollback[FakeSavepoint[name=sp_2]]");
		assertThat(this.database.callsStartingWith("Connection.commit")).isEmpty();
	}

	private static Properties properties(String key, String value) {
		Properties properties = new Properties();
		properties.setProperty(key, value);
		return properties;
	}

}
