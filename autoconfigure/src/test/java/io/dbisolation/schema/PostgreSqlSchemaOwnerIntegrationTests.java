package io.dbisolation.schema;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

import io.dbisolation.server.DatabaseServer;
import io.dbisolation.test.DbIsolationException;
import io.dbisolation.testsupport.SqlTemplateSource;
import io.dbisolation.testsupport.TestServers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@link SchemaOwner} on the PostgreSQL at 127.0.0.1:5432: private databases cloned with
 * {@code CREATE DATABASE ... TEMPLATE}, with everything the migrations made, templates
 * built once however many runs start at once, and leftovers dropped, nothing else.
 */
@EnabledIf(value = "io.dbisolation.testsupport.TestServers#postgresAvailable",
		disabledReason = "no PostgreSQL on 127.0.0.1:5432")
class PostgreSqlSchemaOwnerIntegrationTests {

	private static final String[] SHOP = { "CREATE EXTENSION IF NOT EXISTS citext",
			"CREATE SEQUENCE order_number START WITH 500",
			"CREATE TABLE customers (id INT PRIMARY KEY, email CITEXT NOT NULL UNIQUE)",
			"CREATE TABLE orders (id SERIAL PRIMARY KEY, number INT NOT NULL DEFAULT nextval('order_number'), "
					+ "customer_id INT NOT NULL REFERENCES customers (id))",
			"CREATE TABLE order_log (order_id INT NOT NULL)",
			"CREATE FUNCTION log_order() RETURNS trigger LANGUAGE plpgsql AS "
					+ "$$ BEGIN INSERT INTO order_log VALUES (NEW.id); RETURN NEW; END $$",
			"CREATE TRIGGER orders_logged AFTER INSERT ON orders FOR EACH ROW EXECUTE FUNCTION log_order()",
			"CREATE VIEW customer_emails AS SELECT id, email FROM customers",
			"INSERT INTO customers VALUES (1, 'Ada@example.com'), (2, 'grace@example.com')" };

	private final List<SchemaOwner> owners = new CopyOnWriteArrayList<>();

	private final Set<String> templates = ConcurrentHashMap.newKeySet();

	private DatabaseServer server;

	private SchemaOwner owner;

	@BeforeEach
	void openOwner() {
		this.server = TestServers.postgres();
		this.owner = open();
	}

	@AfterEach
	void closeOwnersAndDropTemplates() throws SQLException {
		this.owners.forEach(SchemaOwner::close);
		try (Connection connection = this.server.connect("")) {
			for (String template : this.templates) {
				this.server.dialect().dropSchema(connection, template);
				this.server.dialect().unregister(connection, SchemaNames.REGISTRY, template);
			}
		}
	}

	@Test
	void cloneHasTheExtensionSequenceFunctionTriggerViewAndRowsOfTheTemplate() throws SQLException {
		PrivateSchema schema = cloneOf(this.owner, new SqlTemplateSource(SHOP));
		assertThat(query(schema, "SELECT id FROM customer_emails WHERE email = 'ADA@EXAMPLE.COM'"))
			.containsExactly("1");
		execute(schema, "INSERT INTO orders (customer_id) VALUES (2)");
		assertThat(query(schema, "SELECT number FROM orders")).containsExactly("500");
		assertThat(query(schema, "SELECT count(*) FROM order_log")).containsExactly("1");
		assertThat(this.owner.owned()).containsExactly(schema.name());
		assertThat(schema.changedTables()).containsExactlyInAnyOrder("public.orders", "public.order_log");
	}

	@Test
	void cloneIsIndependentOfTheTemplateAndOtherClones() throws SQLException {
		SqlTemplateSource source = new SqlTemplateSource(SHOP);
		PrivateSchema first = cloneOf(this.owner, source);
		PrivateSchema second = cloneOf(this.owner, source);
		execute(first, "DELETE FROM customers WHERE id = 2");
		assertThat(query(second, "SELECT count(*) FROM customers")).containsExactly("2");
		assertThat(query(first.template().name(), "SELECT count(*) FROM customers")).containsExactly("2");
		assertThat(second.changedTables()).isEmpty();
		assertThat(source.migrations()).isEqualTo(1);
	}

	@Test
	void restoringTheTemplateReplacesAClone() throws SQLException {
		PrivateSchema schema = cloneOf(this.owner, new SqlTemplateSource(SHOP));
		List<String> replaced = new CopyOnWriteArrayList<>();
		schema.onReplaced(() -> replaced.add(schema.name()));
		execute(schema, "DELETE FROM customers");
		schema.restoreTemplate();
		assertThat(query(schema, "SELECT count(*) FROM customers")).containsExactly("2");
		assertThat(replaced).containsExactly(schema.name());
	}

	/**
	 * Ten runs (each with its own lock session, as ten forks would have) starting on a
	 * new template at once: one migrates, the others wait and clone; no
	 * {@code CREATE EXTENSION} collides.
	 */
	@Test
	void tenRunsStartingAtOnceBuildTheTemplateOnce() throws Exception {
		SqlTemplateSource source = new SqlTemplateSource(SHOP);
		List<SchemaOwner> runs = new ArrayList<>();
		for (int i = 0; i < 10; i++) {
			runs.add(open());
		}
		List<Throwable> failures = new CopyOnWriteArrayList<>();
		List<String> clones = new CopyOnWriteArrayList<>();
		CyclicBarrier start = new CyclicBarrier(runs.size());
		List<Thread> threads = new ArrayList<>();
		for (SchemaOwner run : runs) {
			Thread thread = new Thread(() -> {
				try {
					start.await();
					PrivateSchema schema = cloneOf(run, source);
					clones.add(query(schema, "SELECT count(*) FROM customers").get(0));
				}
				catch (Throwable ex) {
					failures.add(ex);
				}
			});
			thread.start();
			threads.add(thread);
		}
		for (Thread thread : threads) {
			thread.join(TimeUnit.MINUTES.toMillis(2));
		}
		assertThat(failures).isEmpty();
		assertThat(source.migrations()).isEqualTo(1);
		assertThat(clones).hasSize(10).containsOnly("2");
	}

	@Test
	void leftoversOfSilentRunsAreDroppedAndNothingElse() throws SQLException {
		PrivateSchema live = this.owner.create();
		String leftover = SchemaNames.forNewRun().next();
		String notOurs = "dbiso_keep_me_pg";
		try (Connection connection = this.server.connect("")) {
			// a run that crashed: registered, no heartbeat, no lock
			this.server.dialect().register(connection, SchemaNames.REGISTRY, leftover, "zzzzzzzz", "private");
			this.server.dialect().createSchema(connection, leftover);
			this.server.dialect().createSchema(connection, notOurs);
		}
		try {
			open();
			assertThat(TestServers.exists(this.server, leftover)).isFalse();
			assertThat(TestServers.exists(this.server, live.name())).isTrue();
			assertThat(TestServers.exists(this.server, notOurs)).isTrue();
		}
		finally {
			try (Connection connection = this.server.connect("")) {
				for (String name : List.of(leftover, notOurs)) {
					this.server.dialect().dropSchema(connection, name);
					this.server.dialect().unregister(connection, SchemaNames.REGISTRY, name);
				}
			}
		}
	}

	@Test
	void closeDropsEveryDatabaseStillOwned() {
		SchemaOwner run = open();
		PrivateSchema schema = cloneOf(run, new SqlTemplateSource(SHOP));
		run.close();
		assertThat(TestServers.exists(this.server, schema.name())).isFalse();
	}

	@Test
	void creatingADatabaseWithoutThePrivilegeSaysWhatToGrant() throws SQLException {
		String role = "dbiso_test_no_createdb";
		TestServers.execute(this.server, "", "DROP ROLE IF EXISTS " + role);
		TestServers.execute(this.server, "", "CREATE ROLE " + role + " LOGIN");
		try {
			DatabaseServer limited = DatabaseServer.configured(TestServers.POSTGRES_URL, role, "");
			try (SchemaOwner limitedOwner = SchemaOwner.open(limited)) {
				assertThatExceptionOfType(DbIsolationException.class).isThrownBy(limitedOwner::create)
					.withMessageContaining("the user \"" + role + "\" lacks the CREATE privilege")
					.withMessageContaining("Grant it with `ALTER ROLE \"" + role + "\" CREATEDB; GRANT CREATE ON "
							+ "DATABASE postgres TO \"" + role + "\"`");
			}
		}
		finally {
			TestServers.execute(this.server, "", "DROP ROLE IF EXISTS " + role);
		}
	}

	private SchemaOwner open() {
		SchemaOwner opened = SchemaOwner.open(this.server);
		this.owners.add(opened);
		return opened;
	}

	private PrivateSchema cloneOf(SchemaOwner owner, SqlTemplateSource source) {
		PrivateSchema schema = owner.create();
		Template template = owner.template(source);
		this.templates.add(template.name());
		schema.cloneFrom(template);
		return schema;
	}

	private List<String> query(PrivateSchema schema, String sql) throws SQLException {
		return query(schema.name(), sql);
	}

	private List<String> query(String database, String sql) throws SQLException {
		return TestServers.query(this.server, database, sql);
	}

	private void execute(PrivateSchema schema, String sql) throws SQLException {
		TestServers.execute(this.server, schema.name(), sql);
	}

}
