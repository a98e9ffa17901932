package io.dbisolation.samplejpa.books;

import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.orm.ObjectOptimisticLockingFailureException;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * The books API: list, add, and change the number of copies of a known version.
 */
@RestController
@RequestMapping("/books")
public class BookController {

	private final BookRepository books;

	private final AuthorRepository authors;

	BookController(BookRepository books, AuthorRepository authors) {
		this.books = books;
		this.authors = authors;
	}

	@GetMapping
	List<BookView> all() {
		return this.books.findAll().stream().map(BookView::of).toList();
	}

	@PostMapping
	@ResponseStatus(HttpStatus.CREATED)
	@Transactional
	BookView add(@RequestBody NewBook request) {
		Author author = this.authors.findByName(request.author())
			.orElseGet(() -> this.authors.save(new Author(request.author())));
		return BookView.of(this.books.save(new Book(request.isbn(), request.title(), request.copies(), author)));
	}

	@PutMapping("/{isbn}/copies")
	@Transactional
	BookView changeCopies(@PathVariable String isbn, @RequestBody CopiesChange change) {
		Book book = this.books.findByIsbn(isbn)
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no book " + isbn));
		if (book.getVersion() != change.version()) {
			throw new ObjectOptimisticLockingFailureException(Book.class, book.getId());
		}
		book.setCopies(change.copies());
		return BookView.of(this.books.saveAndFlush(book));
	}

	@ExceptionHandler(ObjectOptimisticLockingFailureException.class)
	@ResponseStatus(HttpStatus.CONFLICT)
	void staleVersion() {
	}

	record NewBook(String isbn, String title, int copies, String author) {

	}

	record CopiesChange(int copies, long version) {

	}

	record BookView(String isbn, String title, int copies, String author, long version) {

		static BookView of(Book book) {
			return new BookView(book.getIsbn(), book.getTitle(), book.getCopies(), book.getAuthor().getName(),
					book.getVersion());
		}

	}

}
