package io.dbisolation.samplejpa.books;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.dao.DataIntegrityViolationException;

import io.dbisolation.test.DbIsolation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Repositories on the whole application context, without a test transaction of Spring's:
 * every repository call commits, and DbIsolation still rolls the test back.
 */
@SpringBootTest
@DbIsolation
class AuthorIntegrationTests {

	@Autowired
	private AuthorRepository authors;

	@Test
	void aSavedAuthorIsCountedOnce() {
		this.authors.save(new Author("Octavia E. Butler"));
		assertThat(this.authors.count()).isEqualTo(3);
	}

	@Test
	void authorNamesAreUnique() {
		this.authors.save(new Author("Octavia E. Butler"));
		assertThatExceptionOfType(DataIntegrityViolationException.class)
			.isThrownBy(() -> this.authors.save(new Author("Octavia E. Butler")));
		assertThat(this.authors.count()).isEqualTo(3);
	}

}
