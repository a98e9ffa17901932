package io.dbisolation.fault.support;

import java.util.List;
import java.util.stream.Collectors;

/**
 * What a child JVM reported: how it exited, the outcome of each test and failed
 * container, and its output.
 *
 * @param name the child's name
 * @param exitCode its exit code, {@code null} while it runs
 * @param outcomes the outcomes in the order they finished
 * @param output everything it printed
 */
public record ForkResult(String name, Integer exitCode, List<TestOutcome> outcomes, String output) {

	private static final int OUTPUT_TAIL = 6000;

	/**
	 * The outcomes of tests, without containers.
	 * @return the test outcomes
	 */
	public List<TestOutcome> tests() {
		return this.outcomes.stream().filter(TestOutcome::test).toList();
	}

	/**
	 * The failed tests and containers.
	 * @return their outcomes
	 */
	public List<TestOutcome> failures() {
		return this.outcomes.stream().filter(TestOutcome::failed).toList();
	}

	/**
	 * The outcomes of one test method: one, or one per invocation.
	 * @param testClass the class
	 * @param methodName the method
	 * @return its outcomes
	 */
	public List<TestOutcome> outcomes(Class<?> testClass, String methodName) {
		return this.outcomes.stream()
			.filter((outcome) -> outcome.test() && outcome.className().equals(testClass.getName())
					&& outcome.methodName().equals(methodName))
			.toList();
	}

	/**
	 * The outcome of a test method that ran once.
	 * @param testClass the class
	 * @param methodName the method
	 * @return its outcome
	 * @throws AssertionError if it did not run exactly once
	 */
	public TestOutcome outcome(Class<?> testClass, String methodName) {
		List<TestOutcome> found = outcomes(testClass, methodName);
		if (found.size() != 1) {
			throw new AssertionError("Expected one outcome of " + testClass.getSimpleName() + "." + methodName
					+ " in child JVM '" + this.name + "', found " + found.size() + "\n" + describe());
		}
		return found.get(0);
	}

	/**
	 * How many lines of the output contain a text.
	 * @param text the text
	 * @return the number of lines
	 */
	public long linesContaining(String text) {
		return this.output.lines().filter((line) -> line.contains(text)).count();
	}

	/**
	 * A description for assertion messages: outcomes and the end of the output.
	 * @return the description
	 */
	public String describe() {
		String tail = (this.output.length() > OUTPUT_TAIL)
				? "...\n" + this.output.substring(this.output.length() - OUTPUT_TAIL) : this.output;
		return "Child JVM '" + this.name + "' (exit code " + this.exitCode + ") reported:\n"
				+ this.outcomes.stream().map((outcome) -> "  " + outcome).collect(Collectors.joining("\n"))
				+ "\nits output ended with:\n" + tail;
	}

}
