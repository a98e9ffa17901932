package io.dbisolation.dialect;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.dbisolation.server.DatabaseServer;
import io.dbisolation.testsupport.TestServers;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Clones made by the MySQL dialect hold exactly the source's values and objects, and name
 * only themselves: defaults computed at insert time keep the source's values, generated
 * columns are computed again, and sequences continue where the source's stand.
 * <p>
 * MySQL 8 marks expression defaults as {@code DEFAULT_GENERATED} in
 * {@code information_schema.COLUMNS.EXTRA}; no MySQL server runs here, so that case is
 * covered by the same columns on MariaDB (through mysql-connector-j on the embedded
 * server).
 */
abstract class AbstractMySqlCloneIntegrationTests {

	private DatabaseServer server;

	private String source;

	private String target;

	private String secondTarget;

	abstract DatabaseServer server();

	@BeforeEach
	void createSchemas() throws SQLException {
		this.server = server();
		String name = "cloneprobe_" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
		this.source = name + "_src";
		this.target = name + "_dst";
		this.secondTarget = name + "_dst2";
		try (Connection connection = this.server.connect("")) {
			for (String schema : List.of(this.source, this.target, this.secondTarget)) {
				dialect().createSchema(connection, schema);
			}
		}
	}

	@AfterEach
	void dropSchemas() throws SQLException {
		try (Connection connection = this.server.connect("")) {
			for (String schema : List.of(this.source, this.target, this.secondTarget)) {
				dialect().dropSchema(connection, schema);
			}
		}
	}

	@Test
	void cloneKeepsValuesOfInsertTimeDefaultsAndComputesGeneratedColumns() throws SQLException {
		execute(this.source,
				"CREATE TABLE events (id INT AUTO_INCREMENT PRIMARY KEY, n INT NOT NULL, "
						+ "created_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP, token VARCHAR(36) DEFAULT (uuid()), "
						+ "doubled INT AS (n * 2) VIRTUAL, tripled INT AS (n * 3) STORED)");
		execute(this.source, "INSERT INTO events (n, created_at) VALUES (1, '2001-02-03 04:05:06')");
		execute(this.source, "INSERT INTO events (n) VALUES (2), (3)");
		cloneInto(this.target);
		String rows = "SELECT CONCAT_WS('|', id, n, created_at, token, doubled, tripled) FROM events ORDER BY id";
		List<String> cloned = query(this.target, rows);
		assertThat(cloned).hasSize(3).isEqualTo(query(this.source, rows));
		assertThat(cloned.get(0)).startsWith("1|1|2001-02-03 04:05:06|").endsWith("|2|3");
	}

	@Test
	void cloneOfASequenceContinuesWhereTheSourcesStandsAndTableDefaultsUseTheClonesSequence() throws SQLException {
		execute(this.source, "CREATE SEQUENCE invoice_seq START WITH 100");
		execute(this.source,
				"CREATE TABLE invoices (id BIGINT NOT NULL DEFAULT nextval(invoice_seq) PRIMARY KEY, n INT)");
		execute(this.source, "INSERT INTO invoices (n) VALUES (1), (2)");
		List<String> sourceState = query(this.source, "SELECT next_not_cached_value FROM invoice_seq");
		SchemaSnapshot snapshot = cloneInto(this.target);
		cloneInto(this.secondTarget);
		assertThat(query(this.target, "SELECT id FROM invoices ORDER BY id")).containsExactly("100", "101");
		execute(this.target, "INSERT INTO invoices (n) VALUES (3)");
		execute(this.secondTarget, "INSERT INTO invoices (n) VALUES (3)");
		List<String> firstId = query(this.target, "SELECT id FROM invoices WHERE n = 3");
		assertThat(Long.parseLong(firstId.get(0))).isGreaterThan(101);
		assertThat(query(this.secondTarget, "SELECT id FROM invoices WHERE n = 3")).isEqualTo(firstId);
		assertThat(query(this.source, "SELECT next_not_cached_value FROM invoice_seq")).isEqualTo(sourceState);
		assertThat(query(this.source, "SELECT COUNT(*) FROM invoices")).containsExactly("2");
		try (Connection connection = this.server.connect("")) {
			dialect().restoreRows(connection, snapshot, this.target, List.of("invoices"));
		}
		execute(this.target, "INSERT INTO invoices (n) VALUES (3)");
		assertThat(query(this.target, "SELECT id FROM invoices WHERE n = 3")).isEqualTo(firstId);
	}

	@Test
	void cloneHasTheSourcesStructureWhateverItsName() throws SQLException {
		execute(this.source, "CREATE SEQUENCE invoice_seq");
		execute(this.source, "CREATE TABLE invoices (id BIGINT NOT NULL DEFAULT nextval(invoice_seq) PRIMARY KEY, "
				+ "total INT CHECK (total >= 0), customer INT, INDEX invoices_customer (customer))");
		execute(this.source, "CREATE TABLE invoice_lines (id INT PRIMARY KEY, invoice_id BIGINT, "
				+ "FOREIGN KEY (invoice_id) REFERENCES invoices (id) ON DELETE CASCADE)");
		execute(this.source, "CREATE VIEW big_invoices AS SELECT id FROM invoices WHERE total > 100");
		execute(this.source, "CREATE TRIGGER invoices_positive BEFORE INSERT ON invoices FOR EACH ROW "
				+ "SET NEW.total = ABS(NEW.total)");
		execute(this.source, "CREATE FUNCTION invoice_count() RETURNS INT READS SQL DATA "
				+ "RETURN (SELECT COUNT(*) FROM invoices)");
		cloneInto(this.target);
		try (Connection connection = this.server.connect("")) {
			String structure = dialect().structure(connection, this.source);
			assertThat(structure)
				.contains("trigger|invoices_positive", "view|big_invoices", "index|invoices|",
						"foreign key|invoice_lines|", "check|", "routine|invoice_count", "nextval(`~`.`invoice_seq`)")
				.doesNotContain(this.source);
			assertThat(dialect().structure(connection, this.target)).isEqualTo(structure);
			execute(this.target, "DROP TRIGGER invoices_positive");
			assertThat(dialect().structure(connection, this.target)).isNotEqualTo(structure);
		}
	}

	private SchemaSnapshot cloneInto(String target) throws SQLException {
		try (Connection connection = this.server.connect("")) {
			SchemaSnapshot snapshot = dialect().capture(connection, this.source, List.of());
			dialect().restore(connection, snapshot, target);
			return snapshot;
		}
	}

	private Dialect dialect() {
		return this.server.dialect();
	}

	private List<String> query(String schema, String sql) throws SQLException {
		return TestServers.query(this.server, schema, sql);
	}

	private void execute(String schema, String sql) throws SQLException {
		TestServers.execute(this.server, schema, sql);
	}

}
