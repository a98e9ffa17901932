package io.dbisolation.benchmarks;

import org.junit.jupiter.api.RepeatedTest;

import org.springframework.boot.test.context.SpringBootTest;

import io.dbisolation.sample.SnippetboxApplication;
import io.dbisolation.test.DbIsolation;

/**
 * The bodies under DbIsolation: a private schema, every test rolled back.
 */
@SpringBootTest(classes = SnippetboxApplication.class)
@DbIsolation
class DbIsolationBodies extends TestBodies {

	@Override
	@RepeatedTest(REPETITIONS)
	void insertThenCount() {
		super.insertThenCount();
	}

	@Override
	@RepeatedTest(REPETITIONS)
	void readOnly() {
		super.readOnly();
	}

	@Override
	@RepeatedTest(REPETITIONS)
	void empty() {
		super.empty();
	}

}
