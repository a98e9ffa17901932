package io.dbisolation.dialect;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.dbisolation.server.DatabaseServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Proves on a real server that the statement guard's list matches the server: each
 * refused sample really ends or disturbs a test's transaction when run inside one, and
 * each sample the guard lets through leaves it intact. Every sample runs in a throwaway
 * schema; statements on users, roles, plugins and servers name ones that do not exist,
 * since MariaDB commits before it finds that out.
 * <p>
 * Refused but not run here: replication control ({@code CHANGE MASTER}, {@code RESET
 * MASTER}, {@code PURGE BINARY LOGS}, {@code START}/{@code STOP SLAVE}: they would change
 * or refuse to run on a shared server), {@code BACKUP STAGE} (it blocks the server's
 * DDL), {@code XA} (refused inside a transaction without a commit: it cannot work in a
 * test at all), {@code UNLOCK TABLES} (commits only after {@code LOCK TABLES}, itself
 * refused), {@code CACHE INDEX}/{@code LOAD INDEX} (documented by MySQL to commit;
 * MariaDB's InnoDB ignores them) and MySQL-only syntax
 * ({@code CREATE TABLESPACE ... ADD DATAFILE}, {@code IMPORT TABLE}).
 */
abstract class AbstractStatementGuardIntegrationTests {

	private DatabaseServer server;

	private String schema;

	abstract DatabaseServer server();

	@BeforeEach
	void createThrowawaySchema() throws SQLException {
		this.server = server();
		this.schema = "guardprobe_" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
		try (Connection connection = this.server.connect(""); Statement statement = connection.createStatement()) {
			statement.execute("CREATE DATABASE " + this.schema);
		}
		try (Connection connection = this.server.connect(this.schema);
				Statement statement = connection.createStatement()) {
			statement.execute("CREATE TABLE t (id INT PRIMARY KEY) ENGINE=InnoDB");
			for (String sql : new String[] { "CREATE TABLE victim (id INT) ENGINE=InnoDB",
					"CREATE INDEX victim_id ON victim (id)", "CREATE VIEW vv AS SELECT 1 AS a",
					"CREATE TRIGGER trg BEFORE INSERT ON victim FOR EACH ROW SET @x = 1",
					"CREATE PROCEDURE pp() SELECT 1", "CREATE FUNCTION ff() RETURNS INT RETURN 1", "CREATE SEQUENCE sq",
					"CREATE EVENT ev ON SCHEDULE EVERY 1 DAY DISABLE DO SELECT 1" }) {
				try {
					statement.execute(sql);
				}
				catch (SQLException ignored) {
					// the embedded server runs without grant tables and may refuse some;
					// statements on a missing object still commit before they fail
				}
			}
		}
	}

	@AfterEach
	void dropThrowawaySchema() throws SQLException {
		try (Connection connection = this.server.connect(""); Statement statement = connection.createStatement()) {
			statement.execute("DROP DATABASE IF EXISTS " + this.schema);
			statement.execute("DROP DATABASE IF EXISTS " + this.schema + "_other");
			statement.execute("DROP DATABASE IF EXISTS " + this.schema + "_renamed");
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "CREATE DATABASE {schema}_other", "CREATE SCHEMA IF NOT EXISTS {schema}_other",
			"DROP DATABASE IF EXISTS {schema}_none", "ALTER DATABASE {schema} CHARACTER SET utf8mb4",
			"CREATE TABLE x (id INT)", "CREATE /*c*/ TABLE x (id INT)", "CREATE TABLE IF NOT EXISTS victim (id INT)",
			"CREATE TABLE x LIKE victim", "ALTER TABLE victim ADD c INT", "ALTER TABLE no_such_table ADD c INT",
			"DROP TABLE victim", "DROP TABLE IF EXISTS no_such_table", "RENAME TABLE victim TO victim2",
			"TRUNCATE TABLE victim", "TRUNCATE victim", "CREATE INDEX i2 ON victim (id)",
			"CREATE UNIQUE INDEX i2 ON t (id)", "DROP INDEX victim_id ON victim", "CREATE VIEW v2 AS SELECT 1",
			"CREATE OR REPLACE VIEW vv AS SELECT 2 AS a",
			"CREATE ALGORITHM=MERGE SQL SECURITY INVOKER VIEW v2 AS SELECT 1", "ALTER VIEW vv AS SELECT 3 AS a",
			"DROP VIEW vv", "CREATE TRIGGER trg2 AFTER INSERT ON victim FOR EACH ROW SET @y = 1", "DROP TRIGGER trg",
			"CREATE PROCEDURE p2() SELECT 1", "DROP PROCEDURE pp", "CREATE FUNCTION f2() RETURNS INT RETURN 2",
			"DROP FUNCTION ff", "CREATE EVENT ev2 ON SCHEDULE EVERY 1 DAY DISABLE DO SELECT 1",
			"ALTER EVENT ev DISABLE", "DROP EVENT ev", "CREATE SEQUENCE sq2", "CREATE TEMPORARY SEQUENCE sq3",
			"ALTER SEQUENCE sq RESTART 5", "DROP SEQUENCE sq", "DROP ROLE dbiso_no_such_role",
			"DROP USER 'dbiso_no_such_user'@'%'", "ALTER USER 'dbiso_no_such_user'@'%' ACCOUNT LOCK",
			"RENAME USER 'dbiso_no_such_user'@'%' TO 'dbiso_no_such_user2'@'%'",
			"GRANT SELECT ON no_such_db.* TO 'dbiso_no_such_user'@'%'",
			"REVOKE SELECT ON *.* FROM 'dbiso_no_such_user'@'%'",
			"SET PASSWORD FOR 'dbiso_no_such_user'@'%' = PASSWORD('x')", "DROP SERVER dbiso_no_such_server",
			"INSTALL PLUGIN dbiso_no_such SONAME 'dbiso_no_such.so'", "UNINSTALL PLUGIN dbiso_no_such", "BEGIN",
			"BEGIN WORK", "START TRANSACTION", "COMMIT", "ROLLBACK", "SET autocommit = 1", "SET LOCAL autocommit=1",
			"SET SESSION autocommit=ON", "SET @@autocommit:=1", "SET @@session.autocommit=1",
			"SET @@local.autocommit=1", "SET @a = 1, autocommit = 1", "SET autocommit = DEFAULT",
			"/*!40101 SET autocommit=1 */", "/*!50000 CREATE TABLE x (id INT) */",
			"/*M!100100 CREATE TABLE x (id INT) */", "SET STATEMENT max_statement_time=10 FOR COMMIT",
			"LOCK TABLES victim WRITE", "LOCK TABLE victim READ", "FLUSH TABLES victim", "RESET QUERY CACHE",
			"ANALYZE TABLE victim", "CHECK TABLE victim", "OPTIMIZE TABLE victim", "REPAIR TABLE victim",
			"SAVEPOINT dbiso_test", "RELEASE SAVEPOINT dbiso_test", "ROLLBACK TO SAVEPOINT dbiso_test",
			"ROLLBACK TO dbiso_test", "BEGIN NOT ATOMIC SELECT 1; COMMIT; END",
			"BEGIN NOT ATOMIC IF 1 THEN TRUNCATE victim; END IF; END" })
	void refusedStatementsReallyEndTheTransaction(String sql) throws SQLException {
		assertThat(this.server.dialect().implicitCommit(sql)).as("the guard's verdict on '%s'", sql).isPresent();
		assertThat(disturbsTheTransaction(sql)).as("whether '%s' ends or disturbs the transaction", sql).isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = { "SELECT 'CREATE TABLE x'", "INSERT INTO victim VALUES (1)",
			"INSERT INTO victim VALUES (1) /* ; DROP TABLE victim */", "SELECT `commit` FROM (SELECT 1 AS `commit`) c",
			"CREATE TEMPORARY TABLE x (id INT)", "CREATE OR REPLACE TEMPORARY TABLE x (id INT)",
			"CREATE TEMPORARY TABLE victim2 LIKE victim", "/* CREATE TABLE */ SELECT 1", "-- DROP\nSELECT 1",
			"SELECT 1 -- ; DROP TABLE t", "SAVEPOINT app_sp", "SET autocommit=0", "SET @@session.autocommit = OFF",
			"SET @autocommit = 1", "SELECT * FROM victim FOR UPDATE", "DO 1", "CHECKSUM TABLE victim",
			"ANALYZE SELECT 1", "SELECT /*!50000 1 */", "SET NAMES utf8mb4", "CALL pp()",
			"EXECUTE IMMEDIATE 'SELECT 1'", "BEGIN NOT ATOMIC SELECT 1; INSERT INTO victim VALUES (2); END",
			"SELECT NEXTVAL(sq)", "SET STATEMENT max_statement_time=10 FOR SELECT 1" })
	void statementsLetThroughLeaveTheTransactionIntact(String sql) throws SQLException {
		assertThat(this.server.dialect().implicitCommit(sql)).as("the guard's verdict on '%s'", sql).isEmpty();
		assertThat(disturbsTheTransaction(sql)).as("whether '%s' ends or disturbs the transaction", sql).isFalse();
	}

	/**
	 * Runs a statement as a rolled-back test would: a row written before the test's
	 * savepoint, one after it, then the statement. The transaction is intact if the later
	 * row is still there, rolling back to the savepoint removes it, and the final
	 * rollback leaves nothing.
	 */
	private boolean disturbsTheTransaction(String sql) throws SQLException {
		sql = sql.replace("{schema}", this.schema);
		boolean intact;
		try (Connection connection = this.server.connect(this.schema);
				Statement statement = connection.createStatement()) {
			connection.setAutoCommit(false);
			statement.execute("INSERT INTO t VALUES (1)");
			statement.execute("SAVEPOINT dbiso_test");
			statement.execute("INSERT INTO t VALUES (2)");
			try {
				statement.execute(sql);
			}
			catch (SQLException ex) {
				// MariaDB commits before it runs such statements, even ones that fail,
				// unless the server's options forbid the statement outright
				skipIfPrevented(ex);
			}
			statement.execute("UNLOCK TABLES");
			intact = count(statement, 2) == 1 && rollsBackToTheSavepoint(statement) && count(statement, 2) == 0;
			connection.rollback();
		}
		try (Connection connection = this.server.connect(this.schema);
				Statement statement = connection.createStatement()) {
			return !intact || count(statement, 1) != 0;
		}
	}

	/**
	 * The embedded server runs without grant tables, so statements on users, roles and
	 * events cannot run there at all.
	 */
	private void skipIfPrevented(SQLException ex) {
		// ER_OPTION_PREVENTS_STATEMENT
		Assumptions.assumeTrue(ex.getErrorCode() != 1290, () -> "the server's options prevent it: " + ex.getMessage());
	}

	private boolean rollsBackToTheSavepoint(Statement statement) {
		try {
			statement.execute("ROLLBACK TO SAVEPOINT dbiso_test");
			return true;
		}
		catch (SQLException ex) {
			return false;
		}
	}

	private int count(Statement statement, int id) throws SQLException {
		try (ResultSet result = statement.executeQuery("SELECT COUNT(*) FROM t WHERE id = " + id)) {
			result.next();
			return result.getInt(1);
		}
	}

}
