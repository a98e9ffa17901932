package io.dbisolation.sample.containers;

import java.net.InetAddress;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import io.dbisolation.sample.snippets.SnippetRepository;
import io.dbisolation.sample.users.UserRepository;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every test class of the suite checks, whichever way it declares its container: the
 * context works in a private schema of the container, the application's Flyway migrated
 * nothing itself, and each test's writes are gone before the next test. Without
 * DbIsolation, every one of them fails.
 */
@EnabledIfDocker
public abstract class SnippetboxScenarios {

	private static final String HASH = "$2a$12$NuTjWXm3KKntReFwyBVHyuf/to.HEwTy.eS206TNfkGfr6HzGJSWG";

	@Autowired
	private JdbcTemplate jdbc;

	@Autowired
	private SnippetRepository snippets;

	@Autowired
	private UserRepository users;

	@Test
	void worksInAPrivateSchemaOfTheContainer() throws Exception {
		assertThat(this.jdbc.queryForObject("SELECT DATABASE()", String.class)).startsWith("dbiso_")
			.doesNotStartWith("dbiso_tpl_");
		// the container's server, not the embedded one (11.4) or a server of this machine
		assertThat(this.jdbc.queryForObject("SELECT VERSION()", String.class)).startsWith("10.11");
		assertThat(this.jdbc.queryForObject("SELECT @@hostname", String.class))
			.isNotEqualTo(InetAddress.getLocalHost().getHostName());
	}

	@Test
	void flywayMigratedOnlyTheTemplate() {
		// the container's own database stays empty: the schema is a clone of the
		// template,
		// Flyway's history included
		assertThat(this.jdbc.queryForObject(
				"SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = 'test'", Integer.class))
			.isZero();
		assertThat(
				this.jdbc.queryForObject("SELECT COUNT(*) FROM flyway_schema_history WHERE success = 1", Integer.class))
			.isEqualTo(10);
	}

	@Test
	void firstWriterSeesOnlyItsOwnSnippet() {
		writeOneSnippet();
	}

	@Test
	void secondWriterSeesOnlyItsOwnSnippet() {
		writeOneSnippet();
	}

	private void writeOneSnippet() {
		long author = this.users.insert("Ada", "ada@example.com", HASH);
		this.snippets.insert("Frog", "A frog jumps.", 7, author);
		assertThat(this.snippets.count()).isEqualTo(4);
		assertThat(this.users.count()).isEqualTo(3);
	}

}
