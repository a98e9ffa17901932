package io.dbisolation.sample.hours;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClient;

import io.dbisolation.sample.hours.Hour.Availability;
import io.dbisolation.test.DbIsolation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Booking hours over real HTTP. Every test books the same hour; rollback gives each a
 * fresh calendar.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "snippetbox.latest-limit=20")
@DbIsolation
class HourApiIntegrationTests {

	private static final String HOUR = "/api/hours/2030-01-07T10:00";

	@Value("${local.server.port}")
	private int port;

	@Autowired
	private JdbcClient jdbc;

	private RestClient client;

	@BeforeEach
	void createClient() {
		this.client = RestClient.create("http://localhost:" + this.port);
	}

	@Test
	void bookingAnHourTwiceConflicts() {
		Hour booked = this.client.post().uri(HOUR + "/training?userId=1").retrieve().body(Hour.class);
		assertThat(booked.availability()).isEqualTo(Availability.TRAINING_SCHEDULED);
		assertThatExceptionOfType(HttpClientErrorException.Conflict.class)
			.isThrownBy(() -> this.client.post().uri(HOUR + "/training?userId=2").retrieve().toBodilessEntity());
		assertThat(this.jdbc.sql("SELECT COUNT(*) FROM trainings").query(Long.class).single()).isEqualTo(1);
	}

	@Test
	void unavailableHourCannotBeBooked() {
		this.client.put().uri(HOUR + "/availability?available=false").retrieve().toBodilessEntity();
		assertThatExceptionOfType(HttpClientErrorException.Conflict.class)
			.isThrownBy(() -> this.client.post().uri(HOUR + "/training?userId=1").retrieve().toBodilessEntity());
		Hour hour = this.client.get().uri(HOUR).retrieve().body(Hour.class);
		assertThat(hour.availability()).isEqualTo(Availability.NOT_AVAILABLE);
		assertThat(hour.version()).isEqualTo(1);
		assertThat(this.jdbc.sql("SELECT COUNT(*) FROM hours").query(Long.class).single()).isEqualTo(1);
	}

	@Test
	void calendarStartsEmpty() {
		assertThat(this.jdbc.sql("SELECT COUNT(*) FROM hours").query(Long.class).single()).isZero();
		assertThat(this.jdbc.sql("SELECT COUNT(*) FROM trainings").query(Long.class).single()).isZero();
	}

}
