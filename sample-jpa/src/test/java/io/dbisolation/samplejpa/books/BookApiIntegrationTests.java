package io.dbisolation.samplejpa.books;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

import io.dbisolation.test.DbIsolation;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The REST API through MockMvc, on the whole application context.
 */
@SpringBootTest
@AutoConfigureMockMvc
@DbIsolation
class BookApiIntegrationTests {

	@Autowired
	private MockMvc mvc;

	@Test
	void listsTheSeededBooks() throws Exception {
		this.mvc.perform(get("/books"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.length()").value(3))
			.andExpect(jsonPath("$[0].author").value("Matsuo Bashō"));
	}

	@Test
	void anAddedBookIsListedWithANewAuthor() throws Exception {
		this.mvc
			.perform(post("/books").contentType(MediaType.APPLICATION_JSON)
				.content("{\"isbn\":\"978-0060512750\",\"title\":\"Kindred\",\"copies\":2,"
						+ "\"author\":\"Octavia E. Butler\"}"))
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.version").value(0));
		this.mvc.perform(get("/books"))
			.andExpect(jsonPath("$.length()").value(4))
			.andExpect(jsonPath("$[3].author").value("Octavia E. Butler"));
	}

	@Test
	void aChangeBasedOnAStaleVersionIsAConflict() throws Exception {
		this.mvc
			.perform(put("/books/978-0441478125/copies").contentType(MediaType.APPLICATION_JSON)
				.content("{\"copies\":5,\"version\":0}"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.version").value(1));
		this.mvc
			.perform(put("/books/978-0441478125/copies").contentType(MediaType.APPLICATION_JSON)
				.content("{\"copies\":6,\"version\":0}"))
			.andExpect(status().isConflict());
	}

}
