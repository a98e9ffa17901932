package io.dbisolation.fault.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A PostgreSQL server of one test's own: a fresh cluster ({@code initdb}) of the
 * machine's PostgreSQL 15 in a temporary directory, on a free port, with no template,
 * registry or database of DbIsolation's yet. Never the machine's shared server.
 * PostgreSQL refuses to run as root, so a JVM running as root runs it as {@code nobody},
 * as the embedded PostgreSQL does. Closing it (or the JVM's exit) stops it and deletes
 * its files.
 */
public final class DisposablePostgres implements AutoCloseable {

	/** Where Debian's PostgreSQL 15 keeps its programs. */
	public static final Path BINARIES = Path.of("/usr/lib/postgresql/15/bin");

	/** The account the server runs as when the JVM is root. */
	private static final String UNPRIVILEGED = "nobody";

	private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

	private final Path home;

	private final int port;

	private final Thread shutdownHook;

	private Process process;

	private DisposablePostgres(Path home, int port) {
		this.home = home;
		this.port = port;
		this.shutdownHook = new Thread(this::destroy, "disposable-postgres-" + port);
	}

	/**
	 * Whether the machine has the PostgreSQL 15 binaries this server needs.
	 * @return {@code true} if it has
	 */
	public static boolean isInstalled() {
		return Files.isExecutable(BINARIES.resolve("postgres")) && Files.isExecutable(BINARIES.resolve("initdb"));
	}

	/**
	 * Creates a cluster and starts its server.
	 * @return the running server
	 */
	public static DisposablePostgres start() {
		try {
			Path home = Files.createTempDirectory("dbiso-fault-pg-");
			DisposablePostgres server = new DisposablePostgres(home, ServerProcess.freePort());
			Runtime.getRuntime().addShutdownHook(server.shutdownHook);
			try {
				server.initialise();
				server.launch();
			}
			catch (IOException | RuntimeException ex) {
				server.close();
				throw ex;
			}
			return server;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	public int port() {
		return this.port;
	}

	/**
	 * The URL of a database on this server, as an application would configure it.
	 * @param database the database
	 * @return a PostgreSQL JDBC URL
	 */
	public String url(String database) {
		return "jdbc:postgresql://127.0.0.1:" + this.port + "/" + database;
	}

	/**
	 * The Spring properties that point an application at a database of this server.
	 * @param database the database
	 * @return {@code spring.datasource.*} properties
	 */
	public Map<String, String> dataSourceProperties(String database) {
		return Map.of("spring.datasource.url", url(database), "spring.datasource.username", "postgres",
				"spring.datasource.password", "");
	}

	/**
	 * Opens a connection as the superuser {@code postgres}.
	 * @param database the database
	 * @return a new connection
	 * @throws SQLException if the server does not answer
	 */
	public Connection connect(String database) throws SQLException {
		return DriverManager.getConnection(url(database), "postgres", "");
	}

	/**
	 * Runs statements, each on the same new connection to a database.
	 * @param database the database
	 * @param statements the statements
	 */
	public void execute(String database, String... statements) {
		try (Connection connection = connect(database); Statement statement = connection.createStatement()) {
			for (String sql : statements) {
				statement.execute(sql);
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Could not run " + List.of(statements) + ": " + ex.getMessage(), ex);
		}
	}

	/**
	 * The first column of every row of a query.
	 * @param database the database to query
	 * @param sql the query
	 * @return the values
	 */
	public List<String> queryForStrings(String database, String sql) {
		List<String> values = new ArrayList<>();
		try (Connection connection = connect(database);
				Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery(sql)) {
			while (result.next()) {
				values.add(result.getString(1));
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Could not run '" + sql + "': " + ex.getMessage(), ex);
		}
		return values;
	}

	/**
	 * Every database on the server but PostgreSQL's own templates.
	 * @return the names
	 */
	public List<String> databases() {
		return queryForStrings("postgres", "SELECT datname FROM pg_database WHERE NOT datistemplate ORDER BY datname");
	}

	/**
	 * The databases whose names have the form DbIsolation gives private databases.
	 * @return the names
	 */
	public List<String> privateDatabases() {
		return databases().stream().filter((name) -> DisposableMariaDb.PRIVATE_SCHEMA.matcher(name).matches()).toList();
	}

	/**
	 * The databases whose names have the form DbIsolation gives templates.
	 * @return the names
	 */
	public List<String> templates() {
		return databases().stream().filter((name) -> DisposableMariaDb.TEMPLATE.matcher(name).matches()).toList();
	}

	/**
	 * Stops the server and deletes its files.
	 */
	@Override
	public void close() {
		destroy();
		try {
			Runtime.getRuntime().removeShutdownHook(this.shutdownHook);
		}
		catch (IllegalStateException ignored) {
			// the JVM is exiting: the hook runs or ran already
		}
	}

	@Override
	public String toString() {
		return "disposable PostgreSQL on port " + this.port + " in '" + this.home + "'";
	}

	private void initialise() throws IOException {
		Path data = this.home.resolve("data");
		Files.createDirectories(data);
		if (runsAsRoot()) {
			UserPrincipal server = this.home.getFileSystem()
				.getUserPrincipalLookupService()
				.lookupPrincipalByName(UNPRIVILEGED);
			Files.setOwner(this.home, server);
			Files.setOwner(data, server);
		}
		Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwx------"));
		Path log = this.home.resolve("initdb.log");
		Process initdb = new ProcessBuilder(asServer(BINARIES.resolve("initdb").toString(), "-D", data.toString(), "-U",
				"postgres", "-A", "trust", "-E", "UTF8", "--locale=C", "--no-sync"))
			.redirectErrorStream(true)
			.redirectOutput(log.toFile())
			.start();
		try {
			if (!initdb.waitFor(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS) || initdb.exitValue() != 0) {
				initdb.destroyForcibly();
				throw new IOException("initdb failed:\n" + Files.readString(log));
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			initdb.destroyForcibly();
			throw new IOException("Interrupted while initdb ran", ex);
		}
	}

	private void launch() throws IOException {
		Path data = this.home.resolve("data");
		// room for ten JVMs' pools and owner sessions; no durability, which tests do not
		// need
		this.process = ServerProcess.start("postgres",
				asServer(BINARIES.resolve("postgres").toString(), "-D", data.toString(), "-p",
						Integer.toString(this.port), "-h", "127.0.0.1", "-k", data.toString(), "-c", "fsync=off", "-c",
						"synchronous_commit=off", "-c", "full_page_writes=off", "-c", "max_connections=300"),
				this.home.resolve("postgres.log"), () -> connect("postgres"));
	}

	private synchronized void destroy() {
		if (this.process != null && this.process.isAlive()) {
			// SIGTERM: PostgreSQL's smart shutdown; killed if a session keeps it up
			this.process.destroy();
			ServerProcess.awaitExit(this.process);
		}
		try {
			ServerProcess.delete(this.home);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * A command as the server's account: as is, or as {@code nobody} when the JVM is root
	 * ({@code setpriv} execs the program, so the process is the program's).
	 */
	private static List<String> asServer(String... command) {
		List<String> wrapped = new ArrayList<>();
		if (runsAsRoot()) {
			wrapped.addAll(List.of("setpriv", "--reuid=" + UNPRIVILEGED, "--regid=nogroup", "--clear-groups"));
		}
		wrapped.addAll(List.of(command));
		return wrapped;
	}

	private static boolean runsAsRoot() {
		return "root".equals(System.getProperty("user.name"));
	}

}
