package io.dbisolation.benchmarks.scale;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.dbisolation.server.EmbeddedMariaDb;

/**
 * A MariaDB of the benchmark's own with MySQL's default {@code max_connections} (151),
 * started from the embedded server's installation with a copy of its pristine data
 * directory, on a free port; stopped and deleted when closed.
 */
final class ScaleServer implements AutoCloseable {

	static final int MAX_CONNECTIONS = 151;

	private final Path directory;

	private final int port;

	private final Process process;

	private ScaleServer(Path directory, int port, Process process) {
		this.directory = directory;
		this.port = port;
		this.process = process;
	}

	static ScaleServer start(Path cacheDirectory) throws Exception {
		Path installation = installation(cacheDirectory);
		Path directory = Files.createTempDirectory("dbiso-scale-");
		copyTree(installation.resolve("pristine-data"), directory.resolve("data"));
		int port;
		try (ServerSocket socket = new ServerSocket(0)) {
			port = socket.getLocalPort();
		}
		Path base = installation.resolve("base");
		List<String> command = new ArrayList<>(List.of(base.resolve("bin/mariadbd").toString(), "--no-defaults",
				"--basedir=" + base, "--datadir=" + directory.resolve("data"), "--tmpdir=" + directory,
				"--port=" + port, "--socket=" + directory.resolve("mariadbd.sock"), "--bind-address=127.0.0.1",
				"--skip-grant-tables", "--skip-log-bin", "--skip-ssl", "--innodb-flush-log-at-trx-commit=2",
				"--max-connections=" + MAX_CONNECTIONS));
		if ("root".equals(System.getProperty("user.name"))) {
			command.add("--user=root");
		}
		Process process = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(directory.resolve("mariadbd.log").toFile())
			.start();
		ScaleServer server = new ScaleServer(directory, port, process);
		server.awaitConnections();
		return server;
	}

	String url(String database) {
		return "jdbc:mysql://127.0.0.1:" + this.port + "/" + database;
	}

	long status(String variable) throws SQLException {
		return Long.parseLong(query(
				"SELECT VARIABLE_VALUE FROM information_schema.GLOBAL_STATUS WHERE VARIABLE_NAME = '" + variable + "'")
			.get(0));
	}

	/**
	 * Private schemas on the server: what the runs left behind, once they have ended.
	 */
	List<String> privateSchemas() throws SQLException {
		return query("SELECT SCHEMA_NAME FROM information_schema.SCHEMATA WHERE SCHEMA_NAME RLIKE "
				+ "'^dbiso_[a-z0-9]{8}_[0-9]+$'");
	}

	private List<String> query(String sql) throws SQLException {
		List<String> values = new ArrayList<>();
		try (Connection connection = DriverManager.getConnection(url(""), "root", "");
				Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery(sql)) {
			while (result.next()) {
				values.add(result.getString(1));
			}
		}
		return values;
	}

	private void awaitConnections() throws Exception {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
		while (true) {
			try (Connection ignored = DriverManager.getConnection(url(""), "root", "")) {
				return;
			}
			catch (SQLException ex) {
				if (System.nanoTime() > deadline || !this.process.isAlive()) {
					close();
					throw new IllegalStateException("mariadbd did not start; see " + this.directory, ex);
				}
				TimeUnit.MILLISECONDS.sleep(100);
			}
		}
	}

	@Override
	public void close() throws Exception {
		this.process.destroy();
		if (!this.process.waitFor(30, TimeUnit.SECONDS)) {
			this.process.destroyForcibly().waitFor();
		}
		try (Stream<Path> paths = Files.walk(this.directory)) {
			for (Path path : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
				Files.delete(path);
			}
		}
	}

	private static Path installation(Path cacheDirectory) throws IOException {
		if (Files.isDirectory(cacheDirectory)) {
			try (Stream<Path> versions = Files.list(cacheDirectory)) {
				Path found = versions
					.filter((path) -> Files.exists(path.resolve("base/.complete"))
							&& Files.isDirectory(path.resolve("pristine-data")))
					.findFirst()
					.orElse(null);
				if (found != null) {
					return found;
				}
			}
		}
		// unpacks and initialises the installation once
		EmbeddedMariaDb.obtain(cacheDirectory);
		return installation(cacheDirectory);
	}

	private static void copyTree(Path source, Path target) throws IOException {
		try (Stream<Path> paths = Files.walk(source)) {
			for (Path path : (Iterable<Path>) paths::iterator) {
				Files.copy(path, target.resolve(source.relativize(path).toString()));
			}
		}
	}

}
