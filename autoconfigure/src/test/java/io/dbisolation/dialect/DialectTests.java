package io.dbisolation.dialect;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.dbisolation.test.DbIsolationException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;

class DialectTests {

	@Test
	void mariaDbIsRecognisedByItsVersionEvenThroughTheMySqlDriver() throws SQLException {
		assertThat(Dialect.of(connection("MySQL", "5.5.5-10.11.6-MariaDB")).engine()).isEqualTo("MariaDB");
		assertThat(Dialect.of(connection("MariaDB", "11.4.5-MariaDB")).engine()).isEqualTo("MariaDB");
		assertThat(Dialect.of(connection("MySQL", "8.4.0")).engine()).isEqualTo("MySQL");
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|',
			value = { "H2|2.3.232 (2024-08-11)|H2", "HSQL Database Engine|2.7.3|HSQLDB", "Apache Derby|10.17.1.0|Derby",
					"Microsoft SQL Server|16.00.1000|SQL Server", "Oracle|Oracle Database 23ai Free|Oracle" })
	void otherEnginesAreNamedAsNotSupported(String product, String version, String engine) throws SQLException {
		Connection connection = connection(product, version);
		assertThatExceptionOfType(DbIsolationException.class).isThrownBy(() -> Dialect.of(connection))
			.withMessage(engine + " is not supported: DbIsolation needs MySQL, MariaDB or PostgreSQL. Point "
					+ "'spring.datasource.url' at a MySQL, MariaDB or PostgreSQL server, or remove it to use the "
					+ "embedded server.");
	}

	@Test
	void postgresqlIsRecognised() throws SQLException {
		Dialect dialect = Dialect.of(connection("PostgreSQL", "15.4"));
		assertThat(dialect.engine()).isEqualTo("PostgreSQL");
		assertThat(dialect.schemaIsCatalog()).isFalse();
		assertThat(dialect.errorAbortsTransaction()).isTrue();
	}

	@Test
	void unknownEngineIsNamedWithItsVersion() throws SQLException {
		Connection connection = connection("Firebird", "4.0");
		assertThatExceptionOfType(DbIsolationException.class).isThrownBy(() -> Dialect.of(connection))
			.withMessage("Unsupported database engine 'Firebird 4.0': DbIsolation supports MySQL, MariaDB and "
					+ "PostgreSQL. Point 'spring.datasource.url' at one of them, or remove 'spring.datasource.url' to "
					+ "use the embedded server.");
	}

	private static Connection connection(String product, String version) throws SQLException {
		DatabaseMetaData metaData = mock(DatabaseMetaData.class);
		given(metaData.getDatabaseProductName()).willReturn(product);
		given(metaData.getDatabaseProductVersion()).willReturn(version);
		Connection connection = mock(Connection.class);
		given(connection.getMetaData()).willReturn(metaData);
		return connection;
	}

}
