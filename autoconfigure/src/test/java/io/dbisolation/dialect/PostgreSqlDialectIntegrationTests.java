package io.dbisolation.dialect;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

import io.dbisolation.server.DatabaseServer;
import io.dbisolation.testsupport.TestServers;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The advisory locks of the PostgreSQL dialect as other sessions see them, on the
 * PostgreSQL at 127.0.0.1:5432.
 */
@EnabledIf(value = "io.dbisolation.testsupport.TestServers#postgresAvailable",
		disabledReason = "no PostgreSQL on 127.0.0.1:5432")
class PostgreSqlDialectIntegrationTests {

	private static final String REGISTRY = "dbiso_registry";

	@Test
	void aTemplateIsInUseWhileItsUsersLockIsHeldEvenIfTheRunIsSilent() throws SQLException {
		DatabaseServer server = TestServers.postgres();
		Dialect dialect = server.dialect();
		String template = "dbiso_tpl_lockcheck" + System.nanoTime() % 100000;
		String lock = template + "_user";
		try (Connection holder = server.connect(""); Connection other = server.connect("")) {
			dialect.createRegistry(other, REGISTRY);
			// a run with no heartbeat: only its lock tells that it uses the template
			dialect.recordTemplateUse(other, REGISTRY, template, "app", "silentrn", lock);
			try {
				assertThat(dialect.templateInUse(other, REGISTRY, template, 15)).isFalse();
				assertThat(dialect.lockFree(holder, java.util.List.of(lock))).containsExactly(lock);
				assertThat(dialect.templateInUse(other, REGISTRY, template, 15)).isTrue();
				assertThat(dialect.lockFree(other, java.util.List.of(lock))).isEmpty();
				dialect.unlockAll(holder, java.util.List.of(lock));
				assertThat(dialect.templateInUse(other, REGISTRY, template, 15)).isFalse();
			}
			finally {
				dialect.forgetTemplate(other, REGISTRY, template);
			}
		}
	}

	@Test
	void schemaDefaultsNameTheEncodingOfNewDatabases() throws SQLException {
		DatabaseServer server = TestServers.postgres();
		try (Connection connection = server.connect(""); Statement statement = connection.createStatement()) {
			assertThat(server.dialect().schemaDefaults(connection)).startsWith("encoding=UTF8;collate=");
		}
	}

}
