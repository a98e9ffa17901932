package io.dbisolation.fault.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A MariaDB server of one test's own, which it may kill, restart and configure: its own
 * process on a free port with its own data directory, copied from the pristine data
 * directory that the embedded server's installation keeps. Never the machine's shared
 * servers. Closing it (or the JVM's exit) stops it and deletes its files.
 */
public final class DisposableMariaDb implements AutoCloseable {

	/** The names DbIsolation gives private schemas. */
	public static final Pattern PRIVATE_SCHEMA = Pattern.compile("dbiso_[a-z0-9]{8}_[0-9]{1,9}");

	/** The names DbIsolation gives templates. */
	public static final Pattern TEMPLATE = Pattern.compile("dbiso_tpl_[0-9a-f]{16}");

	private final Path home;

	private final int port;

	private final List<String> command;

	private final Thread shutdownHook;

	private Process process;

	private DisposableMariaDb(Path home, int port, List<String> command) {
		this.home = home;
		this.port = port;
		this.command = command;
		this.shutdownHook = new Thread(this::destroy, "disposable-mariadb-" + port);
	}

	/**
	 * Starts a server.
	 * @param options further server options, such as {@code --wait-timeout=3}
	 * @return the running server
	 */
	public static DisposableMariaDb start(String... options) {
		Path installation = MariaDbInstallation.home();
		try {
			Path home = Files.createTempDirectory("dbiso-fault-");
			MariaDbInstallation.copy(installation.resolve("pristine-data"), home.resolve("data"));
			Files.createDirectories(home.resolve("tmp"));
			int port = ServerProcess.freePort();
			Path base = installation.resolve("base");
			List<String> command = new ArrayList<>(
					List.of(base.resolve("bin/mariadbd").toString(), "--no-defaults", "--basedir=" + base,
							"--datadir=" + home.resolve("data"), "--tmpdir=" + home.resolve("tmp"), "--port=" + port,
							"--socket=" + home.resolve("mariadbd.sock"), "--pid-file=" + home.resolve("mariadbd.pid"),
							"--bind-address=127.0.0.1", "--skip-grant-tables", "--skip-log-bin", "--skip-ssl",
							"--innodb-buffer-pool-size=64M", "--innodb-flush-log-at-trx-commit=2"));
			command.addAll(List.of(options));
			if ("root".equals(System.getProperty("user.name"))) {
				// mariadbd refuses to run as root unless told to
				command.add("--user=root");
			}
			DisposableMariaDb server = new DisposableMariaDb(home, port, command);
			Runtime.getRuntime().addShutdownHook(server.shutdownHook);
			server.launch();
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
	 * @return a mysql-connector-j URL
	 */
	public String url(String database) {
		return "jdbc:mysql://127.0.0.1:" + this.port + "/" + database;
	}

	/**
	 * The Spring properties that point an application at this server.
	 * @param url the URL, see {@link #url(String)}
	 * @return {@code spring.datasource.*} properties
	 */
	public Map<String, String> dataSourceProperties(String url) {
		return Map.of("spring.datasource.url", url, "spring.datasource.username", "root", "spring.datasource.password",
				"");
	}

	/**
	 * Opens a connection as root.
	 * @return a new connection
	 * @throws SQLException if the server does not answer
	 */
	public Connection connect() throws SQLException {
		return DriverManager.getConnection(url(""), "root", "");
	}

	/**
	 * Runs statements, each on the same new connection.
	 * @param statements the statements
	 */
	public void execute(String... statements) {
		try (Connection connection = connect(); Statement statement = connection.createStatement()) {
			for (String sql : statements) {
				statement.execute(sql);
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Could not run " + List.of(statements) + ": " + ex.getMessage(), ex);
		}
	}

	/**
	 * The first column of a query's first row.
	 * @param sql the query, with {@code ?} for the arguments
	 * @param arguments the arguments
	 * @return the value, {@code null} for SQL NULL
	 */
	public String queryForString(String sql, Object... arguments) {
		try (Connection connection = connect(); PreparedStatement statement = connection.prepareStatement(sql)) {
			for (int i = 0; i < arguments.length; i++) {
				statement.setObject(i + 1, arguments[i]);
			}
			try (ResultSet result = statement.executeQuery()) {
				return result.next() ? result.getString(1) : null;
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Could not run '" + sql + "': " + ex.getMessage(), ex);
		}
	}

	/**
	 * The rows of a table.
	 * @param schema the schema
	 * @param table the table
	 * @return how many rows it has
	 */
	public long rowCount(String schema, String table) {
		return Long.parseLong(queryForString("SELECT COUNT(*) FROM `" + schema + "`.`" + table + "`"));
	}

	/**
	 * Every schema on the server.
	 * @return the names
	 */
	public List<String> schemas() {
		List<String> names = new ArrayList<>();
		try (Connection connection = connect();
				Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery("SELECT SCHEMA_NAME FROM information_schema.SCHEMATA")) {
			while (result.next()) {
				names.add(result.getString(1));
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Could not list the schemas: " + ex.getMessage(), ex);
		}
		return names;
	}

	/**
	 * The schemas whose names have the form DbIsolation gives private schemas.
	 * @return the names
	 */
	public List<String> privateSchemas() {
		return schemas().stream().filter((name) -> PRIVATE_SCHEMA.matcher(name).matches()).sorted().toList();
	}

	/**
	 * The schemas whose names have the form DbIsolation gives templates.
	 * @return the names
	 */
	public List<String> templates() {
		return schemas().stream().filter((name) -> TEMPLATE.matcher(name).matches()).sorted().toList();
	}

	public boolean schemaExists(String name) {
		return schemas().contains(name);
	}

	/**
	 * Whether a session is dropping a schema now, such as one that waits for another
	 * session's transaction on its tables to end.
	 * @param schema the schema
	 * @return {@code true} if a {@code DROP DATABASE} or {@code DROP SCHEMA} naming it
	 * runs
	 */
	public boolean isDropping(String schema) {
		return Long.parseLong(queryForString("SELECT COUNT(*) FROM information_schema.PROCESSLIST "
				+ "WHERE INFO REGEXP '^DROP (DATABASE|SCHEMA)' AND LOCATE(?, INFO) > 0", schema)) > 0;
	}

	/**
	 * The session that holds a user-level lock.
	 * @param name the lock's name
	 * @return the session's connection id, {@code null} if no session holds it
	 */
	public Long lockHolder(String name) {
		String id = queryForString("SELECT IS_USED_LOCK(?)", name);
		return (id != null) ? Long.valueOf(id) : null;
	}

	/**
	 * Kills the server process with SIGKILL, as a crash or an OOM killer would.
	 */
	public void kill9() {
		this.process.destroyForcibly();
		ServerProcess.awaitExit(this.process);
	}

	/**
	 * Starts the server again on the same port and data directory.
	 */
	public void restart() {
		if (this.process.isAlive()) {
			throw new IllegalStateException("The server on port " + this.port + " still runs");
		}
		try {
			launch();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
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
		return "disposable MariaDB on port " + this.port + " in '" + this.home + "'";
	}

	private void launch() throws IOException {
		this.process = ServerProcess.start("mariadbd", this.command, this.home.resolve("mariadbd.log"), this::connect);
	}

	private synchronized void destroy() {
		if (this.process != null && this.process.isAlive()) {
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

}
