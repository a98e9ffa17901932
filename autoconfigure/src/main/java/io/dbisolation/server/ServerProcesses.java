package io.dbisolation.server;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * What the embedded servers (MariaDB, PostgreSQL) share: a free port, waiting for a
 * started server to accept connections, and the file locks by which the JVMs of a machine
 * share one server and the last to leave stops it.
 */
final class ServerProcesses {

	static final String START_LOCK = "start.lock";

	static final String USERS_LOCK = "users.lock";

	private ServerProcesses() {
	}

	/**
	 * A connection attempt to a starting server.
	 */
	@FunctionalInterface
	interface Probe {

		void connect() throws SQLException;

	}

	/**
	 * Work done with the files of a server.
	 */
	@FunctionalInterface
	interface FileWork {

		void run() throws IOException;

	}

	/**
	 * The live process a pid file names in its first line, if it is a server's: its
	 * command ends with the given name and its arguments hold the given ones. A pid is
	 * reused once its process ends, so a stale pid file may name anything.
	 * @param pidFile the pid file
	 * @param command how the server's executable's path ends
	 * @param arguments arguments the server was started with
	 * @return the process, empty if the file is missing or unreadable, or names another
	 * process
	 */
	static Optional<ProcessHandle> serverOf(Path pidFile, String command, List<String> arguments) throws IOException {
		if (!Files.isReadable(pidFile)) {
			return Optional.empty();
		}
		List<String> lines = Files.readAllLines(pidFile);
		Optional<ProcessHandle> process;
		try {
			process = ProcessHandle.of(Long.parseLong(lines.get(0).trim()));
		}
		catch (NumberFormatException | IndexOutOfBoundsException ignored) {
			// an unreadable pid file names no process
			return Optional.empty();
		}
		return process.filter((candidate) -> {
			ProcessHandle.Info info = candidate.info();
			return info.command().map((path) -> path.endsWith(command)).orElse(false)
					&& List.of(info.arguments().orElse(new String[0])).containsAll(arguments);
		});
	}

	static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	/**
	 * Waits until a started server accepts a connection.
	 * @param process the server's process
	 * @param name the server program, for messages
	 * @param log the server's log file, for messages
	 * @param timeout how long to wait
	 * @param probe one connection attempt
	 * @throws IOException if the server exits, or does not answer in time (then it is
	 * killed)
	 */
	static void awaitReady(Process process, String name, Path log, Duration timeout, Probe probe) throws IOException {
		long deadline = System.nanoTime() + timeout.toNanos();
		SQLException last = null;
		while (System.nanoTime() < deadline) {
			if (!process.isAlive()) {
				throw new IOException(name + " exited with code " + process.exitValue() + "; see '" + log + "'");
			}
			try {
				probe.connect();
				return;
			}
			catch (SQLException ex) {
				last = ex;
			}
			try {
				process.waitFor(50, TimeUnit.MILLISECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IOException("interrupted while waiting for " + name, ex);
			}
		}
		process.destroyForcibly();
		throw new IOException(
				name + " did not accept connections within " + timeout.toSeconds() + " s; see '" + log + "'", last);
	}

	/**
	 * Leaves a shared server: under the start lock, gives up this JVM's shared hold on
	 * the users lock, and, if no other JVM holds it, runs the work that stops the server.
	 * @param home the server's directory
	 * @param usersLock this JVM's channel holding the shared users lock
	 * @param whenLast what the last JVM does
	 * @throws IOException on failure
	 */
	static void leave(Path home, FileChannel usersLock, FileWork whenLast) throws IOException {
		try (FileChannel startLock = FileChannel.open(home.resolve(START_LOCK), StandardOpenOption.CREATE,
				StandardOpenOption.WRITE); FileLock ignored = startLock.lock()) {
			usersLock.close();
			try (FileChannel users = FileChannel.open(home.resolve(USERS_LOCK), StandardOpenOption.WRITE);
					FileLock last = users.tryLock()) {
				if (last != null) {
					whenLast.run();
				}
			}
		}
	}

}
