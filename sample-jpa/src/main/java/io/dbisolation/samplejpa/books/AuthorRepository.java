package io.dbisolation.samplejpa.books;

import java.util.Optional;

import org.springframework.data.jpa.repository.JpaRepository;

/**
 * Authors, by name.
 */
public interface AuthorRepository extends JpaRepository<Author, Long> {

	Optional<Author> findByName(String name);

}
