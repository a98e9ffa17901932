package io.dbisolation.sample.snippets;

import java.time.Duration;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClient;

import io.dbisolation.test.DbIsolation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * The API over real HTTP: requests are served on server threads, and what they write is
 * visible to the test and rolled back after it, like the notifications written
 * asynchronously after a snippet is shared.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@DbIsolation
class SnippetApiIntegrationTests {

	@Value("${local.server.port}")
	private int port;

	@Autowired
	private SnippetRepository snippets;

	@Autowired
	private SnippetNotifier notifier;

	private RestClient client;

	@BeforeEach
	void createClient() {
		this.client = RestClient.create("http://localhost:" + this.port);
	}

	@Test
	void postedSnippetIsListedFirst() {
		ResponseEntity<Snippet> created = this.client.post()
			.uri("/api/snippets")
			.contentType(MediaType.APPLICATION_JSON)
			.body("{\"title\":\"Posted\",\"content\":\"Hello\",\"expiresInDays\":1,\"userId\":2}")
			.retrieve()
			.toEntity(Snippet.class);
		assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);
		assertThat(this.snippets.count()).isEqualTo(4);
		Snippet[] latest = this.client.get().uri("/api/snippets/latest").retrieve().body(Snippet[].class);
		assertThat(latest).hasSize(4);
		assertThat(latest[0].title()).isEqualTo("Posted");
	}

	@Test
	void sharingNotifiesTheAuthorAsynchronously() {
		this.client.post()
			.uri("/api/snippets")
			.contentType(MediaType.APPLICATION_JSON)
			.body("{\"title\":\"Async\",\"content\":\"Later\",\"expiresInDays\":1,\"userId\":1}")
			.retrieve()
			.toBodilessEntity();
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(this.notifier.notificationsOf(1)).containsExactly("You shared 'Async'"));
	}

	@Test
	void latestListsExactlyTheSeededSnippets() {
		Snippet[] latest = this.client.get().uri("/api/snippets/latest").retrieve().body(Snippet[].class);
		assertThat(latest).extracting(Snippet::title)
			.containsExactly("First autumn morning", "Over the wintry forest", "An old silent pond");
		assertThat(this.notifier.notificationsOf(1)).isEmpty();
	}

	@Test
	void unknownSnippetIsNotFound() {
		assertThatExceptionOfType(HttpClientErrorException.NotFound.class)
			.isThrownBy(() -> this.client.get().uri("/api/snippets/999").retrieve().toBodilessEntity());
	}

}
