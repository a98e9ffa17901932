package io.dbisolation.context;

import org.junit.jupiter.api.AfterAll;

import io.dbisolation.server.DatabaseServer;
import io.dbisolation.testsupport.TestServers;

/**
 * The edges of rollback on the embedded MariaDB, through mysql-connector-j.
 */
class EmbeddedMariaDbRollbackBehaviourIntegrationTests extends AbstractRollbackBehaviourIntegrationTests {

	@Override
	Class<?> truncating() {
		return Truncating.class;
	}

	@Override
	Class<?> unwrappingToTheDriver() {
		return UnwrappingToTheDriver.class;
	}

	@Override
	Class<?> callingAProcedureThatCommits() {
		return CallingAProcedureThatCommits.class;
	}

	@Override
	DatabaseServer server() {
		return TestServers.embedded();
	}

	@Override
	Class<?> writingInBeforeAll() {
		return WritingInBeforeAll.class;
	}

	@Override
	Class<?> nextClassAfterWritingInBeforeAll() {
		return NextClassAfterWritingInBeforeAll.class;
	}

	@Override
	Class<?> committing() {
		return Committing.class;
	}

	@Override
	Class<?> springTransactional() {
		return SpringTransactional.class;
	}

	@Override
	Class<?> transactionMode() {
		return TransactionMode.class;
	}

	@Override
	Class<?> sameKeyFirst() {
		return SameKeyFirst.class;
	}

	@Override
	Class<?> sameKeySecond() {
		return SameKeySecond.class;
	}

	@Override
	Class<?> sameKeyOffFirst() {
		return SameKeyOffFirst.class;
	}

	@Override
	Class<?> sameKeyOffSecond() {
		return SameKeyOffSecond.class;
	}

	@Override
	void resetSharedDatabase() {
		TestServers.resetEmbeddedSharedDatabase();
	}

	@AfterAll
	static void leaveTheSharedDatabaseEmpty() {
		TestServers.resetEmbeddedSharedDatabase();
	}

}
