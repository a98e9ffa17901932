package io.dbisolation.sample.hours;

import java.time.LocalDateTime;
import java.util.function.UnaryOperator;

import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * Stores hours. Updates run in a transaction that locks the hour's row and check its
 * version, so that of many concurrent bookings of one hour exactly one wins.
 */
@Repository
public class HourRepository {

	private final JdbcClient jdbc;

	public HourRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * The hour, created as available if it was not stored yet.
	 * @param time the start of the hour
	 * @return the stored hour
	 */
	@Transactional
	public Hour getOrCreate(LocalDateTime time) {
		this.jdbc.sql("INSERT IGNORE INTO hours (hour, availability) VALUES (?, 'available')").param(time).update();
		return find(time, "");
	}

	/**
	 * Changes an hour in one transaction; the change is rolled back if the function
	 * throws.
	 * @param time the start of the hour
	 * @param change what to do to the hour
	 * @return the updated hour
	 */
	@Transactional
	public Hour update(LocalDateTime time, UnaryOperator<Hour> change) {
		this.jdbc.sql("INSERT IGNORE INTO hours (hour, availability) VALUES (?, 'available')").param(time).update();
		Hour current = find(time, " FOR UPDATE");
		Hour changed = change.apply(current);
		int updated = this.jdbc
			.sql("UPDATE hours SET availability = ?, version = version + 1 " + "WHERE hour = ? AND version = ?")
			.params(changed.availability().sqlValue(), time, current.version())
			.update();
		if (updated != 1) {
			throw new OptimisticLockingFailureException("Hour " + time + " was changed concurrently");
		}
		return new Hour(time, changed.availability(), current.version() + 1);
	}

	/**
	 * Books an hour for a user: marks it as taken and records the training.
	 * @param time the start of the hour
	 * @param userId who trains
	 * @return the booked hour
	 */
	@Transactional
	public Hour scheduleTraining(LocalDateTime time, long userId) {
		Hour booked = update(time, Hour::scheduleTraining);
		this.jdbc.sql("INSERT INTO trainings (hour, user_id) VALUES (?, ?)").params(time, userId).update();
		return booked;
	}

	public long countTrainings(LocalDateTime time) {
		return this.jdbc.sql("SELECT COUNT(*) FROM trainings WHERE hour = ?").param(time).query(Long.class).single();
	}

	public long count() {
		return this.jdbc.sql("SELECT COUNT(*) FROM hours").query(Long.class).single();
	}

	private Hour find(LocalDateTime time, String lock) {
		return this.jdbc.sql("SELECT hour, availability, version FROM hours WHERE hour = ?" + lock)
			.param(time)
			.query((row, n) -> new Hour(row.getObject("hour", LocalDateTime.class),
					Hour.Availability.of(row.getString("availability")), row.getInt("version")))
			.single();
	}

}
