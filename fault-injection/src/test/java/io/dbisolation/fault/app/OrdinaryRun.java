package io.dbisolation.fault.app;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;

import io.dbisolation.fault.support.ChildJvmOnly;
import io.dbisolation.test.DbIsolation;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An ordinary run of the application's tests, as the next build after a fault would run
 * them: each test writes and sees its own row only. Run in child JVMs.
 */
@SpringBootTest(classes = FaultApplication.class)
@DbIsolation
@ChildJvmOnly
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
public class OrdinaryRun {

	@Autowired
	JdbcTemplate jdbc;

	@Test
	@Order(1)
	void writesARow() {
		this.jdbc.update("INSERT INTO items (name) VALUES ('ordinary')");
		assertThat(count()).isEqualTo(FaultApplication.SEED_ROWS + 1);
	}

	@Test
	@Order(2)
	void seesOnlyTheSeedRowsAndItsOwn() {
		assertThat(count()).isEqualTo(FaultApplication.SEED_ROWS);
		this.jdbc.update("INSERT INTO items (name) VALUES ('ordinary')");
		assertThat(count()).isEqualTo(FaultApplication.SEED_ROWS + 1);
	}

	private long count() {
		return this.jdbc.queryForObject("SELECT COUNT(*) FROM items", Long.class);
	}

}
