package io.dbisolation.benchmarks;

import org.junit.jupiter.api.RepeatedTest;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.dbisolation.sample.snippets.SnippetRepository;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The same test bodies, run under Spring's {@code @Transactional} rollback and under
 * DbIsolation's. Each writes and reads like a typical repository test.
 */
abstract class TestBodies {

	static final int REPETITIONS = 50;

	@Autowired
	private SnippetRepository snippets;

	@Autowired
	private JdbcClient jdbc;

	@RepeatedTest(REPETITIONS)
	void insertThenCount() {
		this.snippets.insert("Bench", "Body", 1, 1);
		assertThat(this.snippets.count()).isEqualTo(4);
	}

	@RepeatedTest(REPETITIONS)
	void readOnly() {
		assertThat(this.jdbc.sql("SELECT COUNT(*) FROM users").query(Long.class).single()).isEqualTo(2);
	}

	@RepeatedTest(REPETITIONS)
	void empty() {
	}

}
