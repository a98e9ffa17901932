package io.dbisolation.schema;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.dbisolation.server.DatabaseServer;
import io.dbisolation.test.DbIsolationException;
import io.dbisolation.testsupport.SqlTemplateSource;
import io.dbisolation.testsupport.TestServers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * What {@link SchemaOwner} promises on every server: private schemas, templates cloned
 * with everything in them, and leftovers of crashed runs dropped, nothing else.
 */
abstract class AbstractSchemaOwnerIntegrationTests {

	private static final SqlTemplateSource SHOP = new SqlTemplateSource(
			"CREATE TABLE customers (id INT PRIMARY KEY, name VARCHAR(50) NOT NULL, "
					+ "name_upper VARCHAR(50) AS (UPPER(name)) VIRTUAL) ENGINE = InnoDB",
			"CREATE TABLE orders (id INT AUTO_INCREMENT PRIMARY KEY, customer_id INT NOT NULL, "
					+ "CONSTRAINT orders_fk_customer FOREIGN KEY (customer_id) REFERENCES customers (id)) ENGINE = InnoDB",
			"CREATE TABLE order_log (order_id INT NOT NULL) ENGINE = InnoDB",
			"INSERT INTO customers (id, name) VALUES (1, 'ada'), (2, 'grace')",
			"CREATE VIEW customer_names AS SELECT id, name FROM customers",
			"CREATE VIEW a_customer_names AS SELECT name FROM customer_names WHERE id = 1",
			"CREATE TRIGGER orders_logged AFTER INSERT ON orders FOR EACH ROW INSERT INTO order_log VALUES (NEW.id)",
			"CREATE FUNCTION shout(s VARCHAR(50)) RETURNS VARCHAR(60) DETERMINISTIC RETURN CONCAT(UPPER(s), '!')");

	private final List<SchemaOwner> owners = new CopyOnWriteArrayList<>();

	private final List<String> templates = new ArrayList<>();

	private DatabaseServer server;

	private SchemaOwner owner;

	abstract DatabaseServer server();

	@BeforeEach
	void openOwner() {
		this.server = server();
		this.owner = open();
	}

	@AfterEach
	void closeOwnersAndDropTemplates() throws SQLException {
		this.owners.forEach(SchemaOwner::close);
		try (Connection connection = this.server.connect("")) {
			for (String template : this.templates) {
				this.server.dialect().dropSchema(connection, template);
			}
		}
	}

	@Test
	void createdSchemaExistsUntilDestroyed() throws SQLException {
		PrivateSchema schema = this.owner.create();
		assertThat(SchemaNames.isPrivate(schema.name())).isTrue();
		assertThat(TestServers.exists(this.server, schema.name())).isTrue();
		assertThat(this.owner.owned()).containsExactly(schema.name());
		assertThat(registeredKind(schema.name())).containsExactly("private");
		schema.destroy();
		assertThat(TestServers.exists(this.server, schema.name())).isFalse();
		assertThat(this.owner.owned()).isEmpty();
		assertThat(registeredKind(schema.name())).isEmpty();
	}

	@Test
	void cloneKeepsForeignKeys() throws SQLException {
		PrivateSchema schema = cloneOf(SHOP);
		assertThat(query(schema, "SELECT CONSTRAINT_NAME FROM information_schema.REFERENTIAL_CONSTRAINTS "
				+ "WHERE CONSTRAINT_SCHEMA = DATABASE()"))
			.containsExactly("orders_fk_customer");
		assertThatExceptionOfType(SQLException.class)
			.isThrownBy(() -> execute(schema, "INSERT INTO orders (customer_id) VALUES (99)"))
			.withMessageContaining("foreign key constraint fails");
	}

	@Test
	void cloneCopiesSeedRowsWithTheirGeneratedColumns() throws SQLException {
		PrivateSchema schema = cloneOf(SHOP);
		assertThat(query(schema, "SELECT CONCAT(id, ':', name_upper) FROM customers ORDER BY id"))
			.containsExactly("1:ADA", "2:GRACE");
		assertThat(query(schema, "SELECT COUNT(*) FROM orders")).containsExactly("0");
	}

	@Test
	void cloneKeepsViewsOnViewsTriggersAndRoutines() throws SQLException {
		PrivateSchema schema = cloneOf(SHOP);
		assertThat(query(schema, "SELECT name FROM a_customer_names")).containsExactly("ada");
		execute(schema, "INSERT INTO orders (customer_id) VALUES (2)");
		assertThat(query(schema, "SELECT COUNT(*) FROM order_log")).containsExactly("1");
		assertThat(query(schema, "SELECT shout(name) FROM customers WHERE id = 2")).containsExactly("GRACE!");
	}

	@Test
	void cloneIsIndependentOfTheTemplateAndOtherClones() throws SQLException {
		PrivateSchema first = cloneOf(SHOP);
		PrivateSchema second = this.owner.create();
		second.cloneFrom(this.owner.template(SHOP));
		execute(first, "DELETE FROM customers WHERE id = 1");
		assertThat(query(second, "SELECT COUNT(*) FROM customers")).containsExactly("2");
		assertThat(query(second, "SELECT name FROM a_customer_names")).containsExactly("ada");
	}

	@Test
	void changedTablesAreTheOnesWhoseRowsDifferFromTheTemplate() throws SQLException {
		PrivateSchema schema = cloneOf(SHOP);
		Template template = this.owner.template(SHOP);
		assertThat(this.owner.changedTables(template, schema.name())).isEmpty();
		execute(schema, "UPDATE customers SET name = 'ada lovelace' WHERE id = 1");
		execute(schema, "INSERT INTO orders (customer_id) VALUES (2)");
		assertThat(this.owner.changedTables(template, schema.name())).containsExactlyInAnyOrder("customers",
				"order_log", "orders");
	}

	@Test
	void templateIsMigratedOnceAndFoundCompleteByAnotherRun() {
		SqlTemplateSource source = new SqlTemplateSource("CREATE TABLE t (id INT PRIMARY KEY)");
		Template built = template(this.owner, source);
		Template found = template(open(), source);
		assertThat(built.migrated()).isTrue();
		assertThat(found.migrated()).isFalse();
		assertThat(found.name()).isEqualTo(built.name());
		assertThat(source.migrations()).isEqualTo(1);
	}

	@Test
	void halfBuiltTemplateIsRebuilt() throws SQLException {
		SqlTemplateSource source = new SqlTemplateSource("CREATE TABLE t (id INT PRIMARY KEY)");
		String name = this.owner.templateName(source);
		try (Connection connection = this.server.connect("")) {
			// as a run that crashed while building it left it
			this.server.dialect().register(connection, SchemaNames.REGISTRY, name, "zzzzzzzz", "template");
			this.server.dialect().createSchema(connection, name);
		}
		this.templates.add(name);
		assertThat(template(this.owner, source).migrated()).isTrue();
		assertThat(source.migrations()).isEqualTo(1);
		assertThat(registeredKind(name)).containsExactly("template");
	}

	@Test
	void halfBuiltTemplateThatDbIsolationDidNotCreateIsLeftAlone() throws SQLException {
		SqlTemplateSource source = new SqlTemplateSource("CREATE TABLE t (id INT PRIMARY KEY)");
		String name = this.owner.templateName(source);
		try (Connection connection = this.server.connect("")) {
			this.server.dialect().createSchema(connection, name);
		}
		this.templates.add(name);
		TestServers.execute(this.server, name, "CREATE TABLE mine (id INT)");
		assertThatExceptionOfType(DbIsolationException.class).isThrownBy(() -> this.owner.template(source))
			.withMessage("Schema '" + name + "' on '" + this.server + "' has the name of a DbIsolation template, "
					+ "but DbIsolation has no record of creating it (an older version may have left it half-built), "
					+ "so it is left alone. Drop it with DROP DATABASE `" + name + "` and rerun the tests.");
		assertThat(TestServers.query(this.server, name, "SHOW TABLES")).containsExactly("mine");
	}

	@Test
	void failedMigrationDropsTheTemplateAndSaysWhy() {
		SqlTemplateSource source = new SqlTemplateSource("CREATE TABLE t (id INT PRIMARY KEY)",
				"CREATE TABLE t (x INT)");
		assertThatExceptionOfType(IllegalStateException.class).isThrownBy(() -> this.owner.template(source))
			.withMessageContaining("Table 't' already exists");
		assertThat(TestServers.exists(this.server, this.owner.templateName(source))).isFalse();
	}

	@Test
	void leftoversOfSilentRunsAreDroppedAndNothingElse() throws SQLException {
		PrivateSchema live = this.owner.create();
		String leftover = randomPrivateName();
		String usersLookalike = randomPrivateName();
		String notOurs = "dbiso_keep_me";
		try (Connection connection = this.server.connect("")) {
			// a run that crashed: registered, no heartbeat, no lock
			this.server.dialect().register(connection, SchemaNames.REGISTRY, leftover, "zzzzzzzz", "private");
			this.server.dialect().createSchema(connection, leftover);
			this.server.dialect().createSchema(connection, usersLookalike);
			this.server.dialect().createSchema(connection, notOurs);
		}
		TestServers.execute(this.server, usersLookalike, "CREATE TABLE precious (id INT)");
		TestServers.execute(this.server, usersLookalike, "INSERT INTO precious VALUES (42)");
		try {
			open();
			assertThat(TestServers.exists(this.server, leftover)).isFalse();
			assertThat(registeredKind(leftover)).isEmpty();
			assertThat(TestServers.exists(this.server, live.name())).isTrue();
			assertThat(TestServers.exists(this.server, notOurs)).isTrue();
			assertThat(TestServers.query(this.server, usersLookalike, "SELECT id FROM precious")).containsExactly("42");
		}
		finally {
			dropAll(notOurs, leftover, usersLookalike);
		}
	}

	@Test
	void unlockedSchemaOfARunSeenRecentlyIsNotALeftover() throws SQLException {
		String reconnecting = randomPrivateName();
		String run = reconnecting.substring(SchemaNames.PREFIX.length(), SchemaNames.PREFIX.length() + 8);
		try (Connection connection = this.server.connect("")) {
			// a run whose lock connection was just lost: heartbeat fresh, lock free
			this.server.dialect().heartbeat(connection, SchemaNames.REGISTRY, run);
			this.server.dialect().register(connection, SchemaNames.REGISTRY, reconnecting, run, "private");
			this.server.dialect().createSchema(connection, reconnecting);
		}
		try {
			open();
			assertThat(TestServers.exists(this.server, reconnecting)).isTrue();
		}
		finally {
			dropAll(reconnecting);
			try (Connection connection = this.server.connect("")) {
				this.server.dialect().forgetRuns(connection, SchemaNames.REGISTRY, run, 0);
			}
		}
	}

	@Test
	void registryRowsOfSchemasThatAreGoneAreRemoved() throws SQLException {
		String gone = randomPrivateName();
		String goneTemplate = SchemaNames.template("00000000" + gone.substring(6, 14).replaceAll("[^0-9a-f]", "0"));
		try (Connection connection = this.server.connect("")) {
			this.server.dialect().register(connection, SchemaNames.REGISTRY, gone, "zzzzzzzz", "kept");
			this.server.dialect().register(connection, SchemaNames.REGISTRY, goneTemplate, "zzzzzzzz", "template");
		}
		open();
		assertThat(registeredKind(gone)).isEmpty();
		assertThat(registeredKind(goneTemplate)).isEmpty();
	}

	@Test
	void registryIsNeverAPrivateSchemaNorDropped() throws SQLException {
		assertThat(SchemaNames.isPrivate(SchemaNames.REGISTRY)).isFalse();
		assertThat(this.owner.create().name()).isNotEqualTo(SchemaNames.REGISTRY);
		try (Connection connection = this.server.connect("")) {
			// even if a row claimed it was a leftover
			this.server.dialect()
				.register(connection, SchemaNames.REGISTRY, SchemaNames.REGISTRY, "zzzzzzzz", "private");
		}
		try {
			open().close();
			assertThat(TestServers.exists(this.server, SchemaNames.REGISTRY)).isTrue();
		}
		finally {
			try (Connection connection = this.server.connect("")) {
				this.server.dialect().unregister(connection, SchemaNames.REGISTRY, SchemaNames.REGISTRY);
			}
		}
	}

	@Test
	void concurrentSweepsOfTheSameLeftoversAllSucceed() throws Exception {
		List<String> leftovers = new ArrayList<>();
		try (Connection connection = this.server.connect("")) {
			for (int i = 0; i < 12; i++) {
				String name = randomPrivateName();
				this.server.dialect().register(connection, SchemaNames.REGISTRY, name, "zzzzzzzz", "private");
				this.server.dialect().createSchema(connection, name);
				leftovers.add(name);
			}
		}
		try {
			List<Throwable> failures = concurrently(4, 3, () -> open().close());
			assertThat(failures).isEmpty();
			for (String name : leftovers) {
				assertThat(TestServers.exists(this.server, name)).isFalse();
				assertThat(registeredKind(name)).isEmpty();
			}
		}
		finally {
			dropAll(leftovers.toArray(String[]::new));
		}
	}

	@Test
	void sweepsWhileAnotherOwnerChurnsSchemasNeverFail() throws Exception {
		SchemaOwner churner = open();
		CountDownLatch done = new CountDownLatch(1);
		List<Throwable> failures = new CopyOnWriteArrayList<>();
		Thread churn = new Thread(() -> {
			try {
				while (done.getCount() > 0) {
					churner.create().destroy();
				}
			}
			catch (Throwable ex) {
				failures.add(ex);
			}
		});
		churn.start();
		try {
			failures.addAll(concurrently(2, 20, () -> open().close()));
		}
		finally {
			done.countDown();
			churn.join(TimeUnit.SECONDS.toMillis(30));
		}
		assertThat(failures).isEmpty();
		assertThat(churner.owned()).isEmpty();
	}

	@Test
	void closeDropsEverySchemaStillOwned() {
		SchemaOwner other = open();
		PrivateSchema first = other.create();
		PrivateSchema second = other.create();
		other.close();
		assertThat(TestServers.exists(this.server, first.name())).isFalse();
		assertThat(TestServers.exists(this.server, second.name())).isFalse();
	}

	@Test
	void creatingASchemaWithoutThePrivilegeSaysWhichGrantIsMissing() throws SQLException {
		try (Connection connection = this.server.connect(""); Statement statement = connection.createStatement()) {
			assumeTrue(privilegesEnforced(statement), "the server runs without grant tables, so nothing is denied");
			statement.execute("CREATE USER IF NOT EXISTS 'dbiso_reader'@'%' IDENTIFIED BY 'r3ader'");
			statement.execute("GRANT SELECT ON *.* TO 'dbiso_reader'@'%'");
		}
		try {
			DatabaseServer reader = DatabaseServer.configured(this.server.url("").value().replaceFirst("/$", "/") + "",
					"dbiso_reader", "r3ader");
			SchemaOwner readerOwner = SchemaOwner.open(reader);
			this.owners.add(readerOwner);
			assertThatExceptionOfType(DbIsolationException.class).isThrownBy(readerOwner::create)
				.withMessageStartingWith("Could not create schema 'dbiso_")
				.withMessageContaining("the user 'dbiso_reader' lacks the CREATE privilege")
				.withMessageContaining("GRANT ALL ON `dbiso\\_%`.* TO 'dbiso_reader'@'%'")
				.withMessageContaining("@DbIsolation(mode = TRANSACTION)")
				.withMessageNotContaining("r3ader");
		}
		finally {
			try (Connection connection = this.server.connect(""); Statement statement = connection.createStatement()) {
				statement.execute("DROP USER IF EXISTS 'dbiso_reader'@'%'");
			}
		}
	}

	@Test
	void creatingASchemaAsAUserNamedInTheUrlNamesThatUserInTheGrant() throws SQLException {
		try (Connection connection = this.server.connect(""); Statement statement = connection.createStatement()) {
			assumeTrue(privilegesEnforced(statement), "the server runs without grant tables, so nothing is denied");
			statement.execute("CREATE USER IF NOT EXISTS 'dbiso_reader'@'%' IDENTIFIED BY 'r3ader'");
			statement.execute("GRANT SELECT ON *.* TO 'dbiso_reader'@'%'");
		}
		try {
			DatabaseServer reader = DatabaseServer
				.configured(this.server.url("").value() + "?user=dbiso_reader&password=r3ader", null, null);
			SchemaOwner readerOwner = SchemaOwner.open(reader);
			this.owners.add(readerOwner);
			assertThatExceptionOfType(DbIsolationException.class).isThrownBy(readerOwner::create)
				.withMessageStartingWith("Could not create schema 'dbiso_" + readerOwner.session().runId() + "_1' on '"
						+ reader + "': the user 'dbiso_reader' lacks the CREATE privilege (")
				.withMessageEndingWith("). Grant it with `GRANT ALL ON `dbiso\\_%`.* TO 'dbiso_reader'@'%'`, "
						+ "or use @DbIsolation(mode = TRANSACTION), which needs no new schemas.")
				.withMessageNotContaining("null")
				.withMessageNotContaining("r3ader");
		}
		finally {
			try (Connection connection = this.server.connect(""); Statement statement = connection.createStatement()) {
				statement.execute("DROP USER IF EXISTS 'dbiso_reader'@'%'");
			}
		}
	}

	private List<String> registeredKind(String name) throws SQLException {
		try (Connection connection = this.server.connect("")) {
			return this.server.dialect().registeredKind(connection, SchemaNames.REGISTRY, name).stream().toList();
		}
	}

	private static String randomPrivateName() {
		return SchemaNames.forNewRun().next();
	}

	private void dropAll(String... names) throws SQLException {
		try (Connection connection = this.server.connect("")) {
			for (String name : names) {
				this.server.dialect().dropSchema(connection, name);
				this.server.dialect().unregister(connection, SchemaNames.REGISTRY, name);
			}
		}
	}

	/**
	 * Runs a task on several threads at once, several times each.
	 */
	private static List<Throwable> concurrently(int threads, int times, Runnable task) throws InterruptedException {
		List<Throwable> failures = new CopyOnWriteArrayList<>();
		CyclicBarrier start = new CyclicBarrier(threads);
		List<Thread> running = new ArrayList<>();
		for (int i = 0; i < threads; i++) {
			Thread thread = new Thread(() -> {
				try {
					start.await();
					for (int n = 0; n < times; n++) {
						task.run();
					}
				}
				catch (Throwable ex) {
					failures.add(ex);
				}
			});
			thread.start();
			running.add(thread);
		}
		for (Thread thread : running) {
			thread.join(TimeUnit.MINUTES.toMillis(2));
		}
		return failures;
	}

	private boolean privilegesEnforced(Statement statement) throws SQLException {
		try (ResultSet result = statement.executeQuery("SELECT CURRENT_USER()")) {
			result.next();
			return !result.getString(1).isEmpty() && !result.getString(1).startsWith("@");
		}
	}

	private SchemaOwner open() {
		SchemaOwner opened = SchemaOwner.open(this.server);
		this.owners.add(opened);
		return opened;
	}

	private Template template(SchemaOwner owner, SqlTemplateSource source) {
		Template template = owner.template(source);
		this.templates.add(template.name());
		return template;
	}

	private PrivateSchema cloneOf(SqlTemplateSource source) {
		PrivateSchema schema = this.owner.create();
		schema.cloneFrom(template(this.owner, source));
		return schema;
	}

	private List<String> query(PrivateSchema schema, String sql) throws SQLException {
		return TestServers.query(this.server, schema.name(), sql);
	}

	private void execute(PrivateSchema schema, String sql) throws SQLException {
		TestServers.execute(this.server, schema.name(), sql);
	}

}
