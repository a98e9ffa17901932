package io.dbisolation.sample.hours;

import java.time.LocalDateTime;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The trainer's calendar REST API.
 */
@RestController
@RequestMapping("/api/hours/{time}")
public class HourController {

	private final HourRepository hours;

	public HourController(HourRepository hours) {
		this.hours = hours;
	}

	@GetMapping
	public Hour get(@PathVariable @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) LocalDateTime time) {
		return this.hours.getOrCreate(time);
	}

	@PutMapping("/availability")
	public Hour setAvailability(@PathVariable @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) LocalDateTime time,
			@RequestParam boolean available) {
		return this.hours.update(time, available ? Hour::makeAvailable : Hour::makeNotAvailable);
	}

	@PostMapping("/training")
	public Hour scheduleTraining(@PathVariable @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) LocalDateTime time,
			@RequestParam long userId) {
		return this.hours.scheduleTraining(time, userId);
	}

	@ExceptionHandler(IllegalStateException.class)
	ResponseEntity<String> conflict(IllegalStateException ex) {
		return ResponseEntity.status(HttpStatus.CONFLICT).body(ex.getMessage());
	}

}
