package io.dbisolation.benchmarks;

import org.junit.jupiter.api.RepeatedTest;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.transaction.annotation.Transactional;

import io.dbisolation.sample.SnippetboxApplication;

/**
 * The bodies under Spring's own test-managed transaction, on one shared database.
 */
@SpringBootTest(classes = SnippetboxApplication.class)
@Transactional
class SpringTransactionalBodies extends TestBodies {

	// Spring looks for a class-level @Transactional on the class that declares the test
	// method, so the inherited bodies are declared again here

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
