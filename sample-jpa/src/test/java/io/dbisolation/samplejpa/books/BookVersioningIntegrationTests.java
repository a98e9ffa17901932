package io.dbisolation.samplejpa.books;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.data.jpa.test.autoconfigure.DataJpaTest;
import org.springframework.boot.jpa.test.autoconfigure.TestEntityManager;
import org.springframework.dao.OptimisticLockingFailureException;

import io.dbisolation.test.DbIsolation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Optimistic locking with {@code @Version} inside a rolled-back test.
 */
@DataJpaTest
@DbIsolation
class BookVersioningIntegrationTests {

	@Autowired
	private BookRepository books;

	@Autowired
	private TestEntityManager entityManager;

	@Test
	void anUpdateIncrementsTheVersion() {
		Book book = this.books.findByIsbn("978-0441478125").orElseThrow();
		assertThat(book.getVersion()).isZero();
		book.setCopies(4);
		this.books.saveAndFlush(book);
		assertThat(this.books.findByIsbn("978-0441478125").orElseThrow().getVersion()).isEqualTo(1);
	}

	@Test
	void aStaleCopyCannotOverwriteANewerOne() {
		Book stale = this.books.findByIsbn("978-0547773742").orElseThrow();
		this.entityManager.detach(stale);
		Book current = this.books.findByIsbn("978-0547773742").orElseThrow();
		current.setCopies(5);
		this.books.saveAndFlush(current);
		stale.setCopies(7);
		assertThatExceptionOfType(OptimisticLockingFailureException.class)
			.isThrownBy(() -> this.books.saveAndFlush(stale));
	}

}
