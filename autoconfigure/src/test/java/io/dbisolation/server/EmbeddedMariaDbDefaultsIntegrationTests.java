package io.dbisolation.server;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import org.junit.jupiter.api.Test;

import io.dbisolation.testsupport.TestServers;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The embedded MariaDB behaves like the MySQL that applications run in production where
 * MariaDB has the setting, and the MySQL driver can read its metadata.
 */
class EmbeddedMariaDbDefaultsIntegrationTests {

	@Test
	void textIsUtf8mb4WithMySqlsDefaultCollation() throws SQLException {
		try (Connection connection = TestServers.embedded().connect("");
				Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery("SELECT @@character_set_server, @@collation_server")) {
			result.next();
			assertThat(result.getString(1)).isEqualTo("utf8mb4");
			assertThat(result.getString(2)).isEqualTo("utf8mb4_0900_ai_ci");
		}
	}

	@Test
	void sqlModeIsStrictLikeMySql() throws SQLException {
		try (Connection connection = TestServers.embedded().connect("");
				Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery("SELECT @@sql_mode")) {
			result.next();
			assertThat(result.getString(1).split(",")).contains("STRICT_TRANS_TABLES", "ONLY_FULL_GROUP_BY",
					"NO_ZERO_DATE", "ERROR_FOR_DIVISION_BY_ZERO");
		}
	}

	@Test
	void unicodeTextRoundTrips() throws SQLException {
		DatabaseServer server = TestServers.embedded();
		String schema = "dbisolation_unicode_check";
		try (Connection connection = server.connect("")) {
			server.dialect().dropSchema(connection, schema);
			server.dialect().createSchema(connection, schema);
		}
		try (Connection connection = server.connect(schema); Statement statement = connection.createStatement()) {
			statement.execute("CREATE TABLE poets (name VARCHAR(40))");
			try (PreparedStatement insert = connection.prepareStatement("INSERT INTO poets VALUES (?)")) {
				insert.setString(1, "Bashō 松尾芭蕉 🐸");
				insert.executeUpdate();
			}
			try (ResultSet result = statement.executeQuery("SELECT name FROM poets")) {
				result.next();
				assertThat(result.getString(1)).isEqualTo("Bashō 松尾芭蕉 🐸");
			}
		}
		finally {
			try (Connection connection = server.connect("")) {
				server.dialect().dropSchema(connection, schema);
			}
		}
	}

	@Test
	void mysqlDriverReadsTheServersKeywords() throws SQLException {
		// Hibernate determines its dialect from this metadata; with MariaDB 11's own
		// version string mysql-connector-j queries a column that only MySQL 8 has
		try (Connection connection = TestServers.embedded().connect("")) {
			DatabaseMetaData metaData = connection.getMetaData();
			assertThat(metaData.getDriverName()).contains("MySQL Connector/J");
			assertThat(metaData.getSQLKeywords()).contains("ACCESSIBLE");
			assertThat(metaData.getDatabaseProductVersion()).startsWith("5.5.5-").endsWith("-MariaDB");
		}
	}

}
