package io.dbisolation.dialect;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.dbisolation.test.DbIsolationException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class JdbcUrlTests {

	@Test
	void withDatabaseReplacesOnlyTheDatabase() {
		JdbcUrl url = JdbcUrl.parse("jdbc:mysql://127.0.0.1:3306/app?useSSL=false");
		assertThat(url.database()).isEqualTo("app");
		assertThat(url.withDatabase("dbiso_abc_1").value())
			.isEqualTo("jdbc:mysql://127.0.0.1:3306/dbiso_abc_1?useSSL=false");
	}

	@Test
	void urlWithoutDatabaseGetsOne() {
		assertThat(JdbcUrl.parse("jdbc:mariadb://db:3306").withDatabase("x").value())
			.isEqualTo("jdbc:mariadb://db:3306/x");
		assertThat(JdbcUrl.parse("jdbc:mariadb://db:3306?a=b").withDatabase("x").value())
			.isEqualTo("jdbc:mariadb://db:3306/x?a=b");
	}

	@Test
	void safeStringNeverShowsAPassword() {
		assertThat(JdbcUrl.parse("jdbc:mysql://app:s3cret@db:3306/app?user=app&password=s3cret&x=1").toSafeString())
			.isEqualTo("jdbc:mysql://***@db:3306/app?user=app&password=***&x=1")
			.doesNotContain("s3cret");
		assertThat(JdbcUrl.parse("jdbc:mysql://db/app?password=s3cret").toString()).doesNotContain("s3cret");
	}

	@Test
	void subprotocolNamesTheDriver() {
		assertThat(JdbcUrl.parse("jdbc:MySQL://db/app").subprotocol()).isEqualTo("mysql");
	}

	@Test
	void unsupportedUrlIsRejectedWithoutShowingItsPassword() {
		assertThatExceptionOfType(DbIsolationException.class)
			.isThrownBy(() -> JdbcUrl.parse("jdbc:mysql:loadbalance:db1;password=s3cret"))
			.withMessage("Unsupported JDBC URL 'jdbc:mysql:loadbalance:db1;password=***': "
					+ "expected the form jdbc:<driver>://<host>:<port>/<database>. Write 'spring.datasource.url' in "
					+ "that form, such as jdbc:mysql://127.0.0.1:3306/app, or remove it to use the embedded MariaDB.");
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|',
			value = { "jdbc:h2:mem:test;password=s3cret|H2", "JDBC:H2:file:./db|H2", "jdbc:hsqldb:mem:test|HSQLDB",
					"jdbc:derby:memory:test;create=true|Derby",
					"jdbc:sqlserver://db:1433;databaseName=app;password=s3cret|SQL Server",
					"jdbc:oracle:thin:app/s3cret@db:1521/app|Oracle" })
	void otherEnginesAreNamedAsNotSupported(String url, String engine) {
		assertThatExceptionOfType(DbIsolationException.class).isThrownBy(() -> JdbcUrl.parse(url))
			.withMessage(engine + " is not supported: DbIsolation needs MySQL, MariaDB or PostgreSQL. Point "
					+ "'spring.datasource.url' at a MySQL, MariaDB or PostgreSQL server, or remove it to use the "
					+ "embedded server.")
			.withMessageNotContaining("s3cret");
	}

}
