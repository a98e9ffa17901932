package io.dbisolation.schema;

import java.time.Duration;

import io.dbisolation.test.DbIsolationException;

/**
 * How long unused templates are kept, and how many per application: a template no run has
 * used for {@code maxAge}, or older than the newest {@code maxPerApplication} of its
 * application, is dropped at start-up unless a run uses it.
 *
 * @param application the application the templates belong to
 * ({@code spring.application.name}, or the folder the tests run in); empty if unknown, so
 * that only the age applies
 * @param maxAge how long a template may go unused
 * @param maxPerApplication how many of the application's most recently used templates are
 * kept
 */
public record TemplateRetention(String application, Duration maxAge, int maxPerApplication) {

	/** Templates are kept this long after their last use unless configured otherwise. */
	public static final Duration DEFAULT_MAX_AGE = Duration.ofDays(4);

	/** How many templates of an application are kept unless configured otherwise. */
	public static final int DEFAULT_MAX_PER_APPLICATION = 5;

	/** The retention of templates whose application is not known. */
	public static final TemplateRetention DEFAULT = new TemplateRetention("", DEFAULT_MAX_AGE,
			DEFAULT_MAX_PER_APPLICATION);

	public TemplateRetention {
		application = (application != null) ? application : "";
		if (application.length() > 255) {
			application = application.substring(0, 255);
		}
		if (maxAge.isNegative()) {
			throw new DbIsolationException(
					"Invalid 'dbisolation.templates.max-age' '" + maxAge + "': it must not be negative.",
					"Set a duration such as '4d'.", null);
		}
		if (maxPerApplication < 1) {
			throw new DbIsolationException("Invalid 'dbisolation.templates.max-per-application' '" + maxPerApplication
					+ "': it must be at least 1, the template a run uses.", "Set it to 1 or more.", null);
		}
	}

}
