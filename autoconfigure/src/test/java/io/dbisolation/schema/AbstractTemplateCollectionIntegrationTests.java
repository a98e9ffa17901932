package io.dbisolation.schema;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.dbisolation.server.DatabaseServer;
import io.dbisolation.testsupport.SqlTemplateSource;
import io.dbisolation.testsupport.TestServers;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Templates that no run uses are collected at start-up, on every server: those unused for
 * longer than the maximum age, and those beyond the newest few of their application;
 * never one a concurrent run uses, never a schema DbIsolation did not create. Other runs
 * may share the server, so each test ages only its own templates (by their registry
 * record) and names an application of its own.
 */
abstract class AbstractTemplateCollectionIntegrationTests {

	/** Older than any template another run on a shared server may have built today. */
	private static final Duration MAX_AGE = Duration.ofDays(20);

	private final List<SchemaOwner> owners = new CopyOnWriteArrayList<>();

	private final List<String> schemas = new ArrayList<>();

	private DatabaseServer server;

	private String application;

	abstract DatabaseServer server();

	@BeforeEach
	void pickServer() {
		this.server = server();
		this.application = "collection-test-" + HexFormat.of().formatHex(new SecureRandom().generateSeed(4));
	}

	@AfterEach
	void closeOwnersAndDropSchemas() throws SQLException {
		this.owners.forEach(SchemaOwner::close);
		try (Connection connection = this.server.connect("")) {
			for (String schema : this.schemas) {
				this.server.dialect().dropSchema(connection, schema);
				this.server.dialect().unregister(connection, SchemaNames.REGISTRY, schema);
				this.server.dialect().forgetTemplate(connection, SchemaNames.REGISTRY, schema);
			}
		}
	}

	@Test
	void templateUnusedForLongerThanTheMaxAgeIsGoneAfterTheNextRunAndNothingElse() throws SQLException {
		SchemaOwner first = open();
		String old = use(first, new SqlTemplateSource("CREATE TABLE t (id INT)"));
		String recent = use(first, new SqlTemplateSource("CREATE TABLE u (id INT)"));
		first.close();
		String lookalike = SchemaNames.template(HexFormat.of().formatHex(new SecureRandom().generateSeed(8)));
		try (Connection connection = this.server.connect("")) {
			this.server.dialect().createSchema(connection, lookalike);
		}
		this.schemas.add(lookalike);
		TestServers.execute(this.server, lookalike, "CREATE TABLE precious (id INT)");
		unusedFor(old, MAX_AGE.plusDays(1));
		unusedFor(recent, MAX_AGE.minusDays(1));
		unusedFor(lookalike, MAX_AGE.plusDays(1));
		use(open(), new SqlTemplateSource("CREATE TABLE v (id INT)"));
		assertThat(TestServers.exists(this.server, old)).isFalse();
		assertThat(registered(old)).isEmpty();
		assertThat(TestServers.exists(this.server, recent)).isTrue();
		assertThat(TestServers.query(this.server, lookalike, "SHOW TABLES")).containsExactly("precious");
	}

	@Test
	void templateInUseByAnotherOwnerSessionIsNeverDroppedAndIsAfterItsRunEnded() throws SQLException {
		SchemaOwner running = open();
		SqlTemplateSource source = new SqlTemplateSource("CREATE TABLE t (id INT)", "INSERT INTO t VALUES (1)");
		String held = use(running, source);
		unusedFor(held, MAX_AGE.plusDays(1));
		use(open(), new SqlTemplateSource("CREATE TABLE u (id INT)"));
		assertThat(TestServers.exists(this.server, held)).isTrue();
		PrivateSchema clone = running.create();
		clone.cloneFrom(running.template(source, retention(5)));
		assertThat(TestServers.query(this.server, clone.name(), "SELECT id FROM t")).containsExactly("1");
		running.close();
		unusedFor(held, MAX_AGE.plusDays(1));
		use(open(), new SqlTemplateSource("CREATE TABLE w (id INT)"));
		assertThat(TestServers.exists(this.server, held)).isFalse();
	}

	@Test
	void templateWhoseUseLockIsHeldIsKeptThoughItsRunIsSilent() throws SQLException {
		SchemaOwner first = open();
		String held = use(first, new SqlTemplateSource("CREATE TABLE t (id INT)"));
		first.close();
		unusedFor(held, MAX_AGE.plusDays(1));
		String silentRun = "zzzz" + HexFormat.of().formatHex(new SecureRandom().generateSeed(2));
		String lock = SchemaNames.templateUse(held, silentRun);
		// a run in another JVM whose heartbeat is late: no row in runs, its lock held
		try (Connection otherJvm = this.server.connect("")) {
			assertThat(this.server.dialect().lock(otherJvm, lock, 0)).isTrue();
			this.server.dialect()
				.recordTemplateUse(otherJvm, SchemaNames.REGISTRY, held, this.application, silentRun, lock);
			unusedFor(held, MAX_AGE.plusDays(1));
			use(open(), new SqlTemplateSource("CREATE TABLE u (id INT)"));
			assertThat(TestServers.exists(this.server, held)).isTrue();
		}
		use(open(), new SqlTemplateSource("CREATE TABLE v (id INT)"));
		assertThat(TestServers.exists(this.server, held)).isFalse();
	}

	@Test
	void templateOfARunSeenRecentlyIsKeptThoughItsLockIsFree() throws SQLException {
		SchemaOwner first = open();
		String held = use(first, new SqlTemplateSource("CREATE TABLE t (id INT)"));
		first.close();
		String reconnecting = "yyyy" + HexFormat.of().formatHex(new SecureRandom().generateSeed(2));
		try (Connection connection = this.server.connect("")) {
			// a run whose lock connection was just lost: heartbeat fresh, lock free
			this.server.dialect().heartbeat(connection, SchemaNames.REGISTRY, reconnecting);
			this.server.dialect()
				.recordTemplateUse(connection, SchemaNames.REGISTRY, held, this.application, reconnecting,
						SchemaNames.templateUse(held, reconnecting));
		}
		try {
			unusedFor(held, MAX_AGE.plusDays(1));
			use(open(), new SqlTemplateSource("CREATE TABLE u (id INT)"));
			assertThat(TestServers.exists(this.server, held)).isTrue();
		}
		finally {
			try (Connection connection = this.server.connect("")) {
				this.server.dialect().forgetRuns(connection, SchemaNames.REGISTRY, reconnecting, 0);
			}
		}
	}

	@Test
	void onlyTheNewestTemplatesOfAnApplicationAreKept() throws SQLException {
		SchemaOwner first = open();
		String oldest = use(first, new SqlTemplateSource("CREATE TABLE t (id INT)"));
		String older = use(first, new SqlTemplateSource("CREATE TABLE u (id INT)"));
		String otherApplications = use(first, new SqlTemplateSource("CREATE TABLE v (id INT)"),
				new TemplateRetention(this.application + "-other", MAX_AGE, 5));
		first.close();
		unusedFor(oldest, Duration.ofHours(3));
		unusedFor(older, Duration.ofHours(2));
		unusedFor(otherApplications, Duration.ofHours(4));
		String newest = use(open(), new SqlTemplateSource("CREATE TABLE w (id INT)"), retention(2));
		assertThat(TestServers.exists(this.server, oldest)).isFalse();
		assertThat(TestServers.exists(this.server, older)).isTrue();
		assertThat(TestServers.exists(this.server, newest)).isTrue();
		assertThat(TestServers.exists(this.server, otherApplications)).isTrue();
	}

	@Test
	void templateBuiltBeforeUsesWereRecordedAgesFromItsCreation() throws SQLException {
		SchemaOwner first = open();
		String old = use(first, new SqlTemplateSource("CREATE TABLE t (id INT)"));
		first.close();
		TestServers.execute(this.server, SchemaNames.REGISTRY, "DELETE FROM templates WHERE name = '" + old + "'");
		TestServers.execute(this.server, SchemaNames.REGISTRY,
				"UPDATE created_schemas SET created_at = UTC_TIMESTAMP() - INTERVAL " + MAX_AGE.plusDays(1).toHours()
						+ " HOUR WHERE name = '" + old + "'");
		use(open(), new SqlTemplateSource("CREATE TABLE u (id INT)"));
		assertThat(TestServers.exists(this.server, old)).isFalse();
	}

	@Test
	void serverWithOtherSchemaDefaultsNamesAnotherTemplateForTheSameSource() {
		SqlTemplateSource source = new SqlTemplateSource("CREATE TABLE t (name VARCHAR(20))");
		String url = this.server.url("").value();
		// the same server, as if its default collation had been changed
		DatabaseServer binaryCollation = DatabaseServer.configured(
				url + (url.contains("?") ? "&" : "?") + "sessionVariables=collation_server=utf8mb4_bin",
				this.server.username(), this.server.password());
		SchemaOwner other = SchemaOwner.open(binaryCollation);
		this.owners.add(other);
		assertThat(other.templateName(source)).isNotEqualTo(open().templateName(source));
		assertThat(open().templateName(source)).isEqualTo(open().templateName(source));
	}

	private SchemaOwner open() {
		SchemaOwner opened = SchemaOwner.open(this.server);
		this.owners.add(opened);
		return opened;
	}

	private String use(SchemaOwner owner, SqlTemplateSource source) {
		return use(owner, source, retention(5));
	}

	private String use(SchemaOwner owner, SqlTemplateSource source, TemplateRetention retention) {
		String name = owner.template(source, retention).name();
		this.schemas.add(name);
		return name;
	}

	private TemplateRetention retention(int maxPerApplication) {
		return new TemplateRetention(this.application, MAX_AGE, maxPerApplication);
	}

	/**
	 * Makes a template's last recorded use lie in the past.
	 */
	private void unusedFor(String template, Duration age) throws SQLException {
		TestServers.execute(this.server, SchemaNames.REGISTRY, "UPDATE templates SET last_used = UTC_TIMESTAMP(3) - "
				+ "INTERVAL " + age.toMinutes() + " MINUTE WHERE name = '" + template + "'");
	}

	private List<String> registered(String name) throws SQLException {
		try (Connection connection = this.server.connect("")) {
			return this.server.dialect().registeredKind(connection, SchemaNames.REGISTRY, name).stream().toList();
		}
	}

}
