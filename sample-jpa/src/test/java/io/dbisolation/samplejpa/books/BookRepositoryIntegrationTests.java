package io.dbisolation.samplejpa.books;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.data.jpa.test.autoconfigure.DataJpaTest;
import org.springframework.dao.DataIntegrityViolationException;

import io.dbisolation.test.DbIsolation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A JPA test slice: no annotation beyond {@code @DbIsolation} is needed for it to run on
 * the embedded MariaDB instead of an in-memory database.
 */
@DataJpaTest
@DbIsolation
class BookRepositoryIntegrationTests {

	@Autowired
	private BookRepository books;

	@Autowired
	private AuthorRepository authors;

	@Test
	void savingABookAddsExactlyOneToTheSeededOnes() {
		Author leGuin = this.authors.findByName("Ursula K. Le Guin").orElseThrow();
		this.books.saveAndFlush(new Book("978-0441013593", "The Dispossessed", 1, leGuin));
		assertThat(this.books.count()).isEqualTo(4);
		assertThat(this.books.findByAuthorNameOrderByTitle("Ursula K. Le Guin")).extracting(Book::getTitle)
			.containsExactly("A Wizard of Earthsea", "The Dispossessed", "The Left Hand of Darkness");
	}

	@Test
	void aTakenIsbnIsRejected() {
		Author basho = this.authors.findByName("Matsuo Bashō").orElseThrow();
		assertThatExceptionOfType(DataIntegrityViolationException.class)
			.isThrownBy(() -> this.books.saveAndFlush(new Book("978-0140441857", "Another Narrow Road", 1, basho)));
	}

	@Test
	void unicodeNamesRoundTrip() {
		this.authors.saveAndFlush(new Author("松尾芭蕉 🐸"));
		assertThat(this.authors.findByName("松尾芭蕉 🐸")).isPresent();
		assertThat(this.authors.count()).isEqualTo(3);
	}

}
