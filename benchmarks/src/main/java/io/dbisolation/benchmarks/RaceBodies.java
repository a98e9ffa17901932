package io.dbisolation.benchmarks;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.RepeatedTest;

import org.springframework.beans.factory.annotation.Autowired;

import io.dbisolation.sample.hours.HourRepository;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample app's race test (20 workers book one hour, one wins, real commits), for the
 * suite-time comparison.
 */
abstract class RaceBodies {

	static final int REPETITIONS = 20;

	private static final LocalDateTime HOUR = LocalDateTime.of(2030, 3, 4, 15, 0);

	@Autowired
	private HourRepository hours;

	@RepeatedTest(REPETITIONS)
	void exactlyOneWorkerBooksTheHour() throws Exception {
		assertThat(this.hours.count()).isZero();
		this.hours.getOrCreate(HOUR);
		CountDownLatch start = new CountDownLatch(1);
		ExecutorService workers = Executors.newFixedThreadPool(20);
		try {
			List<Future<Boolean>> bookings = new ArrayList<>();
			for (int worker = 0; worker < 20; worker++) {
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
	}

}
