package io.dbisolation.sample.snippets;

import java.net.URI;
import java.util.List;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The snippets REST API.
 */
@RestController
@RequestMapping("/api/snippets")
public class SnippetController {

	private final SnippetRepository snippets;

	private final SnippetService service;

	private final int latestLimit;

	public SnippetController(SnippetRepository snippets, SnippetService service,
			@Value("${snippetbox.latest-limit}") int latestLimit) {
		this.snippets = snippets;
		this.service = service;
		this.latestLimit = latestLimit;
	}

	@GetMapping("/{id}")
	public ResponseEntity<Snippet> get(@PathVariable long id) {
		return ResponseEntity.of(this.snippets.findById(id));
	}

	@GetMapping("/latest")
	public List<Snippet> latest() {
		return this.snippets.latest(this.latestLimit);
	}

	@PostMapping
	public ResponseEntity<Snippet> create(@RequestBody NewSnippet request) {
		long id = this.service.share(request.title(), request.content(), request.expiresInDays(), request.userId());
		return ResponseEntity.created(URI.create("/api/snippets/" + id)).body(this.snippets.findById(id).orElseThrow());
	}

	/**
	 * The body of a request to share a snippet.
	 *
	 * @param title the title
	 * @param content the text
	 * @param expiresInDays how many days it is shown
	 * @param userId the author
	 */
	public record NewSnippet(String title, String content, int expiresInDays, long userId) {

	}

}
