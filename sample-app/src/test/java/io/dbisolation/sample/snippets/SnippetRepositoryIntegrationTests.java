package io.dbisolation.sample.snippets;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import io.dbisolation.sample.users.UserRepository;
import io.dbisolation.test.DbIsolation;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest
@DbIsolation
class SnippetRepositoryIntegrationTests {

	private static final String HASH = "$2a$12$NuTjWXm3KKntReFwyBVHyuf/to.HEwTy.eS206TNfkGfr6HzGJSWG";

	@Autowired
	private SnippetRepository snippets;

	@Autowired
	private UserRepository users;

	@Test
	void insertedSnippetIsTheLatestAndAudited() {
		long alice = this.users.insert("Alice", "alice@example.com", HASH);
		long id = this.snippets.insert("Frog", "A frog jumps.", 7, alice);
		assertThat(this.snippets.count()).isEqualTo(4);
		assertThat(this.snippets.latest(10)).first().extracting(Snippet::id).isEqualTo(id);
		assertThat(this.snippets.auditCount()).isEqualTo(1);
		assertThat(this.snippets.authorsByTitle("Frog")).containsExactly("Alice");
	}

	@Test
	void seededSnippetsKeepTheirTags() {
		assertThat(this.snippets.count()).isEqualTo(3);
		assertThat(this.snippets.tagsOf(1)).containsExactly("haiku", "nature");
		assertThat(this.snippets.tagsOf(3)).containsExactly("haiku", "seasons");
	}

	@Test
	void taggingCreatesNewTagsOnce() {
		long alice = this.users.insert("Alice", "alice@example.com", HASH);
		long id = this.snippets.insert("Wind", "Winds howl.", 7, alice);
		this.snippets.tag(id, "weather");
		this.snippets.tag(id, "haiku");
		assertThat(this.snippets.tagsOf(id)).containsExactly("haiku", "weather");
	}

}
