package io.dbisolation.datasource;

import java.lang.reflect.Method;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * The metadata of a {@link LeasedConnection}: facts about the server and driver are
 * delegated, the result sets it returns are wrapped, and {@code getConnection()} returns
 * the lease.
 */
final class LeasedMetaData extends JdbcWrapper {

	static final DecisionTable TABLE = DecisionTable.of(DatabaseMetaData.class)
		.wrap("getAttributes getBestRowIdentifier getCatalogs getClientInfoProperties getColumnPrivileges getColumns")
		.wrap("getCrossReference getExportedKeys getFunctionColumns getFunctions getImportedKeys getIndexInfo")
		.wrap("getPrimaryKeys getProcedureColumns getProcedures getPseudoColumns getSchemas getSuperTables")
		.wrap("getSuperTypes getTablePrivileges getTableTypes getTables getTypeInfo getUDTs getVersionColumns")
		.local("getConnection unwrap isWrapperFor")
		// facts about the server and the driver: values that change nothing
		.delegate("allProceduresAreCallable allTablesAreSelectable autoCommitFailureClosesAllResultSets")
		.delegate("dataDefinitionCausesTransactionCommit dataDefinitionIgnoredInTransactions deletesAreDetected")
		.delegate("doesMaxRowSizeIncludeBlobs generatedKeyAlwaysReturned getCatalogSeparator getCatalogTerm")
		.delegate("getDatabaseMajorVersion getDatabaseMinorVersion getDatabaseProductName")
		.delegate("getDatabaseProductVersion getDefaultTransactionIsolation getDriverMajorVersion")
		.delegate("getDriverMinorVersion getDriverName getDriverVersion getExtraNameCharacters")
		.delegate("getIdentifierQuoteString getJDBCMajorVersion getJDBCMinorVersion getMaxBinaryLiteralLength")
		.delegate("getMaxCatalogNameLength getMaxCharLiteralLength getMaxColumnNameLength getMaxColumnsInGroupBy")
		.delegate("getMaxColumnsInIndex getMaxColumnsInOrderBy getMaxColumnsInSelect getMaxColumnsInTable")
		.delegate("getMaxConnections getMaxCursorNameLength getMaxIndexLength getMaxLogicalLobSize")
		.delegate("getMaxProcedureNameLength getMaxRowSize getMaxSchemaNameLength getMaxStatementLength")
		.delegate("getMaxStatements getMaxTableNameLength getMaxTablesInSelect getMaxUserNameLength")
		.delegate("getNumericFunctions getProcedureTerm getResultSetHoldability getRowIdLifetime getSQLKeywords")
		.delegate("getSQLStateType getSchemaTerm getSearchStringEscape getStringFunctions getSystemFunctions")
		.delegate("getTimeDateFunctions getURL getUserName insertsAreDetected isCatalogAtStart isReadOnly")
		.delegate("locatorsUpdateCopy nullPlusNonNullIsNull nullsAreSortedAtEnd nullsAreSortedAtStart")
		.delegate("nullsAreSortedHigh nullsAreSortedLow othersDeletesAreVisible othersInsertsAreVisible")
		.delegate("othersUpdatesAreVisible ownDeletesAreVisible ownInsertsAreVisible ownUpdatesAreVisible")
		.delegate("storesLowerCaseIdentifiers storesLowerCaseQuotedIdentifiers storesMixedCaseIdentifiers")
		.delegate("storesMixedCaseQuotedIdentifiers storesUpperCaseIdentifiers storesUpperCaseQuotedIdentifiers")
		.delegate("supportsANSI92EntryLevelSQL supportsANSI92FullSQL supportsANSI92IntermediateSQL")
		.delegate("supportsAlterTableWithAddColumn supportsAlterTableWithDropColumn supportsBatchUpdates")
		.delegate("supportsCatalogsInDataManipulation supportsCatalogsInIndexDefinitions")
		.delegate("supportsCatalogsInPrivilegeDefinitions supportsCatalogsInProcedureCalls")
		.delegate("supportsCatalogsInTableDefinitions supportsColumnAliasing supportsConvert supportsCoreSQLGrammar")
		.delegate("supportsCorrelatedSubqueries supportsDataDefinitionAndDataManipulationTransactions")
		.delegate("supportsDataManipulationTransactionsOnly supportsDifferentTableCorrelationNames")
		.delegate("supportsExpressionsInOrderBy supportsExtendedSQLGrammar supportsFullOuterJoins")
		.delegate("supportsGetGeneratedKeys supportsGroupBy supportsGroupByBeyondSelect supportsGroupByUnrelated")
		.delegate("supportsIntegrityEnhancementFacility supportsLikeEscapeClause supportsLimitedOuterJoins")
		.delegate("supportsMinimumSQLGrammar supportsMixedCaseIdentifiers supportsMixedCaseQuotedIdentifiers")
		.delegate("supportsMultipleOpenResults supportsMultipleResultSets supportsMultipleTransactions")
		.delegate("supportsNamedParameters supportsNonNullableColumns supportsOpenCursorsAcrossCommit")
		.delegate("supportsOpenCursorsAcrossRollback supportsOpenStatementsAcrossCommit")
		.delegate("supportsOpenStatementsAcrossRollback supportsOrderByUnrelated supportsOuterJoins")
		.delegate("supportsPositionedDelete supportsPositionedUpdate supportsRefCursors supportsResultSetConcurrency")
		.delegate("supportsResultSetHoldability supportsResultSetType supportsSavepoints")
		.delegate("supportsSchemasInDataManipulation supportsSchemasInIndexDefinitions")
		.delegate("supportsSchemasInPrivilegeDefinitions supportsSchemasInProcedureCalls")
		.delegate("supportsSchemasInTableDefinitions supportsSelectForUpdate supportsSharding")
		.delegate("supportsStatementPooling supportsStoredFunctionsUsingCallSyntax supportsStoredProcedures")
		.delegate("supportsSubqueriesInComparisons supportsSubqueriesInExists supportsSubqueriesInIns")
		.delegate("supportsSubqueriesInQuantifieds supportsTableCorrelationNames supportsTransactionIsolationLevel")
		.delegate("supportsTransactions supportsUnion supportsUnionAll updatesAreDetected usesLocalFilePerTable")
		.delegate("usesLocalFiles")
		.build();

	private final LeasedConnection lease;

	LeasedMetaData(LeasedConnection lease, DatabaseMetaData metaData) {
		super(DatabaseMetaData.class, TABLE, metaData, lease.transaction());
		this.lease = lease;
	}

	@Override
	void requireUsable() throws SQLException {
		if (this.lease.isClosed()) {
			throw new SQLException("No operations allowed after connection closed.", "08003");
		}
		transaction().requireOpen();
	}

	@Override
	Object decide(Method method, Object[] args) throws Throwable {
		requireUsable();
		if (method.getName().equals("getConnection")) {
			return this.lease.proxy();
		}
		ResultSet resultSet = (ResultSet) transaction().call(() -> invokeOn(delegate(), method, args));
		return (resultSet != null) ? new LeasedResultSet(this.lease, resultSet, null).proxy() : null;
	}

}
