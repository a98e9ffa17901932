package io.dbisolation.sample.guides.fromh2.after;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import io.dbisolation.sample.snippets.SnippetRepository;
import io.dbisolation.test.DbIsolation;

import static org.assertj.core.api.Assertions.assertThat;

// tag::after[]
@SpringBootTest
@DbIsolation
class SnippetRepositoryIntegrationTests {

	@Autowired
	private SnippetRepository snippets;

	@Test
	void insertedSnippetIsCounted() {
		this.snippets.insert("Frog", "A frog jumps.", 7, 1);
		assertThat(this.snippets.count()).isEqualTo(4);
	}

	@Test
	void taggingTwiceKeepsOneTag() {
		// INSERT IGNORE and the production migrations, unchanged
		this.snippets.tag(1, "frogs");
		this.snippets.tag(2, "frogs");
		assertThat(this.snippets.tagsOf(1)).contains("frogs");
		assertThat(this.snippets.tagsOf(2)).contains("frogs");
	}

}
// end::after[]
