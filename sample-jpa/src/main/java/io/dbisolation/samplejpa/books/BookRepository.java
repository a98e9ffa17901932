package io.dbisolation.samplejpa.books;

import java.util.List;
import java.util.Optional;

import org.springframework.data.jpa.repository.JpaRepository;

/**
 * Books, by ISBN and by author.
 */
public interface BookRepository extends JpaRepository<Book, Long> {

	Optional<Book> findByIsbn(String isbn);

	List<Book> findByAuthorNameOrderByTitle(String authorName);

}
