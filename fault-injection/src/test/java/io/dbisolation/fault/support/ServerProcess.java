package io.dbisolation.fault.support;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * What the disposable servers share: a free port, starting a server process and waiting
 * until it accepts connections, stopping it, and deleting its files.
 */
final class ServerProcess {

	private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

	private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

	private ServerProcess() {
	}

	/**
	 * A connection to a server, to find out whether it accepts connections.
	 */
	@FunctionalInterface
	interface Connector {

		Connection connect() throws SQLException;

	}

	/**
	 * Starts a server and waits until it accepts connections.
	 * @param name the server program, for messages
	 * @param command the server's command
	 * @param log where its output is appended
	 * @param connector opens a connection to it
	 * @return the running server
	 * @throws IOException if it exits or does not answer in time (then it is killed)
	 */
	static Process start(String name, List<String> command, Path log, Connector connector) throws IOException {
		Process process = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
			.start();
		long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
		while (System.nanoTime() < deadline) {
			if (!process.isAlive()) {
				throw new IOException(
						name + " exited with code " + process.exitValue() + ":\n" + Files.readString(log));
			}
			try (Connection ignored = connector.connect()) {
				return process;
			}
			catch (SQLException ignored) {
				// it is still starting: wait for the process a little, then ask again
			}
			try {
				process.waitFor(50, TimeUnit.MILLISECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IOException("Interrupted while " + name + " started", ex);
			}
		}
		process.destroyForcibly();
		throw new IOException(
				name + " did not answer within " + START_TIMEOUT.toSeconds() + " s:\n" + Files.readString(log));
	}

	/**
	 * Waits for a server to exit, killing it if it takes too long.
	 * @param process the server
	 */
	static void awaitExit(Process process) {
		try {
			if (!process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
				process.destroyForcibly();
				process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			process.destroyForcibly();
		}
	}

	static void delete(Path path) throws IOException {
		if (!Files.exists(path)) {
			return;
		}
		try (Stream<Path> paths = Files.walk(path)) {
			for (Path each : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
				Files.deleteIfExists(each);
			}
		}
	}

	static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
