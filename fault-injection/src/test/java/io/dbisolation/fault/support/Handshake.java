package io.dbisolation.fault.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;

import org.awaitility.Awaitility;

/**
 * Signals between a test and the child JVM it started, as files in the child's directory:
 * one side signals a named event with a value, the other awaits it with a deadline. A
 * latch across processes.
 */
public final class Handshake {

	/** The system property that tells a child JVM its directory. */
	public static final String DIRECTORY_PROPERTY = "fault.dir";

	private static final Duration POLL_INTERVAL = Duration.ofMillis(25);

	private final Path directory;

	public Handshake(Path directory) {
		this.directory = directory;
	}

	/**
	 * The handshake of the child JVM this code runs in.
	 * @return the handshake with the test that started this JVM
	 */
	public static Handshake ofThisFork() {
		String directory = System.getProperty(DIRECTORY_PROPERTY);
		if (directory == null) {
			throw new IllegalStateException("Not a child JVM of a fault-injection test: '" + DIRECTORY_PROPERTY
					+ "' is not set. These classes are run by the *IntegrationTests of this module.");
		}
		return new Handshake(Path.of(directory));
	}

	/**
	 * Signals an event.
	 * @param event the event's name
	 * @param value what to tell the other side
	 */
	public void signal(String event, String value) {
		try {
			Files.createDirectories(this.directory);
			Path written = Files.writeString(this.directory.resolve(event + ".tmp"), value);
			Files.move(written, file(event), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Waits for an event.
	 * @param event the event's name
	 * @param timeout how long to wait at most
	 * @return the value signalled with it
	 * @throws org.awaitility.core.ConditionTimeoutException if it was not signalled in
	 * time
	 */
	public String await(String event, Duration timeout) {
		return await(event, timeout, () -> true);
	}

	/**
	 * Waits for an event while a condition holds, such as the other side being alive.
	 * @param event the event's name
	 * @param timeout how long to wait at most
	 * @param stillWorthWaiting checked at each poll; when it no longer holds, waiting
	 * fails
	 * @return the value signalled with it
	 */
	public String await(String event, Duration timeout, BooleanSupplier stillWorthWaiting) {
		AtomicReference<String> value = new AtomicReference<>();
		Awaitility.await("event '" + event + "' in '" + this.directory + "'")
			.atMost(timeout)
			.pollInterval(POLL_INTERVAL)
			.until(() -> {
				value.set(read(event));
				if (value.get() == null && !stillWorthWaiting.getAsBoolean()) {
					throw new IllegalStateException("Gave up waiting for event '" + event + "' in '" + this.directory
							+ "': the other side is gone");
				}
				return value.get() != null;
			});
		return value.get();
	}

	/**
	 * Meets the other participants of a barrier kept in this directory: signals that this
	 * one is ready, then waits until all are.
	 * @param participant this participant's number, from 1
	 * @param participants how many meet
	 * @param timeout how long to wait at most for each of them
	 */
	public void meet(int participant, int participants, Duration timeout) {
		signal("ready-" + participant, "");
		IntStream.rangeClosed(1, participants).forEach((each) -> await("ready-" + each, timeout));
	}

	/**
	 * Whether an event was signalled.
	 * @param event the event's name
	 * @return {@code true} if it was
	 */
	public boolean signalled(String event) {
		return Files.exists(file(event));
	}

	public Path directory() {
		return this.directory;
	}

	private String read(String event) throws IOException {
		Path file = file(event);
		return Files.exists(file) ? Files.readString(file) : null;
	}

	private Path file(String event) {
		return this.directory.resolve(event + ".signal");
	}

}
