package io.dbisolation.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.dbisolation.server.DatabaseServer;

/**
 * A MariaDB server of a test's own, which it may kill, restart and reconfigure: started
 * from the embedded MariaDB's unpacked binaries with a copy of its pristine data
 * directory, on a free port, and deleted with its directory when closed. Never use the
 * shared servers for that.
 */
public final class DisposableMariaDb implements AutoCloseable {

	private static final long START_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(60);

	private final Path installation;

	private final Path directory;

	private final int port;

	private final List<String> options;

	private Process process;

	private DisposableMariaDb(Path installation, Path directory, int port, List<String> options) {
		this.installation = installation;
		this.directory = directory;
		this.port = port;
		this.options = options;
	}

	/**
	 * Starts a new server.
	 * @param options extra {@code mariadbd} options, such as {@code --max-connections=20}
	 * @return the running server
	 */
	public static DisposableMariaDb start(String... options) {
		// obtaining the embedded server makes sure its binaries are unpacked
		TestServers.embedded();
		Path installation = installation();
		try {
			Path directory = Files.createTempDirectory("dbisolation-disposable-");
			copy(installation.resolve("pristine-data"), directory.resolve("data"));
			DisposableMariaDb server = new DisposableMariaDb(installation, directory, freePort(), List.of(options));
			server.launch();
			return server;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * The URL of the server, naming no database.
	 * @return a {@code jdbc:mysql:} URL
	 */
	public String url() {
		return url("mysql");
	}

	/**
	 * The URL of the server through a driver, naming no database.
	 * @param subprotocol {@code mysql} or {@code mariadb}
	 * @return the URL
	 */
	public String url(String subprotocol) {
		return "jdbc:" + subprotocol + "://127.0.0.1:" + this.port + "/";
	}

	public int port() {
		return this.port;
	}

	/**
	 * The server as DbIsolation sees a configured one, connected as root.
	 * @return the server
	 */
	public DatabaseServer server() {
		return DatabaseServer.configured(url(), "root", "");
	}

	/**
	 * A new connection as root; the caller closes it.
	 * @return the connection
	 * @throws SQLException on failure
	 */
	public Connection connect() throws SQLException {
		return DriverManager.getConnection(url(), "root", "");
	}

	/**
	 * Opens connections as root until the server refuses one, such as after lowering
	 * {@code max_connections}.
	 * @param connections where the open connections go; the caller closes them
	 * @return the refusal
	 */
	public SQLException connectUntilRefused(List<Connection> connections) {
		while (true) {
			try {
				connections.add(connect());
			}
			catch (SQLException ex) {
				return ex;
			}
		}
	}

	/**
	 * Sets a global server variable, for example {@code wait_timeout}.
	 * @param variable the variable
	 * @param value its new value, as SQL
	 */
	public void setGlobal(String variable, Object value) {
		execute("SET GLOBAL " + variable + " = " + value);
	}

	/**
	 * Runs a statement as root.
	 * @param sql the statement
	 */
	public void execute(String sql) {
		try (Connection connection = connect(); Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Could not run '" + sql + "' on '" + url() + "'", ex);
		}
	}

	/**
	 * Kills the server with SIGKILL and waits until it is gone.
	 */
	public void kill9() {
		if (this.process != null) {
			this.process.destroyForcibly();
			try {
				this.process.waitFor(30, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			this.process = null;
		}
	}

	/**
	 * Starts the server again on the same port and data, killing it first if it runs.
	 */
	public void restart() {
		kill9();
		try {
			launch();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Kills the server and deletes its directory.
	 */
	@Override
	public void close() {
		kill9();
		try (Stream<Path> paths = Files.walk(this.directory)) {
			for (Path path : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
				Files.delete(path);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private void launch() throws IOException {
		Path base = this.installation.resolve("base");
		Path tmp = this.directory.resolve("tmp");
		Files.createDirectories(tmp);
		List<String> command = new ArrayList<>(List.of(base.resolve("bin/mariadbd").toString(), "--no-defaults",
				"--basedir=" + base, "--datadir=" + this.directory.resolve("data"), "--tmpdir=" + tmp,
				"--port=" + this.port, "--socket=" + this.directory.resolve("mariadbd.sock"),
				"--pid-file=" + this.directory.resolve("mariadbd.pid"), "--bind-address=127.0.0.1",
				"--skip-grant-tables", "--skip-log-bin", "--skip-ssl", "--innodb-flush-log-at-trx-commit=2"));
		if ("root".equals(System.getProperty("user.name"))) {
			command.add("--user=root");
		}
		command.addAll(this.options);
		Path log = this.directory.resolve("mariadbd.log");
		this.process = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
			.start();
		long deadline = System.nanoTime() + START_TIMEOUT_NANOS;
		SQLException last = null;
		while (System.nanoTime() < deadline) {
			if (!this.process.isAlive()) {
				throw new IOException(
						"mariadbd exited with code " + this.process.exitValue() + ": " + Files.readString(log));
			}
			try (Connection ignored = connect()) {
				return;
			}
			catch (SQLException ex) {
				last = ex;
			}
			try {
				this.process.waitFor(50, TimeUnit.MILLISECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IOException("interrupted while waiting for mariadbd", ex);
			}
		}
		kill9();
		throw new IOException("mariadbd did not accept connections on port " + this.port + " in time", last);
	}

	private static Path installation() {
		// the directory TestServers.embedded() unpacked into
		Path cache = Path.of(System.getProperty("dbisolation.embedded.cache-directory",
				Path.of(System.getProperty("user.home"), ".cache", "dbisolation").toString()));
		try (Stream<Path> versions = Files.list(cache)) {
			// the embedded PostgreSQL unpacks into the same cache directory
			return versions
				.filter((path) -> path.getFileName().toString().startsWith("mariadb-")
						&& Files.exists(path.resolve("base/.complete")))
				.findFirst()
				.orElseThrow(() -> new IllegalStateException("No unpacked MariaDB in '" + cache + "'"));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static void copy(Path source, Path target) throws IOException {
		try (Stream<Path> paths = Files.walk(source)) {
			for (Path path : (Iterable<Path>) paths::iterator) {
				Files.copy(path, target.resolve(source.relativize(path).toString()));
			}
		}
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
