package io.dbisolation.sample.guides.fromh2.before;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.transaction.annotation.Transactional;

import io.dbisolation.sample.snippets.SnippetRepository;

import static org.assertj.core.api.Assertions.assertThat;

// tag::before[]
@SpringBootTest(properties = "spring.flyway.locations=classpath:db/migration-h2")
@AutoConfigureTestDatabase
@Transactional
class SnippetRepositoryTests {

	@Autowired
	private SnippetRepository snippets;

	@Test
	void insertedSnippetIsCounted() {
		this.snippets.insert("Frog", "A frog jumps.", 7, 1);
		assertThat(this.snippets.count()).isEqualTo(4);
	}

}
// end::before[]
