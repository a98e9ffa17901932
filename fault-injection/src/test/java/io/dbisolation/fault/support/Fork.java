package io.dbisolation.fault.support;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * A child JVM that runs test classes of this module (see {@link ForkedTests}) with this
 * JVM's class path and the given system properties, in a directory of its own that holds
 * its output, its outcomes and its {@link Handshake} files. Closing it kills it if it
 * still runs.
 */
public final class Fork implements AutoCloseable {

	/** Start-up matters more than peak speed in these short-lived JVMs. */
	private static final List<String> JVM_OPTIONS = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx384m",
			"-Xshare:auto");

	/** How long a child JVM may take for its part of a scenario. */
	public static final Duration TIMEOUT = Duration.ofMinutes(2);

	private static final Duration KILL_TIMEOUT = Duration.ofSeconds(30);

	private final String name;

	private final Path directory;

	private final Process process;

	private Fork(String name, Path directory, Process process) {
		this.name = name;
		this.directory = directory;
		this.process = process;
	}

	/**
	 * Starts a child JVM.
	 * @param name the child's name, also its directory's name under {@code parent}
	 * @param parent where the child's directory is created
	 * @param properties system properties of the child, such as
	 * {@code spring.datasource.url}
	 * @param testClasses the test classes it runs
	 * @return the running child
	 */
	public static Fork start(String name, Path parent, Map<String, String> properties, Class<?>... testClasses) {
		return start(name, parent, properties, List.of(), testClasses);
	}

	/**
	 * Starts a child JVM with options of its own, such as a smaller heap where many run
	 * at once.
	 * @param name the child's name, also its directory's name under {@code parent}
	 * @param parent where the child's directory is created
	 * @param properties system properties of the child, such as
	 * {@code spring.datasource.url}
	 * @param jvmOptions options that follow (and so win over) the usual ones, such as
	 * {@code -Xmx256m}
	 * @param testClasses the test classes it runs
	 * @return the running child
	 */
	public static Fork start(String name, Path parent, Map<String, String> properties, List<String> jvmOptions,
			Class<?>... testClasses) {
		try {
			Path directory = Files.createDirectories(parent.resolve(name));
			List<String> command = new ArrayList<>();
			command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
			command.addAll(JVM_OPTIONS);
			command.addAll(jvmOptions);
			properties.forEach((key, value) -> command.add("-D" + key + "=" + value));
			command.add("-D" + Handshake.DIRECTORY_PROPERTY + "=" + directory);
			command.add("-cp");
			command.add(classPath());
			command.add(ForkedTests.class.getName());
			command.add(directory.resolve("outcomes.tsv").toString());
			Arrays.stream(testClasses).map(Class::getName).forEach(command::add);
			Process process = new ProcessBuilder(command).directory(directory.toFile())
				.redirectErrorStream(true)
				.redirectOutput(directory.resolve("output.log").toFile())
				.start();
			return new Fork(name, directory, process);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	public String name() {
		return this.name;
	}

	/**
	 * The signals exchanged with this child.
	 * @return its handshake
	 */
	public Handshake handshake() {
		return new Handshake(this.directory);
	}

	/**
	 * Waits for an event the child signals, giving up early if the child exits.
	 * @param event the event
	 * @param timeout how long to wait at most
	 * @return the value the child signalled
	 */
	public String awaitSignal(String event, Duration timeout) {
		try {
			return handshake().await(event, timeout, this.process::isAlive);
		}
		catch (RuntimeException ex) {
			throw new AssertionError("Child JVM '" + this.name + "' did not signal '" + event + "' (" + ex.getMessage()
					+ ")\n" + report(), ex);
		}
	}

	public boolean isAlive() {
		return this.process.isAlive();
	}

	/**
	 * Kills the child with SIGKILL: no shutdown hook runs, as when a build is killed.
	 */
	public void kill9() {
		this.process.destroyForcibly();
		try {
			if (!this.process.waitFor(KILL_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
				throw new IllegalStateException("Child JVM '" + this.name + "' survived SIGKILL");
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Waits for the child to finish. One that does not is killed, and the wait fails.
	 * @param timeout how long to wait at most
	 * @return what it reported
	 */
	public ForkResult await(Duration timeout) {
		try {
			if (!this.process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
				kill9();
				throw new AssertionError("Child JVM '" + this.name + "' did not finish within " + timeout.toSeconds()
						+ " s and was killed\n" + report());
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			kill9();
			throw new IllegalStateException(ex);
		}
		return result();
	}

	/**
	 * What the child reported so far, for a child that was killed.
	 * @return its outcomes and output
	 */
	public ForkResult result() {
		try {
			Path outcomes = this.directory.resolve("outcomes.tsv");
			List<TestOutcome> parsed = Files.exists(outcomes) ? Files.readAllLines(outcomes)
				.stream()
				.filter((line) -> !line.isEmpty())
				.map(TestOutcome::parse)
				.toList() : List.of();
			Integer exitCode = this.process.isAlive() ? null : this.process.exitValue();
			return new ForkResult(this.name, exitCode, parsed, Files.readString(this.directory.resolve("output.log")));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Override
	public void close() {
		if (this.process.isAlive()) {
			kill9();
		}
	}

	private String report() {
		return result().describe();
	}

	/**
	 * This JVM's class path, expanded from a manifest-only jar if it is one.
	 */
	static String classPath() throws IOException {
		String classPath = System.getProperty("java.class.path");
		String[] entries = classPath.split(File.pathSeparator);
		if (entries.length == 1 && entries[0].endsWith(".jar")) {
			try (JarFile jar = new JarFile(entries[0])) {
				Manifest manifest = jar.getManifest();
				String manifestClassPath = (manifest != null) ? manifest.getMainAttributes().getValue("Class-Path")
						: null;
				if (manifestClassPath != null) {
					List<String> expanded = new ArrayList<>();
					for (String url : manifestClassPath.trim().split("\\s+")) {
						expanded.add(Path.of(URI.create(url)).toString());
					}
					return String.join(File.pathSeparator, expanded);
				}
			}
		}
		return classPath;
	}

}
