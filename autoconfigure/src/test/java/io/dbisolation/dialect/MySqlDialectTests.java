package io.dbisolation.dialect;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MySqlDialectTests {

	private final MySqlDialect dialect = new MySqlDialect("MariaDB");

	@Test
	void quoteDoublesBackticks() {
		assertThat(this.dialect.quote("a`b")).isEqualTo("`a``b`");
	}

	@Test
	void withoutDefinerDropsUserAndHostDefiners() {
		assertThat(MySqlCapture.withoutDefiner(
				"CREATE ALGORITHM=UNDEFINED DEFINER=`root`@`localhost` SQL SECURITY DEFINER VIEW `v` AS select 1"))
			.isEqualTo("CREATE ALGORITHM=UNDEFINED SQL SECURITY DEFINER VIEW `v` AS select 1");
	}

	@Test
	void withoutDefinerDropsRoleDefiners() {
		assertThat(MySqlCapture.withoutDefiner("CREATE DEFINER=`` TRIGGER t AFTER INSERT ON x FOR EACH ROW SET @a = 1"))
			.isEqualTo("CREATE TRIGGER t AFTER INSERT ON x FOR EACH ROW SET @a = 1");
	}

}
