package io.dbisolation.benchmarks;

import org.springframework.boot.test.context.SpringBootTest;

import io.dbisolation.sample.SnippetboxApplication;
import io.dbisolation.test.DbIsolation;

/**
 * The bodies under DbIsolation: a private schema, every test rolled back.
 */
@SpringBootTest(classes = SnippetboxApplication.class)
@DbIsolation
class DbIsolationBodies extends TestBodies {

}
