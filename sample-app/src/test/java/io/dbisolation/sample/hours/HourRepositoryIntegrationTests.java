package io.dbisolation.sample.hours;

import java.time.LocalDateTime;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import io.dbisolation.sample.hours.Hour.Availability;
import io.dbisolation.test.DbIsolation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

@SpringBootTest(properties = "snippetbox.latest-limit=20")
@DbIsolation
class HourRepositoryIntegrationTests {

	private static final LocalDateTime HOUR = LocalDateTime.of(2030, 1, 7, 10, 0);

	@Autowired
	private HourRepository hours;

	@Test
	void newHourIsAvailable() {
		assertThat(this.hours.getOrCreate(HOUR)).isEqualTo(new Hour(HOUR, Availability.AVAILABLE, 0));
		assertThat(this.hours.count()).isEqualTo(1);
	}

	@Test
	void schedulingATrainingTakesTheHour() {
		Hour booked = this.hours.scheduleTraining(HOUR, 2);
		assertThat(booked).isEqualTo(new Hour(HOUR, Availability.TRAINING_SCHEDULED, 1));
		assertThat(this.hours.countTrainings(HOUR)).isEqualTo(1);
		assertThat(this.hours.count()).isEqualTo(1);
	}

	@Test
	void failedUpdateIsRolledBack() {
		this.hours.update(HOUR, Hour::makeNotAvailable);
		assertThatIllegalStateException().isThrownBy(() -> this.hours.scheduleTraining(HOUR, 2));
		assertThat(this.hours.getOrCreate(HOUR)).isEqualTo(new Hour(HOUR, Availability.NOT_AVAILABLE, 1));
		assertThat(this.hours.countTrainings(HOUR)).isZero();
	}

}
