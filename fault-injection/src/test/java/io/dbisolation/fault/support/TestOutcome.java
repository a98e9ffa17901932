package io.dbisolation.fault.support;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.stream.Collectors;

/**
 * What a child JVM reported about one test or failed container.
 *
 * @param status {@code SUCCESSFUL}, {@code FAILED}, {@code ABORTED} or {@code SKIPPED}
 * @param test {@code true} for a test, {@code false} for a container (a class)
 * @param className the test class
 * @param methodName the test method, empty for a container
 * @param finishedAtMillis when it finished, in {@link System#currentTimeMillis()} time
 * @param displayName JUnit's display name, which tells invocations apart
 * @param failure the failure's stack trace with its causes, empty if none
 */
public record TestOutcome(String status, boolean test, String className, String methodName, long finishedAtMillis,
		String displayName, String failure) {

	static TestOutcome parse(String line) {
		String[] fields = line.split("\t", -1);
		return new TestOutcome(fields[0], "test".equals(fields[1]), fields[2], fields[3], Long.parseLong(fields[4]),
				decode(fields[5]), decode(fields[6]));
	}

	public boolean passed() {
		return "SUCCESSFUL".equals(this.status);
	}

	public boolean failed() {
		return "FAILED".equals(this.status);
	}

	/**
	 * The failure without its stack: the exception and its message.
	 * @return the headline, empty if the test did not fail
	 */
	public String headline() {
		int end = this.failure.indexOf("\n\tat ");
		return ((end < 0) ? this.failure : this.failure.substring(0, end)).strip();
	}

	/**
	 * The failure's messages, its causes' and its suppressed exceptions', without stack
	 * frames: what a user reads.
	 * @return the messages, one exception after another
	 */
	public String messages() {
		return this.failure.lines()
			.filter((line) -> !line.strip().startsWith("at ") && !line.strip().matches("\\.\\.\\. \\d+ more"))
			.collect(Collectors.joining("\n"));
	}

	/**
	 * The test's short name.
	 * @return the simple class name and, for a test, the method and display name
	 */
	public String name() {
		return this.className.substring(this.className.lastIndexOf('.') + 1)
				+ (this.methodName.isEmpty() ? "" : "." + this.methodName + " [" + this.displayName + "]");
	}

	@Override
	public String toString() {
		return name() + ": " + this.status + (this.failure.isEmpty() ? "" : " with " + headline());
	}

	private static String decode(String text) {
		return new String(Base64.getDecoder().decode(text), StandardCharsets.UTF_8);
	}

}
