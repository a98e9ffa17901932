package io.dbisolation.sample.hours;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import io.dbisolation.test.DbIsolation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@SpringBootTest(properties = "snippetbox.latest-limit=20")
@AutoConfigureMockMvc
@DbIsolation
class HourApiIntegrationTests {

	@Autowired
	private MockMvc mvc;

	@Autowired
	private JdbcClient jdbc;

	@AfterEach
	void cleanUp() {
		this.jdbc.sql("DELETE FROM trainings").update();
		this.jdbc.sql("DELETE FROM hours").update();
	}

	@Test
	void bookingAnHourTwiceConflicts() throws Exception {
		this.mvc.perform(post("/api/hours/2030-01-07T10:00/training").param("userId", "1"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.availability").value("TRAINING_SCHEDULED"));
		this.mvc.perform(post("/api/hours/2030-01-07T10:00/training").param("userId", "2"))
			.andExpect(status().isConflict());
		assertThat(this.jdbc.sql("SELECT COUNT(*) FROM trainings").query(Long.class).single()).isEqualTo(1);
	}

	@Test
	void unavailableHourCannotBeBooked() throws Exception {
		this.mvc.perform(put("/api/hours/2030-01-07T10:00/availability").param("available", "false"))
			.andExpect(status().isOk());
		this.mvc.perform(post("/api/hours/2030-01-07T10:00/training").param("userId", "1"))
			.andExpect(status().isConflict());
		this.mvc.perform(get("/api/hours/2030-01-07T10:00"))
			.andExpect(jsonPath("$.availability").value("NOT_AVAILABLE"))
			.andExpect(jsonPath("$.version").value(1));
		assertThat(this.jdbc.sql("SELECT COUNT(*) FROM hours").query(Long.class).single()).isEqualTo(1);
	}

}
