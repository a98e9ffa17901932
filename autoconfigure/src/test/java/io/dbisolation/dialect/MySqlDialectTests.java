package io.dbisolation.dialect;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class MySqlDialectTests {

	private final MySqlDialect dialect = new MySqlDialect("MariaDB");

	@Test
	void quoteDoublesBackticks() {
		assertThat(this.dialect.quote("a`b")).isEqualTo("`a``b`");
	}

	@Test
	void withoutDefinerDropsUserAndHostDefiners() {
		assertThat(MySqlDialect.withoutDefiner(
				"CREATE ALGORITHM=UNDEFINED DEFINER=`root`@`localhost` SQL SECURITY DEFINER VIEW `v` AS select 1"))
			.isEqualTo("CREATE ALGORITHM=UNDEFINED SQL SECURITY DEFINER VIEW `v` AS select 1");
	}

	@Test
	void withoutDefinerDropsRoleDefiners() {
		assertThat(MySqlDialect.withoutDefiner("CREATE DEFINER=`` TRIGGER t AFTER INSERT ON x FOR EACH ROW SET @a = 1"))
			.isEqualTo("CREATE TRIGGER t AFTER INSERT ON x FOR EACH ROW SET @a = 1");
	}

	@ParameterizedTest
	@ValueSource(strings = { "TRUNCATE TABLE users", "truncate users", "CREATE TABLE t (id INT)",
			"create unique index i on t (a)", "ALTER TABLE t ADD c INT", "DROP TABLE IF EXISTS t",
			"CREATE OR REPLACE VIEW v AS SELECT 1",
			"CREATE DEFINER=`root`@`%` TRIGGER x BEFORE INSERT ON t FOR EACH ROW SET @a = 1", "RENAME TABLE a TO b",
			"LOCK TABLES t WRITE", "UNLOCK TABLES", "START TRANSACTION", "BEGIN", "COMMIT", "ROLLBACK",
			"SET autocommit = 1", "SET @@autocommit=ON", "GRANT SELECT ON *.* TO x", "ANALYZE TABLE t",
			"OPTIMIZE TABLE t", "FLUSH PRIVILEGES", "CREATE DATABASE d", "DROP SCHEMA d", "CREATE SEQUENCE s",
			"/* why */ TRUNCATE t", "-- comment\nDROP TABLE t", "  \n\tCREATE INDEX i ON t (a)" })
	void statementsThatCommitImplicitlyAreRecognised(String sql) {
		assertThat(this.dialect.implicitCommit(sql.replace("\\n", "\n").replace("\\t", "\t"))).isPresent();
	}

	@ParameterizedTest
	@ValueSource(strings = { "INSERT INTO t VALUES (1)", "SELECT * FROM created_tables", "UPDATE t SET drop_count = 1",
			"DELETE FROM truncated", "CREATE TEMPORARY TABLE t (id INT)", "DROP TEMPORARY TABLE t",
			"ROLLBACK TO SAVEPOINT s", "SAVEPOINT s", "SET autocommit = 0", "SELECT GET_LOCK('x', 1)",
			"BEGIN NOT ATOMIC SELECT 1; END", "WITH x AS (SELECT 1) SELECT * FROM x" })
	void ordinaryStatementsAreNotFlagged(String sql) {
		assertThat(this.dialect.implicitCommit(sql)).isEmpty();
	}

	@Test
	void flaggedStatementIsShortenedForTheMessage() {
		assertThat(this.dialect.implicitCommit("TRUNCATE   TABLE\n users")).contains("TRUNCATE TABLE users");
		assertThat(this.dialect.implicitCommit("CREATE TABLE t (" + "a INT, ".repeat(20) + "b INT)").get()).hasSize(80)
			.endsWith("...");
	}

}
