package io.dbisolation.schema;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.dbisolation.server.DatabaseServer;
import io.dbisolation.testsupport.SqlTemplateSource;
import io.dbisolation.testsupport.TestServers;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The warm pool of clones on PostgreSQL, where a clone is a database: a recycled clone is
 * its template again (rows the migrations wrote, identity columns, serials and sequences
 * that no column owns), and one whose structure changed, or whose refill a trigger
 * changed, is dropped instead.
 */
abstract class AbstractPostgreSqlSchemaPoolIntegrationTests {

	private static final String[] TRACKER = { "CREATE SEQUENCE ticket_number START WITH 500",
			"CREATE TABLE kinds (id INT PRIMARY KEY, name TEXT NOT NULL)",
			"INSERT INTO kinds VALUES (1, 'bug'), (2, 'feature')",
			"CREATE TABLE tickets (id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY, "
					+ "kind_id INT NOT NULL REFERENCES kinds (id), number INT NOT NULL DEFAULT nextval('ticket_number'), "
					+ "title TEXT NOT NULL, slug TEXT GENERATED ALWAYS AS (lower(title)) STORED)",
			"INSERT INTO tickets (kind_id, title) VALUES (1, 'First')",
			"CREATE TABLE notes (id SERIAL PRIMARY KEY, text TEXT)", "CREATE TABLE note_log (note_id INT)",
			"CREATE FUNCTION log_note() RETURNS trigger LANGUAGE plpgsql AS "
					+ "$$ BEGIN INSERT INTO note_log VALUES (NEW.id); RETURN NEW; END $$",
			"CREATE TRIGGER notes_logged AFTER INSERT ON notes FOR EACH ROW EXECUTE FUNCTION log_note()",
			"INSERT INTO notes (text) VALUES ('seed')" };

	private DatabaseServer server;

	private SchemaOwner owner;

	private Template template;

	abstract DatabaseServer server();

	@BeforeEach
	void openPool() {
		this.server = server();
		this.owner = SchemaOwner.open(this.server);
		this.template = this.owner.template(new SqlTemplateSource(TRACKER));
	}

	@AfterEach
	void closeOwnerAndDropTemplate() throws SQLException {
		this.owner.close();
		try (Connection connection = this.server.connect("")) {
			this.server.dialect().dropSchema(connection, this.template.name());
			this.server.dialect().unregister(connection, SchemaNames.REGISTRY, this.template.name());
		}
	}

	@Test
	void recycledCloneHasTheTemplatesRowsAndNumbersAgain() throws SQLException {
		SchemaPool pool = this.owner.pool(this.template);
		PrivateSchema used = PoolTakes.recycled(this.server, pool, "INSERT INTO kinds VALUES (3, 'chore')",
				"UPDATE kinds SET name = 'defect' WHERE id = 1",
				"INSERT INTO tickets (kind_id, title) VALUES (3, 'Second'), (2, 'Third')",
				"SELECT nextval('ticket_number')");
		PrivateSchema again = PoolTakes.takeUntil(pool, used.name());
		assertThat(query(again, "SELECT id || ' ' || name FROM kinds ORDER BY id")).containsExactly("1 bug",
				"2 feature");
		assertThat(query(again, "SELECT id || ' ' || number || ' ' || slug FROM tickets"))
			.containsExactly("1 500 first");
		execute(again, "INSERT INTO tickets (kind_id, title) VALUES (2, 'Next')");
		assertThat(query(again, "SELECT id || ' ' || number FROM tickets WHERE title = 'Next'"))
			.containsExactly("2 501");
	}

	@Test
	void rowsTheMigrationsWroteAreBackAfterATestDeletedThem() throws SQLException {
		SchemaPool pool = this.owner.pool(this.template);
		PrivateSchema used = PoolTakes.recycled(this.server, pool, "DELETE FROM tickets", "DELETE FROM kinds");
		PrivateSchema again = PoolTakes.takeUntil(pool, used.name());
		assertThat(query(again, "SELECT name FROM kinds ORDER BY id")).containsExactly("bug", "feature");
		assertThat(query(again, "SELECT title FROM tickets")).containsExactly("First");
	}

	@Test
	void sequenceThatNoColumnOwnsStartsAgainWhereTheTemplatesStood() throws SQLException {
		SchemaPool pool = this.owner.pool(this.template);
		PrivateSchema used = PoolTakes.recycled(this.server, pool, "SELECT nextval('ticket_number')",
				"SELECT nextval('ticket_number')", "SELECT nextval('notes_id_seq')");
		PrivateSchema again = PoolTakes.takeUntil(pool, used.name());
		assertThat(query(again, "SELECT nextval('ticket_number')")).containsExactly("501");
		assertThat(query(again, "SELECT nextval('notes_id_seq')")).containsExactly("2");
	}

	@Test
	void cloneWithAnAddedColumnIsDroppedNotRecycled() throws SQLException {
		assertDropped("ALTER TABLE kinds ADD COLUMN color TEXT");
	}

	@Test
	void cloneWithAnAddedSequenceIsDroppedNotRecycled() throws SQLException {
		assertDropped("CREATE SEQUENCE invoice_number");
	}

	@Test
	void cloneWithAnAddedTableIsDroppedNotRecycled() throws SQLException {
		assertDropped("CREATE TABLE extra (id INT)");
	}

	@Test
	void cloneWhoseRefillATriggerWouldChangeIsDroppedNotRecycled() throws SQLException {
		// refilling notes fires the trigger, which writes a second row into note_log
		assertDropped("UPDATE notes SET text = 'changed'");
	}

	@Test
	void closingTheOwnerDropsReadyAndTakenClones() {
		SchemaPool pool = this.owner.pool(this.template);
		PrivateSchema taken = pool.take();
		List<String> owned = List.copyOf(this.owner.owned());
		this.owner.close();
		assertThat(owned).contains(taken.name());
		for (String name : owned) {
			assertThat(TestServers.exists(this.server, name)).isFalse();
		}
	}

	private void assertDropped(String change) throws SQLException {
		SchemaPool pool = this.owner.pool(this.template);
		PrivateSchema used = pool.take();
		execute(used, change);
		pool.giveBack(used);
		assertThat(TestServers.exists(this.server, used.name())).isFalse();
		PrivateSchema next = pool.take();
		assertThat(query(next, "SELECT count(*) FROM note_log")).containsExactly("1");
		assertThat(query(next, "SELECT count(*) FROM information_schema.columns WHERE table_name = 'kinds'"))
			.containsExactly("2");
	}

	private List<String> query(PrivateSchema schema, String sql) throws SQLException {
		return TestServers.query(this.server, schema.name(), sql);
	}

	private void execute(PrivateSchema schema, String sql) throws SQLException {
		TestServers.execute(this.server, schema.name(), sql);
	}

}
