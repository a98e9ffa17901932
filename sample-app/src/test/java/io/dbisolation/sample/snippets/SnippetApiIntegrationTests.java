package io.dbisolation.sample.snippets;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

import io.dbisolation.test.DbIsolation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@SpringBootTest
@AutoConfigureMockMvc
@DbIsolation
class SnippetApiIntegrationTests {

	@Autowired
	private MockMvc mvc;

	@Autowired
	private SnippetRepository snippets;

	@AfterEach
	void cleanUp() {
		this.snippets.deleteByTitle("Posted");
	}

	@Test
	void postedSnippetCanBeFetched() throws Exception {
		this.mvc
			.perform(post("/api/snippets").contentType(MediaType.APPLICATION_JSON)
				.content("{\"title\":\"Posted\",\"content\":\"Hello\",\"expiresInDays\":1,\"userId\":2}"))
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.title").value("Posted"));
		assertThat(this.snippets.count()).isEqualTo(4);
		this.mvc.perform(get("/api/snippets/latest"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.length()").value(4))
			.andExpect(jsonPath("$[0].title").value("Posted"));
	}

	@Test
	void latestListsTheSeededSnippets() throws Exception {
		this.mvc.perform(get("/api/snippets/latest"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.length()").value(3))
			.andExpect(jsonPath("$[2].title").value("An old silent pond"));
	}

	@Test
	void unknownSnippetIsNotFound() throws Exception {
		this.mvc.perform(get("/api/snippets/999")).andExpect(status().isNotFound());
	}

}
