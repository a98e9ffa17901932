package io.dbisolation.benchmarks.scale;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;

import io.dbisolation.sample.SnippetboxApplication;
import io.dbisolation.test.DbIsolation;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The test of each generated context: the sample app, isolated, one write and one read.
 * {@link ScaleFork} makes a subclass per context, each with a property of its own, so
 * that every class gets a Spring context (and a private schema) of its own.
 */
@SpringBootTest(classes = SnippetboxApplication.class)
@DbIsolation
public abstract class ScaleContextBodies {

	/** The property that tells the generated contexts apart. */
	static final String CONTEXT_PROPERTY = "scale.context";

	private static final long SEEDED_TAGS = 3;

	@Autowired
	private JdbcTemplate jdbc;

	@Autowired
	private Environment environment;

	@Test
	void writesAndReadsItsOwnRows() {
		String tag = "scale-" + this.environment.getRequiredProperty(CONTEXT_PROPERTY);
		this.jdbc.update("INSERT INTO tags (name) VALUES (?)", tag);
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM tags", Long.class)).isEqualTo(SEEDED_TAGS + 1);
	}

}
