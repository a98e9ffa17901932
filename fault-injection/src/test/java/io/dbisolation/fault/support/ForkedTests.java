package io.dbisolation.fault.support;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.TestSource;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * The main class of a child JVM: runs test classes through the JUnit Platform, appends
 * the outcome of each test and each failed container to a file as soon as it is known (so
 * that a JVM killed half-way leaves what it saw), then exits, which runs the shutdown
 * hooks that close Spring's cached contexts as at the end of a real build.
 * <p>
 * Arguments: the outcome file, then the names of the test classes.
 */
public final class ForkedTests {

	private ForkedTests() {
	}

	public static void main(String[] args) {
		Path outcomes = Path.of(args[0]);
		LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
			.selectors(Arrays.stream(args, 1, args.length).map(DiscoverySelectors::selectClass).toList())
			.build();
		Recorder recorder = new Recorder(outcomes);
		LauncherFactory.create().execute(request, recorder);
		System.exit(recorder.failed.get() ? 1 : 0);
	}

	/**
	 * Writes one line per outcome, see {@link TestOutcome#parse(String)}.
	 */
	static final class Recorder implements TestExecutionListener {

		private final Path file;

		private final AtomicBoolean failed = new AtomicBoolean();

		Recorder(Path file) {
			this.file = file;
		}

		@Override
		public void executionSkipped(TestIdentifier identifier, String reason) {
			if (identifier.isTest()) {
				write(identifier, "SKIPPED", reason);
			}
		}

		@Override
		public void executionFinished(TestIdentifier identifier, TestExecutionResult result) {
			if (result.getStatus() != TestExecutionResult.Status.SUCCESSFUL) {
				this.failed.set(true);
			}
			if (identifier.isTest() || result.getStatus() != TestExecutionResult.Status.SUCCESSFUL) {
				write(identifier, result.getStatus().name(), result.getThrowable().map(Recorder::trace).orElse(""));
			}
		}

		private synchronized void write(TestIdentifier identifier, String status, String failure) {
			TestSource source = identifier.getSource().orElse(null);
			String className = (source instanceof MethodSource method) ? method.getClassName()
					: (source instanceof ClassSource type) ? type.getClassName() : "";
			String methodName = (source instanceof MethodSource method) ? method.getMethodName() : "";
			String line = String.join("\t", status, identifier.isTest() ? "test" : "container", className, methodName,
					Long.toString(System.currentTimeMillis()), encode(identifier.getDisplayName()), encode(failure))
					+ "\n";
			try {
				Files.writeString(this.file, line, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}

		private static String trace(Throwable failure) {
			StringWriter trace = new StringWriter();
			failure.printStackTrace(new PrintWriter(trace));
			return trace.toString();
		}

		private static String encode(String text) {
			return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
		}

	}

}
