package io.dbisolation.dialect;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

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
		assertThatIllegalArgumentException().isThrownBy(() -> JdbcUrl.parse("jdbc:h2:mem:test;password=s3cret"))
			.withMessage("Unsupported JDBC URL 'jdbc:h2:mem:test;password=***': "
					+ "expected the form jdbc:<driver>://<host>:<port>/<database>");
	}

}
