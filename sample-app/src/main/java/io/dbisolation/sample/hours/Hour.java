package io.dbisolation.sample.hours;

import java.time.LocalDateTime;

/**
 * One bookable hour of a trainer's calendar.
 *
 * @param time the start of the hour
 * @param availability whether it can be booked
 * @param version the optimistic-locking version
 */
public record Hour(LocalDateTime time, Availability availability, int version) {

	/**
	 * The hour, available for a training.
	 * @return a copy that is available
	 * @throws IllegalStateException if a training is scheduled
	 */
	public Hour makeAvailable() {
		requireNoTraining();
		return new Hour(this.time, Availability.AVAILABLE, this.version);
	}

	public Hour makeNotAvailable() {
		requireNoTraining();
		return new Hour(this.time, Availability.NOT_AVAILABLE, this.version);
	}

	/**
	 * The hour, with a training scheduled.
	 * @return a copy with a training
	 * @throws IllegalStateException if the hour is not available
	 */
	public Hour scheduleTraining() {
		if (this.availability != Availability.AVAILABLE) {
			throw new IllegalStateException("Hour " + this.time + " is " + this.availability.sqlValue());
		}
		return new Hour(this.time, Availability.TRAINING_SCHEDULED, this.version);
	}

	public boolean hasTrainingScheduled() {
		return this.availability == Availability.TRAINING_SCHEDULED;
	}

	private void requireNoTraining() {
		if (hasTrainingScheduled()) {
			throw new IllegalStateException("Hour " + this.time + " has a training scheduled");
		}
	}

	/**
	 * Whether an hour can be booked.
	 */
	public enum Availability {

		AVAILABLE, NOT_AVAILABLE, TRAINING_SCHEDULED;

		public String sqlValue() {
			return name().toLowerCase();
		}

		static Availability of(String sqlValue) {
			return valueOf(sqlValue.toUpperCase());
		}

	}

}
