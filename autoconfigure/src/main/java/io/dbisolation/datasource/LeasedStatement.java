package io.dbisolation.datasource;

import java.lang.reflect.Method;
import java.sql.CallableStatement;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A statement of a {@link LeasedConnection}, exposed as {@link Statement},
 * {@link PreparedStatement} or {@link CallableStatement}. Before a statement runs, SQL
 * that would commit implicitly is refused, and SQL that writes is refused on a read-only
 * lease; a statement that may commit while it runs is checked right after it. Its result
 * sets are wrapped, and {@code getConnection()} returns the lease.
 */
final class LeasedStatement extends JdbcWrapper {

	static final DecisionTable STATEMENT = statement(Statement.class).build();

	static final DecisionTable PREPARED = prepared(PreparedStatement.class).build();

	static final DecisionTable CALLABLE = prepared(CallableStatement.class)
		// OUT parameters: values read back after the call
		.delegate("registerOutParameter wasNull getArray getBigDecimal getBlob getBoolean getByte getBytes")
		.delegate("getCharacterStream getClob getDate getDouble getFloat getInt getLong getNCharacterStream getNClob")
		.delegate("getNString getObject getRef getRowId getSQLXML getShort getString getTime getTimestamp getURL")
		.build();

	private final LeasedConnection lease;

	private final String sql;

	private boolean closed;

	private String batchSql;

	private boolean batchMayCommit;

	LeasedStatement(LeasedConnection lease, Class<? extends Statement> type, Statement statement, String sql) {
		super(type, tableOf(type), statement, lease.transaction());
		this.lease = lease;
		this.sql = sql;
	}

	private static DecisionTable.Builder statement(Class<? extends Statement> type) {
		return DecisionTable.of(type)
			.delegate("clearBatch clearWarnings getWarnings closeOnCompletion isCloseOnCompletion")
			.delegate("enquoteIdentifier enquoteLiteral enquoteNCharLiteral isSimpleIdentifier")
			.delegate("getFetchDirection setFetchDirection getFetchSize setFetchSize getLargeMaxRows setLargeMaxRows")
			.delegate("getMaxFieldSize setMaxFieldSize getMaxRows setMaxRows getQueryTimeout setQueryTimeout")
			.delegate("getUpdateCount getLargeUpdateCount getMoreResults getResultSetConcurrency")
			.delegate("getResultSetHoldability getResultSetType setCursorName setEscapeProcessing isPoolable")
			.delegate("setPoolable")
			.route("execute executeQuery executeUpdate executeLargeUpdate executeBatch executeLargeBatch addBatch")
			.wrap("getResultSet getGeneratedKeys")
			.local("getConnection close isClosed cancel unwrap isWrapperFor");
	}

	private static DecisionTable.Builder prepared(Class<? extends Statement> type) {
		// parameters: values bound before the statement runs
		return statement(type).delegate("clearParameters getMetaData getParameterMetaData")
			.delegate("setArray setAsciiStream setBigDecimal setBinaryStream setBlob setBoolean setByte setBytes")
			.delegate("setCharacterStream setClob setDate setDouble setFloat setInt setLong setNCharacterStream")
			.delegate("setNClob setNString setNull setObject setRef setRowId setSQLXML setShort setString setTime")
			.delegate("setTimestamp setURL setUnicodeStream");
	}

	private static DecisionTable tableOf(Class<? extends Statement> type) {
		return (type == CallableStatement.class) ? CALLABLE : (type == PreparedStatement.class) ? PREPARED : STATEMENT;
	}

	@Override
	void requireUsable() throws SQLException {
		if (this.lease.isClosed()) {
			throw new SQLException("No operations allowed after connection closed.", "08003");
		}
		if (this.closed) {
			throw new SQLException("No operations allowed after statement closed.", "S1009");
		}
		transaction().requireOpen();
	}

	@Override
	Object decide(Method method, Object[] args) throws Throwable {
		String name = method.getName();
		switch (name) {
			case "close":
				if (!this.closed && transaction().isOpen()) {
					transaction().call(() -> invokeOn(delegate(), method, args));
				}
				this.closed = true;
				return null;
			case "isClosed":
				return this.closed || this.lease.isClosed() || !transaction().isOpen()
						|| (boolean) transaction().call(() -> invokeOn(delegate(), method, args));
			case "cancel":
				requireUsable();
				// not under the lock: the statement to cancel holds it while it runs
				((Statement) delegate()).cancel();
				return null;
			case "getConnection":
				requireUsable();
				return this.lease.proxy();
			default:
		}
		requireUsable();
		return switch (name) {
			case "getResultSet", "getGeneratedKeys" ->
				wrap(transaction().call(() -> invokeOn(delegate(), method, args)));
			case "addBatch" -> addBatch(method, args);
			default -> execute(method, args);
		};
	}

	private Object addBatch(Method method, Object[] args) throws Throwable {
		String given = givenSql(args);
		String statement = (given != null) ? given : this.sql;
		if (given != null) {
			transaction().checkNotImplicitCommit(given);
		}
		this.lease.checkWritable(statement);
		if (statement != null) {
			this.batchMayCommit |= transaction().guard().mayCommitWhileRunning().test(statement);
			this.batchSql = (this.batchSql != null) ? this.batchSql : statement;
		}
		return transaction().call(() -> invokeOn(delegate(), method, args));
	}

	private Object execute(Method method, Object[] args) throws Throwable {
		String given = givenSql(args);
		if (given != null) {
			transaction().checkNotImplicitCommit(given);
		}
		boolean batch = method.getName().endsWith("Batch");
		String statement = batch ? this.batchSql : (given != null) ? given : this.sql;
		boolean mayCommit = batch ? this.batchMayCommit
				: statement != null && transaction().guard().mayCommitWhileRunning().test(statement);
		if (!batch) {
			this.lease.checkWritable(statement);
		}
		else {
			this.batchSql = null;
			this.batchMayCommit = false;
		}
		Object result = transaction().execute(this.lease, String.valueOf(statement), mayCommit,
				() -> invokeOn(delegate(), method, args));
		return (result instanceof ResultSet) ? wrap(result) : result;
	}

	private Object wrap(Object resultSet) {
		return (resultSet != null) ? new LeasedResultSet(this.lease, (ResultSet) resultSet, proxy()).proxy() : null;
	}

	private static String givenSql(Object[] args) {
		return (args != null && args.length > 0 && args[0] instanceof String text) ? text : null;
	}

}
