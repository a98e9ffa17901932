package io.dbisolation.benchmarks;

import org.springframework.boot.test.context.SpringBootTest;

import io.dbisolation.sample.SnippetboxApplication;
import io.dbisolation.test.DbIsolation;
import io.dbisolation.test.DbIsolation.Mode;

/**
 * The race under {@code SCHEMA_PER_TEST}: each repetition a schema from the warm pool.
 */
@SpringBootTest(classes = SnippetboxApplication.class)
@DbIsolation(mode = Mode.SCHEMA_PER_TEST)
class SchemaPerTestRace extends RaceBodies {

}
