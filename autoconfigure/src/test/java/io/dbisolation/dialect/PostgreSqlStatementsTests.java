package io.dbisolation.dialect;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which PostgreSQL statements would end a test's transaction, and which write.
 */
class PostgreSqlStatementsTests {

	@ParameterizedTest
	@ValueSource(strings = { "COMMIT", "commit work", "  /* why */ END", "-- done\nABORT", "ROLLBACK",
			"rollback transaction", "PREPARE TRANSACTION 'x'", "COMMIT AND CHAIN" })
	void statementsThatEndTheTransactionAreNamed(String sql) {
		assertThat(PostgreSqlStatements.endsTransaction(sql)).isPresent();
	}

	@ParameterizedTest
	@ValueSource(strings = { "ROLLBACK TO SAVEPOINT a", "rollback to a", "ROLLBACK TRANSACTION TO a",
			"CREATE TABLE t (id INT)", "TRUNCATE t", "ALTER TABLE t ADD c INT", "SELECT 'COMMIT'", "SAVEPOINT a",
			"RELEASE SAVEPOINT a", "BEGIN", "" })
	void otherStatementsAreLetThrough(String sql) {
		assertThat(PostgreSqlStatements.endsTransaction(sql)).isEmpty();
	}

	@ParameterizedTest
	@ValueSource(strings = { "INSERT INTO t VALUES (1)", " update t set a = 1", "(DELETE FROM t)", "CREATE TABLE t ()",
			"TRUNCATE t", "MERGE INTO t USING s ON true WHEN MATCHED THEN DELETE" })
	void writesAreRecognised(String sql) {
		assertThat(PostgreSqlStatements.writes(sql)).isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = { "SELECT 1", "WITH x AS (SELECT 1) SELECT * FROM x", "SHOW search_path", "" })
	void readsAreNotWrites(String sql) {
		assertThat(PostgreSqlStatements.writes(sql)).isFalse();
	}

}
