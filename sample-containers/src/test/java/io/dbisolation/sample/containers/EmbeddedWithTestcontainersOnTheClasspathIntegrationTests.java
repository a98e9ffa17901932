package io.dbisolation.sample.containers;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;

import io.dbisolation.sample.snippets.SnippetRepository;
import io.dbisolation.test.DbIsolation;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A test class that declares no container, in a suite that has Spring Boot's
 * Testcontainers support on the classpath: the server is decided only when the context
 * starts (a container could have named it), and it is the embedded MariaDB. Needs no
 * Docker.
 */
@SpringBootTest
@DbIsolation
class EmbeddedWithTestcontainersOnTheClasspathIntegrationTests {

	@Autowired
	private JdbcTemplate jdbc;

	@Autowired
	private SnippetRepository snippets;

	@Test
	void usesAPrivateSchemaOnTheEmbeddedServer() {
		assertThat(this.jdbc.queryForObject("SELECT DATABASE()", String.class)).startsWith("dbiso_")
			.doesNotStartWith("dbiso_tpl_");
		// the embedded server runs MariaDB 11.4 (reported as 5.5.5-11.4.5-MariaDB), the
		// suite's containers 10.11
		assertThat(this.jdbc.queryForObject("SELECT VERSION()", String.class)).contains("-11.4.");
	}

	@Test
	void theSchemaIsACloneOfTheMigratedTemplate() {
		assertThat(this.snippets.count()).isEqualTo(3);
		assertThat(this.jdbc.queryForObject(
				"SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = 'snippetbox'", Integer.class))
			.isZero();
	}

}
