package io.dbisolation.fault;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.dbisolation.fault.ForkKillIntegrationTests.HoldingTest;
import io.dbisolation.fault.support.DisposableMariaDb;
import io.dbisolation.fault.support.Fork;
import io.dbisolation.fault.support.LeftoverGrace;
import io.dbisolation.schema.SchemaOwner;
import io.dbisolation.schema.TemplateRetention;
import io.dbisolation.schema.TemplateSource;
import io.dbisolation.server.DatabaseServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A template that a test JVM uses is never dropped by another run, however old its last
 * recorded use; once that JVM is gone (killed with SIGKILL, so nothing of it is left to
 * say so), the next run drops it (issue 10, templates are collected).
 */
class TemplateCollectionIntegrationTests {

	/** Every template not used for a day may go. */
	private static final TemplateRetention ONE_DAY = new TemplateRetention("collector", Duration.ofDays(1), 5);

	@TempDir
	Path work;

	@Test
	void templateOfARunningTestJvmIsKeptAndIsDroppedOnceThatJvmIsGone() {
		try (DisposableMariaDb server = DisposableMariaDb.start()) {
			String held;
			long killedAt;
			try (Fork holder = Fork.start("holder", this.work, server.dataSourceProperties(server.url("app")),
					HoldingTest.class)) {
				holder.awaitSignal(HoldingTest.IN_TEST, Fork.TIMEOUT);
				List<String> templates = server.templates();
				assertThat(templates).hasSize(1);
				held = templates.get(0);
				unusedForAMonth(server, held);
				runAnotherSuite(server);
				assertThat(server.schemaExists(held)).as("template '%s' in use by the child JVM", held).isTrue();
				holder.kill9();
				killedAt = System.nanoTime();
			}
			LeftoverGrace.awaitRunsGoneSince(killedAt);
			unusedForAMonth(server, held);
			runAnotherSuite(server);
			assertThat(server.schemaExists(held)).as("template '%s' of the killed JVM", held).isFalse();
			assertThat(server.templates()).hasSize(1).doesNotContain(held);
		}
	}

	private static void unusedForAMonth(DisposableMariaDb server, String template) {
		server.execute("UPDATE dbiso_registry.templates SET last_used = UTC_TIMESTAMP() - INTERVAL 30 DAY "
				+ "WHERE name = '" + template + "'");
	}

	/**
	 * A run in this JVM that uses a template of its own, and so collects unused ones.
	 */
	private static void runAnotherSuite(DisposableMariaDb server) {
		try (SchemaOwner owner = SchemaOwner.open(DatabaseServer.configured(server.url(""), "root", ""))) {
			owner.template(new OneTable(), ONE_DAY);
		}
	}

	/**
	 * A template with one table.
	 */
	private static final class OneTable implements TemplateSource {

		@Override
		public String hash() {
			return "0123456789abcdef";
		}

		@Override
		public void migrate(DatabaseServer server, String schema) {
			try (Connection connection = server.connect(schema); Statement statement = connection.createStatement()) {
				statement.execute("CREATE TABLE notes (id INT PRIMARY KEY)");
			}
			catch (SQLException ex) {
				throw new IllegalStateException(ex);
			}
		}

		@Override
		public String description() {
			return "one table";
		}

	}

}
