package io.dbisolation.datasource;

import java.lang.reflect.Method;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A result set read through a {@link LeasedConnection}. Reads hold the test transaction's
 * lock, because a streaming result reads from the shared connection;
 * {@code getStatement()} returns the wrapped statement; the writes of an updatable result
 * set are checked like statements.
 */
final class LeasedResultSet extends JdbcWrapper {

	static final DecisionTable TABLE = DecisionTable.of(ResultSet.class)
		.delegate("next previous first last absolute relative beforeFirst afterLast isFirst isLast isBeforeFirst")
		.delegate("isAfterLast getRow findColumn wasNull getMetaData getWarnings clearWarnings getCursorName")
		.delegate("getType getConcurrency getHoldability getFetchDirection setFetchDirection getFetchSize")
		.delegate("setFetchSize rowDeleted rowInserted rowUpdated refreshRow")
		.delegate("getArray getAsciiStream getBigDecimal getBinaryStream getBlob getBoolean getByte getBytes")
		.delegate("getCharacterStream getClob getDate getDouble getFloat getInt getLong getNCharacterStream")
		.delegate("getNClob getNString getObject getRef getRowId getSQLXML getShort getString getTime getTimestamp")
		.delegate("getURL getUnicodeStream")
		// values staged in the result set; only insertRow, updateRow and deleteRow write
		.delegate("updateArray updateAsciiStream updateBigDecimal updateBinaryStream updateBlob updateBoolean")
		.delegate("updateByte updateBytes updateCharacterStream updateClob updateDate updateDouble updateFloat")
		.delegate("updateInt updateLong updateNCharacterStream updateNClob updateNString updateNull updateObject")
		.delegate("updateRef updateRowId updateSQLXML updateShort updateString updateTime updateTimestamp")
		.delegate("moveToInsertRow moveToCurrentRow cancelRowUpdates")
		.route("insertRow updateRow deleteRow")
		.local("getStatement close isClosed unwrap isWrapperFor")
		.build();

	private final LeasedConnection lease;

	private final Statement statement;

	private boolean closed;

	/**
	 * Wraps a result set.
	 * @param lease the lease it was read through
	 * @param resultSet the driver's result set
	 * @param statement the wrapped statement that produced it, {@code null} for metadata
	 */
	LeasedResultSet(LeasedConnection lease, ResultSet resultSet, Statement statement) {
		super(ResultSet.class, TABLE, resultSet, lease.transaction());
		this.lease = lease;
		this.statement = statement;
	}

	@Override
	void requireUsable() throws SQLException {
		if (this.lease.isClosed()) {
			throw new SQLException("No operations allowed after connection closed.", "08003");
		}
		if (this.closed) {
			throw new SQLException("Operation not allowed after ResultSet closed", "S1000");
		}
		transaction().requireOpen();
	}

	@Override
	Object decide(Method method, Object[] args) throws Throwable {
		switch (method.getName()) {
			case "close":
				if (!this.closed && transaction().isOpen()) {
					transaction().call(() -> invokeOn(delegate(), method, args));
				}
				this.closed = true;
				return null;
			case "isClosed":
				return this.closed || this.lease.isClosed() || !transaction().isOpen()
						|| (boolean) transaction().call(() -> invokeOn(delegate(), method, args));
			case "getStatement":
				requireUsable();
				return this.statement;
			default:
		}
		requireUsable();
		if (this.lease.isReadOnly()) {
			throw new SQLException("Cannot execute statement in a READ ONLY transaction.", "25006", 1792);
		}
		return transaction().execute(this.lease, "ResultSet." + method.getName(), false,
				() -> invokeOn(delegate(), method, args));
	}

}
