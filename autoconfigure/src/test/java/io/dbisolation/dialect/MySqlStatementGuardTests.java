package io.dbisolation.dialect;

import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class MySqlStatementGuardTests {

	private final MySqlDialect dialect = new MySqlDialect("MariaDB");

	/**
	 * Every statement that ends the test's transaction, each with the statement the
	 * refusal names.
	 */
	static Stream<Arguments> refused() {
		return Stream.of(
				// DDL, with modifiers and comments between the keywords
				refused("CREATE TABLE t (id INT)"), refused("create table t (id int)"),
				refused("CREATE /*c*/ TABLE t (id INT)"),
				refused("CREATE -- c\nTABLE t (id INT)", "CREATE -- c TABLE t (id INT)"),
				refused("CREATE TABLE IF NOT EXISTS t (id INT)"), refused("ALTER TABLE t ADD c INT"),
				refused("DROP TABLE IF EXISTS t"), refused("CREATE DATABASE d"), refused("CREATE SCHEMA d"),
				refused("DROP DATABASE d"), refused("DROP SCHEMA IF EXISTS d"),
				refused("ALTER DATABASE d CHARACTER SET utf8mb4"), refused("CREATE INDEX i ON t (a)"),
				refused("CREATE UNIQUE INDEX i ON t (a)"), refused("CREATE FULLTEXT INDEX i ON t (a)"),
				refused("DROP INDEX i ON t"), refused("CREATE VIEW v AS SELECT 1"),
				refused("CREATE OR REPLACE VIEW v AS SELECT 1"),
				refused("CREATE ALGORITHM=MERGE DEFINER=`root`@`%` SQL SECURITY INVOKER VIEW v AS SELECT 1",
						"CREATE ALGORITHM=MERGE DEFINER=`root`@`%` SQL SECURITY INVOKER VIEW v AS SELE..."),
				refused("ALTER VIEW v AS SELECT 2"), refused("DROP VIEW v"),
				refused("CREATE DEFINER=`root`@`%` TRIGGER x BEFORE INSERT ON t FOR EACH ROW SET @a = 1"),
				refused("CREATE DEFINER=CURRENT_USER TRIGGER x BEFORE INSERT ON t FOR EACH ROW SET @a = 1"),
				refused("DROP TRIGGER x"), refused("CREATE PROCEDURE p() SELECT 1"),
				refused("CREATE PROCEDURE p() BEGIN SELECT 1; END", "CREATE PROCEDURE p() BEGIN SELECT 1"),
				refused("DROP PROCEDURE IF EXISTS p"), refused("CREATE FUNCTION f() RETURNS INT RETURN 1"),
				refused("CREATE AGGREGATE FUNCTION f RETURNS INT SONAME 'x.so'"), refused("DROP FUNCTION f"),
				refused("CREATE EVENT e ON SCHEDULE EVERY 1 DAY DO SELECT 1"), refused("ALTER EVENT e DISABLE"),
				refused("DROP EVENT e"), refused("CREATE TABLESPACE ts ADD DATAFILE 'ts.ibd'"),
				refused("CREATE SERVER s FOREIGN DATA WRAPPER mysql OPTIONS (HOST 'h')"), refused("DROP SERVER s"),
				refused("CREATE SEQUENCE s"), refused("CREATE TEMPORARY SEQUENCE s"),
				refused("DROP TEMPORARY SEQUENCE s"), refused("CREATE OR REPLACE SEQUENCE s"),
				refused("ALTER SEQUENCE s RESTART 1"), refused("DROP SEQUENCE s"), refused("CREATE ROLE r"),
				refused("DROP ROLE r"), refused("CREATE USER u"), refused("ALTER USER u ACCOUNT LOCK"),
				refused("DROP USER u"), refused("RENAME TABLE a TO b"), refused("RENAME USER a TO b"),
				refused("TRUNCATE TABLE users"), refused("truncate users"), refused("GRANT SELECT ON *.* TO x"),
				refused("REVOKE SELECT ON *.* FROM x"), refused("SET PASSWORD = PASSWORD('x')"),
				refused("SET PASSWORD FOR u = PASSWORD('x')"), refused("SET DEFAULT ROLE r FOR u"),
				// transaction control
				refused("BEGIN"), refused("begin work"), refused("START TRANSACTION"),
				refused("START TRANSACTION READ ONLY"), refused("COMMIT"), refused("COMMIT WORK"), refused("ROLLBACK"),
				refused("ROLLBACK WORK"), refused("ROLLBACK AND CHAIN"), refused("XA START 'x'"), refused("XA END 'x'"),
				refused("XA PREPARE 'x'"), refused("XA COMMIT 'x'"), refused("XA ROLLBACK 'x'"), refused("XA RECOVER"),
				// autocommit switched on, in every spelling
				refused("SET autocommit = 1"), refused("SET autocommit=1"), refused("SET AUTOCOMMIT = ON"),
				refused("SET autocommit = TRUE"), refused("SET autocommit = DEFAULT"),
				refused("SET LOCAL autocommit=1"), refused("SET SESSION autocommit=ON"), refused("SET @@autocommit:=1"),
				refused("SET @@autocommit=ON"), refused("SET @@session.autocommit=1"),
				refused("SET @@SESSION.autocommit=1"), refused("SET @@local.autocommit=1"),
				refused("SET `autocommit` = 1"), refused("SET x=1, autocommit=1", "SET x=1, autocommit=1"),
				refused("SET @a = 0, autocommit = 1"), refused("SET autocommit = @on"),
				refused("/*!40101 SET autocommit=1 */", "/*!40101 SET autocommit=1 */"),
				refused("SET STATEMENT max_statement_time=1 FOR COMMIT", "COMMIT"),
				// locks, maintenance, administration, replication
				refused("LOCK TABLES t WRITE"), refused("LOCK TABLE t READ"), refused("UNLOCK TABLES"),
				refused("FLUSH PRIVILEGES"), refused("FLUSH TABLES"), refused("RESET MASTER"),
				refused("RESET QUERY CACHE"), refused("ANALYZE TABLE t"), refused("ANALYZE NO_WRITE_TO_BINLOG TABLE t"),
				refused("ANALYZE LOCAL TABLE t"), refused("CHECK TABLE t"), refused("OPTIMIZE TABLE t"),
				refused("REPAIR TABLE t"), refused("START SLAVE"), refused("STOP SLAVE"), refused("START REPLICA"),
				refused("STOP REPLICA"), refused("CHANGE MASTER TO MASTER_HOST='h'"),
				refused("CHANGE REPLICATION SOURCE TO SOURCE_HOST='h'"), refused("PURGE BINARY LOGS TO 'x'"),
				refused("INSTALL PLUGIN p SONAME 'p.so'"), refused("UNINSTALL PLUGIN p"), refused("CACHE INDEX t IN c"),
				refused("LOAD INDEX INTO CACHE t"),
				// DbIsolation's own savepoints
				refused("SAVEPOINT dbiso_1"), refused("SAVEPOINT `dbiso_test`"), refused("SAVEPOINT DBISO_X"),
				refused("RELEASE SAVEPOINT dbiso_test"), refused("RELEASE SAVEPOINT `DbIso_test`"),
				refused("ROLLBACK TO SAVEPOINT dbiso_1"), refused("ROLLBACK TO dbiso_1"),
				refused("ROLLBACK WORK TO SAVEPOINT `dbiso_1`"),
				// hidden: comments, executable comments, several statements
				refused("/* why */ TRUNCATE t", "TRUNCATE t"), refused("-- comment\nDROP TABLE t", "DROP TABLE t"),
				refused("# comment\nDROP TABLE t", "DROP TABLE t"),
				refused("  \n\tCREATE INDEX i ON t (a)", "CREATE INDEX i ON t (a)"),
				refused("/*!50000 CREATE TABLE t (id INT) */", "/*!50000 CREATE TABLE t (id INT) */"),
				refused("/*! CREATE TABLE t (id INT) */", "/*! CREATE TABLE t (id INT) */"),
				refused("/*!50000CREATE TABLE t (id INT) */", "/*!50000CREATE TABLE t (id INT) */"),
				refused("/*M! CREATE TABLE t (id INT) */", "/*M! CREATE TABLE t (id INT) */"),
				refused("/*M!100100 CREATE TABLE t (id INT) */", "/*M!100100 CREATE TABLE t (id INT) */"),
				refused("DROP /*!50000 TABLE */ t"), refused("CREATE /*!50000 OR REPLACE */ VIEW v AS SELECT 1"),
				refused("INSERT INTO t VALUES (1); COMMIT", "COMMIT"),
				refused("INSERT INTO t VALUES (1);COMMIT;", "COMMIT"),
				refused("SELECT ';'; DROP TABLE t", "DROP TABLE t"),
				refused("SELECT 1 /* ; */; TRUNCATE t", "TRUNCATE t"),
				refused("SELECT 'it''s'; TRUNCATE t", "TRUNCATE t"),
				refused("SELECT 'it\\'s;'; TRUNCATE t", "TRUNCATE t"),
				refused("SELECT \"a\"\"b;\"; TRUNCATE t", "TRUNCATE t"),
				refused("SELECT `a;``b` FROM t; TRUNCATE t", "TRUNCATE t"),
				refused("SELECT 1;\n-- done\nCOMMIT", "COMMIT"),
				// inside MariaDB's compound statements
				refused("BEGIN NOT ATOMIC INSERT INTO t VALUES (1); COMMIT; END", "COMMIT"),
				refused("BEGIN NOT ATOMIC IF 1 THEN CREATE TABLE t (id INT); END IF; END", "CREATE TABLE t (id INT)"),
				refused("BEGIN NOT ATOMIC IF 1 THEN SELECT 1; ELSE TRUNCATE t; END IF; END", "TRUNCATE t"),
				refused("BEGIN NOT ATOMIC WHILE 0 DO START TRANSACTION; END WHILE; END", "START TRANSACTION"),
				refused("BEGIN NOT ATOMIC l: LOOP LEAVE l; END LOOP; SET autocommit = 1; END", "SET autocommit = 1"),
				refused("BEGIN NOT ATOMIC BEGIN SELECT 1; END; DROP TABLE t; END", "DROP TABLE t"),
				refused("BEGIN NOT ATOMIC DECLARE EXIT HANDLER FOR SQLEXCEPTION ROLLBACK; SELECT 1; END", "ROLLBACK"),
				refused("BEGIN NOT ATOMIC DECLARE CONTINUE HANDLER FOR SQLSTATE '23000', NOT FOUND COMMIT; END",
						"COMMIT"),
				refused("BEGIN NOT ATOMIC CASE 1 WHEN 1 THEN LOCK TABLES t WRITE; END CASE; END",
						"LOCK TABLES t WRITE"),
				refused("BEGIN NOT ATOMIC SELECT CASE WHEN 1 THEN 2 END; COMMIT; END", "COMMIT"),
				refused("BEGIN NOT ATOMIC END; COMMIT", "COMMIT"));
	}

	private static Arguments refused(String sql) {
		return Arguments.of(sql, sql);
	}

	private static Arguments refused(String sql, String shown) {
		return Arguments.of(sql, shown);
	}

	@ParameterizedTest
	@MethodSource("refused")
	void statementsThatEndTheTransactionAreRefusedByName(String sql, String shown) {
		assertThat(this.dialect.implicitCommit(sql)).contains(shown);
	}

	@ParameterizedTest
	@ValueSource(strings = { "SELECT 'CREATE TABLE x'", "INSERT INTO t VALUES ('; DROP TABLE t')",
			"SELECT `commit` FROM t", "SELECT `commit`, begin FROM t", "CREATE TEMPORARY TABLE t (id INT)",
			"create temporary table t (id int)", "CREATE OR REPLACE TEMPORARY TABLE t (id INT)",
			"CREATE /*!32302 TEMPORARY */ TABLE t (id INT)", "DROP TEMPORARY TABLE t",
			"DROP TEMPORARY TABLE IF EXISTS t", "/* CREATE TABLE */ SELECT 1", "-- DROP\nSELECT 1", "# DROP\nSELECT 1",
			"SELECT 1 -- ; DROP TABLE t", "SELECT 1 # ; DROP TABLE t", "SELECT 1 /* ; DROP TABLE t */", "SELECT 1 --1",
			"ROLLBACK TO SAVEPOINT app_sp", "ROLLBACK TO app_sp", "ROLLBACK WORK TO SAVEPOINT app_sp",
			"SAVEPOINT app_sp", "RELEASE SAVEPOINT app_sp", "SAVEPOINT `my dbiso_`", "SET autocommit=0",
			"SET autocommit = OFF", "SET @@session.autocommit = 0", "SET autocommit = FALSE", "SET @autocommit = 1",
			"SET GLOBAL autocommit = 1", "SET NAMES utf8mb4", "SET SESSION TRANSACTION ISOLATION LEVEL READ COMMITTED",
			"SET TRANSACTION READ ONLY", "SET x = 1, y = (SELECT 1), z = 'autocommit=1'",
			"SET STATEMENT max_statement_time=1 FOR SELECT 1", "SELECT * FROM t FOR UPDATE",
			"SELECT * FROM t LOCK IN SHARE MODE", "DO 1", "DO GET_LOCK('x', 1)", "INSERT INTO t VALUES (1)",
			"SELECT * FROM created_tables", "UPDATE t SET drop_count = 1", "DELETE FROM truncated",
			"SELECT GET_LOCK('x', 1)", "WITH x AS (SELECT 1) SELECT * FROM x", "ANALYZE SELECT 1",
			"ANALYZE FORMAT=JSON SELECT 1", "CHECKSUM TABLE t", "SHOW TABLES", "EXPLAIN SELECT 1",
			"PREPARE s FROM 'SELECT 1'", "DEALLOCATE PREPARE s", "DROP PREPARE s", "LOAD DATA INFILE 'x' INTO TABLE t",
			"BEGIN NOT ATOMIC SELECT 1; END", "BEGIN NOT ATOMIC DECLARE x INT DEFAULT 0; SET x = x + 1; END",
			"BEGIN NOT ATOMIC IF 1 THEN SELECT 1; ELSEIF 2 THEN SELECT 2; ELSE SELECT 3; END IF; END",
			"BEGIN NOT ATOMIC ROLLBACK TO SAVEPOINT app; END", "SELECT 1;;", "", "  ", ";", "/*!*/",
			"SELECT /*!50000 1 */", "SELECT '/*!50000 COMMIT */'", "SELECT 'unterminated", "SELECT /* unterminated",
			"SELECT `unterminated", "/*!50000 unterminated executable comment" })
	void ordinaryStatementsPass(String sql) {
		assertThat(this.dialect.implicitCommit(sql)).isEmpty();
	}

	@Test
	void refusedStatementIsShortenedForTheMessage() {
		assertThat(this.dialect.implicitCommit("TRUNCATE   TABLE\n users")).contains("TRUNCATE TABLE users");
		assertThat(this.dialect.implicitCommit("CREATE TABLE t (" + "a INT, ".repeat(20) + "b INT)").get()).hasSize(80)
			.startsWith("CREATE TABLE t (a INT, a INT")
			.endsWith("...");
	}

	@ParameterizedTest
	@ValueSource(strings = { "CALL p()", "call p", "EXECUTE s", "EXECUTE s USING @a", "EXECUTE IMMEDIATE 'COMMIT'",
			"/*!50000 CALL p() */", "SELECT 1; CALL p()", "BEGIN NOT ATOMIC CALL p(); END" })
	void statementsWhoseEffectCannotBeJudgedUpFrontAreCheckedAfterwards(String sql) {
		assertThat(this.dialect.mayCommitWhileRunning(sql)).isTrue();
		assertThat(this.dialect.implicitCommit(sql)).isEmpty();
	}

	@ParameterizedTest
	@ValueSource(strings = { "SELECT 1", "SELECT 'CALL p()'", "SELECT `call` FROM t", "-- CALL p()\nSELECT 1", "DO 1",
			"INSERT INTO calls VALUES (1)" })
	void otherStatementsAreNotCheckedAfterwards(String sql) {
		assertThat(this.dialect.mayCommitWhileRunning(sql)).isFalse();
	}

	@ParameterizedTest
	@ValueSource(strings = { "INSERT INTO t VALUES (1)", "insert t set a = 1", "UPDATE t SET a = 1", "DELETE FROM t",
			"REPLACE INTO t VALUES (1)", "LOAD DATA INFILE 'x' INTO TABLE t", "LOAD XML INFILE 'x' INTO TABLE t",
			"CREATE TABLE t (id INT)", "ALTER TABLE t ADD c INT", "DROP TABLE t", "TRUNCATE t", "RENAME TABLE a TO b",
			"SELECT 1; DELETE FROM t", "/*!50000 DELETE FROM t */", "WITH x AS (SELECT 1) UPDATE t SET a = 1",
			"WITH RECURSIVE x (n) AS (SELECT 1), y AS (SELECT 2) DELETE FROM t",
			"SET STATEMENT max_statement_time=1 FOR UPDATE t SET a = 1", "ANALYZE UPDATE t SET a = 1",
			"BEGIN NOT ATOMIC UPDATE t SET a = 1; END" })
	void statementsThatWriteAreRecognised(String sql) {
		assertThat(this.dialect.writes(sql)).isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = { "SELECT 1", "SELECT * FROM t FOR UPDATE", "select * from updates", "SHOW TABLES",
			"SET @a = 1", "SET autocommit = 0", "DO 1", "EXPLAIN UPDATE t SET a = 1", "DESCRIBE t",
			"WITH x AS (SELECT 1) SELECT * FROM x", "SELECT 'DELETE FROM t'", "-- DELETE FROM t\nSELECT 1",
			"SAVEPOINT s", "ROLLBACK TO SAVEPOINT s", "CHECKSUM TABLE t", "CREATE TEMPORARY TABLE t (id INT)" })
	void statementsThatOnlyReadAreRecognised(String sql) {
		assertThat(this.dialect.writes(sql)).isFalse();
	}

	@Test
	void longTextIsJudgedInOnePass() {
		// a behaviour check, not a timing one: a multi-megabyte insert with a commit at
		// its
		// end is read to the end
		String values = "(1, 'a;b', 'COMMIT'), ".repeat(200_000);
		String sql = "INSERT INTO t VALUES " + values + "(2, 'x', 'y'); COMMIT";
		assertThat(this.dialect.implicitCommit(sql)).contains("COMMIT");
		assertThat(this.dialect.writes(sql)).isTrue();
	}

}
