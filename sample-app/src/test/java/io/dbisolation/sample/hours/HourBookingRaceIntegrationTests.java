package io.dbisolation.sample.hours;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.dbisolation.sample.hours.Hour.Availability;
import io.dbisolation.test.DbIsolation;
import io.dbisolation.test.DbIsolation.Mode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Seed 002's race: 20 workers try to book the same hour at once, on separate connections
 * with real commits, and exactly one may win. Each repetition gets a fresh schema.
 */
@SpringBootTest
@DbIsolation(mode = Mode.SCHEMA_PER_TEST)
class HourBookingRaceIntegrationTests {

	private static final LocalDateTime HOUR = LocalDateTime.of(2030, 3, 4, 15, 0);

	private static final int WORKERS = 20;

	@Autowired
	private HourRepository hours;

	@Autowired
	private JdbcClient jdbc;

	@RepeatedTest(20)
	void exactlyOneOfTwentyWorkersBooksTheHour() throws Exception {
		assertThat(this.hours.count()).isZero();
		this.hours.getOrCreate(HOUR);
		CountDownLatch start = new CountDownLatch(1);
		ExecutorService workers = Executors.newFixedThreadPool(WORKERS);
		try {
			List<Future<Boolean>> bookings = new ArrayList<>();
			for (int worker = 0; worker < WORKERS; worker++) {
				bookings.add(workers.submit(() -> {
					start.await();
					try {
						this.hours.scheduleTraining(HOUR, 2);
						return true;
					}
					catch (RuntimeException lost) {
						return false;
					}
				}));
			}
			start.countDown();
			int won = 0;
			for (Future<Boolean> booking : bookings) {
				won += booking.get(60, TimeUnit.SECONDS) ? 1 : 0;
			}
			assertThat(won).isEqualTo(1);
		}
		finally {
			workers.shutdownNow();
		}
		assertThat(this.hours.countTrainings(HOUR)).isEqualTo(1);
		assertThat(this.hours.getOrCreate(HOUR).availability()).isEqualTo(Availability.TRAINING_SCHEDULED);
	}

	@Test
	void failedUpdateIsRolledBackWhileCommittedOnesStay() {
		this.hours.update(HOUR, Hour::makeNotAvailable);
		assertThatIllegalStateException().isThrownBy(() -> this.hours.update(HOUR, (hour) -> {
			this.jdbc.sql("INSERT INTO trainings (hour, user_id) VALUES (?, 1)").param(HOUR).update();
			throw new IllegalStateException("Calendar service unavailable");
		}));
		assertThat(this.hours.getOrCreate(HOUR)).isEqualTo(new Hour(HOUR, Availability.NOT_AVAILABLE, 1));
		assertThat(this.hours.countTrainings(HOUR)).isZero();
	}

}
