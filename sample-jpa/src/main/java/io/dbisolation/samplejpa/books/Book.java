package io.dbisolation.samplejpa.books;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/**
 * A book on the shelf. Concurrent edits are detected by its version.
 */
@Entity
@Table(name = "books")
public class Book {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	@Column(unique = true)
	private String isbn;

	private String title;

	private int copies;

	@ManyToOne(fetch = FetchType.EAGER, optional = false)
	@JoinColumn(name = "author_id")
	private Author author;

	@Version
	private long version;

	protected Book() {
	}

	public Book(String isbn, String title, int copies, Author author) {
		this.isbn = isbn;
		this.title = title;
		this.copies = copies;
		this.author = author;
	}

	public Long getId() {
		return this.id;
	}

	public String getIsbn() {
		return this.isbn;
	}

	public String getTitle() {
		return this.title;
	}

	public int getCopies() {
		return this.copies;
	}

	public void setCopies(int copies) {
		this.copies = copies;
	}

	public Author getAuthor() {
		return this.author;
	}

	public long getVersion() {
		return this.version;
	}

}
