package io.dbisolation.schema;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.dbisolation.server.DatabaseServer;
import io.dbisolation.testsupport.SqlTemplateSource;
import io.dbisolation.testsupport.TestServers;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The warm pool of clones: fresh content on every take, recycling that restores only what
 * changed, and nothing left once closed.
 */
abstract class AbstractSchemaPoolIntegrationTests {

	private final List<String> templates = new ArrayList<>();

	private DatabaseServer server;

	private SchemaOwner owner;

	private Template template;

	abstract DatabaseServer server();

	@BeforeEach
	void openPool() {
		this.server = server();
		this.owner = SchemaOwner.open(this.server);
		this.template = this.owner.template(new SqlTemplateSource(
				"CREATE TABLE accounts (id INT AUTO_INCREMENT PRIMARY KEY, owner VARCHAR(20) NOT NULL UNIQUE)",
				"CREATE TABLE transfers (id INT AUTO_INCREMENT PRIMARY KEY, account_id INT NOT NULL, "
						+ "FOREIGN KEY (account_id) REFERENCES accounts (id))",
				"CREATE TABLE notes (id INT AUTO_INCREMENT PRIMARY KEY, text VARCHAR(50))",
				"INSERT INTO accounts (owner) VALUES ('ada'), ('grace')", "CREATE INDEX notes_text ON notes (text)",
				"CREATE VIEW account_owners AS SELECT owner FROM accounts",
				"CREATE TRIGGER notes_signed BEFORE INSERT ON notes FOR EACH ROW SET NEW.text = CONCAT(NEW.text, '!')"));
		this.templates.add(this.template.name());
	}

	@AfterEach
	void closeOwnerAndDropTemplates() throws SQLException {
		this.owner.close();
		try (Connection connection = this.server.connect("")) {
			for (String name : this.templates) {
				this.server.dialect().dropSchema(connection, name);
			}
		}
	}

	@Test
	void takenSchemaHoldsTheTemplatesContent() throws SQLException {
		PrivateSchema schema = this.owner.pool(this.template).take();
		assertThat(query(schema, "SELECT owner FROM accounts ORDER BY id")).containsExactly("ada", "grace");
		assertThat(schema.name()).isNotEqualTo(this.template.name());
	}

	@Test
	void recycledSchemaComesBackAsFreshAsAClone() throws SQLException {
		SchemaPool pool = this.owner.pool(this.template);
		PrivateSchema used = PoolTakes.recycled(this.server, pool, "INSERT INTO accounts (owner) VALUES ('linus')",
				"UPDATE accounts SET owner = 'ada lovelace' WHERE id = 1");
		PrivateSchema again = PoolTakes.takeUntil(pool, used.name());
		assertThat(query(again, "SELECT CONCAT(id, owner) FROM accounts ORDER BY id")).containsExactly("1ada",
				"2grace");
		execute(again, "INSERT INTO accounts (owner) VALUES ('linus')");
		assertThat(query(again, "SELECT MAX(id) FROM accounts")).containsExactly("3");
	}

	@Test
	void recycledSchemaGivesTheTemplatesNextIdAfterAnInsertThatWasDeleted() throws SQLException {
		SchemaPool pool = this.owner.pool(this.template);
		PrivateSchema used = PoolTakes.recycled(this.server, pool, "INSERT INTO accounts (owner) VALUES ('linus')",
				"DELETE FROM accounts WHERE owner = 'linus'");
		PrivateSchema again = PoolTakes.takeUntil(pool, used.name());
		execute(again, "INSERT INTO accounts (owner) VALUES ('margaret')");
		assertThat(query(again, "SELECT id FROM accounts WHERE owner = 'margaret'")).containsExactly("3");
	}

	@Test
	void schemaWhoseTriggerWasDroppedIsReplacedByOneWithTheTrigger() throws SQLException {
		assertStructureChangeIsNotRecycled("DROP TRIGGER notes_signed");
	}

	@Test
	void schemaWhoseViewWasDroppedIsReplacedByOneWithTheView() throws SQLException {
		assertStructureChangeIsNotRecycled("DROP VIEW account_owners");
	}

	@Test
	void schemaWhoseViewWasRedefinedIsReplacedByOneWithTheTemplatesView() throws SQLException {
		assertStructureChangeIsNotRecycled(
				"CREATE OR REPLACE VIEW account_owners AS SELECT UPPER(owner) AS owner FROM accounts");
	}

	@Test
	void schemaWhoseIndexWasDroppedIsReplacedByOneWithTheIndex() throws SQLException {
		assertStructureChangeIsNotRecycled("DROP INDEX notes_text ON notes");
	}

	@Test
	void schemaWithAnAddedTriggerIsReplacedByOneWithout() throws SQLException {
		assertStructureChangeIsNotRecycled(
				"CREATE TRIGGER accounts_renamed BEFORE UPDATE ON accounts FOR EACH ROW SET NEW.owner = 'x'");
	}

	private void assertStructureChangeIsNotRecycled(String change) throws SQLException {
		SchemaPool pool = this.owner.pool(this.template);
		PrivateSchema used = pool.take();
		execute(used, change);
		pool.giveBack(used);
		assertThat(TestServers.exists(this.server, used.name())).isFalse();
		PrivateSchema next = pool.take();
		assertThat(query(next, "SELECT owner FROM account_owners ORDER BY owner")).containsExactly("ada", "grace");
		assertThat(query(next, "SELECT COUNT(*) FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = DATABASE() "
				+ "AND INDEX_NAME = 'notes_text'"))
			.containsExactly("1");
		assertThat(
				query(next, "SELECT TRIGGER_NAME FROM information_schema.TRIGGERS WHERE TRIGGER_SCHEMA = DATABASE()"))
			.containsExactly("notes_signed");
		execute(next, "INSERT INTO notes (text) VALUES ('hi')");
		assertThat(query(next, "SELECT text FROM notes")).containsExactly("hi!");
	}

	@Test
	void schemaWithMostTablesChangedIsDroppedSinceACloneIsCheaper() throws SQLException {
		SchemaPool pool = this.owner.pool(this.template);
		PrivateSchema used = pool.take();
		execute(used, "INSERT INTO transfers (account_id) VALUES (1)");
		execute(used, "INSERT INTO notes (text) VALUES ('busy test')");
		execute(used, "INSERT INTO accounts (owner) VALUES ('linus')");
		pool.giveBack(used);
		assertThat(TestServers.exists(this.server, used.name())).isFalse();
	}

	@Test
	void schemaWhoseStructureChangedIsDroppedNotRecycled() throws SQLException {
		SchemaPool pool = this.owner.pool(this.template);
		PrivateSchema used = pool.take();
		execute(used, "ALTER TABLE accounts ADD COLUMN balance INT");
		pool.giveBack(used);
		assertThat(TestServers.exists(this.server, used.name())).isFalse();
	}

	@Test
	void closingTheOwnerDropsReadyAndTakenSchemas() {
		SchemaPool pool = this.owner.pool(this.template);
		PrivateSchema taken = pool.take();
		List<String> owned = List.copyOf(this.owner.owned());
		this.owner.close();
		assertThat(owned).contains(taken.name());
		for (String name : owned) {
			assertThat(TestServers.exists(this.server, name)).isFalse();
		}
	}

	@Test
	void keptSchemaSurvivesItsOwnerAndIsNotALeftover() throws SQLException {
		PrivateSchema failed = this.owner.pool(this.template).take();
		String how = this.owner.keep(failed);
		assertThat(how).endsWith("/" + failed.name());
		this.owner.close();
		SchemaOwner next = SchemaOwner.open(this.server);
		try {
			assertThat(TestServers.exists(this.server, failed.name())).isTrue();
		}
		finally {
			next.close();
			try (Connection connection = this.server.connect("")) {
				this.server.dialect().dropSchema(connection, failed.name());
			}
		}
	}

	private List<String> query(PrivateSchema schema, String sql) throws SQLException {
		return TestServers.query(this.server, schema.name(), sql);
	}

	private void execute(PrivateSchema schema, String sql) throws SQLException {
		TestServers.execute(this.server, schema.name(), sql);
	}

}
