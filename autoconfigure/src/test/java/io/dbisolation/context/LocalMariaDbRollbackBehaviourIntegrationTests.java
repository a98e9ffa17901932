package io.dbisolation.context;

import java.sql.SQLException;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.condition.EnabledIf;

import org.springframework.test.context.TestPropertySource;

import io.dbisolation.server.DatabaseServer;
import io.dbisolation.testsupport.TestServers;

/**
 * The edges of rollback on the MariaDB at 127.0.0.1:3306, through mysql-connector-j.
 * Contexts without private schemas share a database of this test's own. Disabled when no
 * server runs there.
 */
@EnabledIf(value = "io.dbisolation.testsupport.TestServers#localAvailable",
		disabledReason = "no MariaDB on 127.0.0.1:3306")
class LocalMariaDbRollbackBehaviourIntegrationTests extends AbstractRollbackBehaviourIntegrationTests {

	static final String SHARED_DATABASE = "dbisolation_shared_test";

	private static final String SERVER = "spring.datasource.url=jdbc:mysql://127.0.0.1:3306/test";

	private static final String SHARED = "spring.datasource.url=jdbc:mysql://127.0.0.1:3306/" + SHARED_DATABASE;

	private static final String USER = "spring.datasource.username=root";

	@Override
	Class<?> truncating() {
		return LocalTruncating.class;
	}

	@Override
	Class<?> unwrappingToTheDriver() {
		return LocalUnwrappingToTheDriver.class;
	}

	@Override
	Class<?> callingAProcedureThatCommits() {
		return LocalCallingAProcedureThatCommits.class;
	}

	@Override
	DatabaseServer server() {
		return TestServers.local();
	}

	@Override
	Class<?> writingInBeforeAll() {
		return LocalWritingInBeforeAll.class;
	}

	@Override
	Class<?> nextClassAfterWritingInBeforeAll() {
		return LocalNextClassAfterWritingInBeforeAll.class;
	}

	@Override
	Class<?> committing() {
		return LocalCommitting.class;
	}

	@Override
	Class<?> springTransactional() {
		return LocalSpringTransactional.class;
	}

	@Override
	Class<?> transactionMode() {
		return LocalTransactionMode.class;
	}

	@Override
	Class<?> sameKeyFirst() {
		return LocalSameKeyFirst.class;
	}

	@Override
	Class<?> sameKeySecond() {
		return LocalSameKeySecond.class;
	}

	@Override
	Class<?> sameKeyOffFirst() {
		return LocalSameKeyOffFirst.class;
	}

	@Override
	Class<?> sameKeyOffSecond() {
		return LocalSameKeyOffSecond.class;
	}

	@Override
	void resetSharedDatabase() {
		DatabaseServer server = TestServers.local();
		try {
			TestServers.execute(server, "", "DROP DATABASE IF EXISTS " + SHARED_DATABASE);
			TestServers.execute(server, "", "CREATE DATABASE " + SHARED_DATABASE);
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@AfterAll
	static void dropSharedDatabase() throws SQLException {
		TestServers.execute(TestServers.local(), "", "DROP DATABASE IF EXISTS " + SHARED_DATABASE);
	}

	@TestPropertySource(properties = { SERVER, USER })
	static class LocalTruncating extends Truncating {

	}

	@TestPropertySource(properties = { SERVER, USER })
	static class LocalUnwrappingToTheDriver extends UnwrappingToTheDriver {

	}

	@TestPropertySource(properties = { SERVER, USER })
	static class LocalCallingAProcedureThatCommits extends CallingAProcedureThatCommits {

	}

	@TestPropertySource(properties = { SERVER, USER })
	static class LocalWritingInBeforeAll extends WritingInBeforeAll {

	}

	@TestPropertySource(properties = { SERVER, USER })
	static class LocalNextClassAfterWritingInBeforeAll extends NextClassAfterWritingInBeforeAll {

	}

	@TestPropertySource(properties = { SERVER, USER })
	static class LocalCommitting extends Committing {

	}

	@TestPropertySource(properties = { SERVER, USER })
	static class LocalSpringTransactional extends SpringTransactional {

	}

	@TestPropertySource(properties = { SHARED, USER })
	static class LocalTransactionMode extends TransactionMode {

	}

	@TestPropertySource(properties = { SERVER, USER })
	static class LocalSameKeyFirst extends SameKeyFirst {

	}

	@TestPropertySource(properties = { SERVER, USER })
	static class LocalSameKeySecond extends SameKeySecond {

	}

	@TestPropertySource(properties = { SHARED, USER })
	static class LocalSameKeyOffFirst extends SameKeyOffFirst {

	}

	@TestPropertySource(properties = { SHARED, USER })
	static class LocalSameKeyOffSecond extends SameKeyOffSecond {

	}

}
