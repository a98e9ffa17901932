package io.dbisolation.context;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.dbisolation.schema.SchemaNames;
import io.dbisolation.schema.SchemaOwner;
import io.dbisolation.server.DatabaseServer;
import io.dbisolation.server.EmbeddedMariaDb;
import io.dbisolation.server.EmbeddedPostgres;
import io.dbisolation.test.DbIsolationException;

/**
 * The JVM-wide part of DbIsolation, in one holder: one {@link SchemaOwner} per server,
 * shared by every test context of the JVM. At JVM exit, what is still owned is dropped.
 */
final class SharedServers {

	static final SharedServers INSTANCE = new SharedServers();

	private final Map<String, SchemaOwner> owners = new ConcurrentHashMap<>();

	private static final String EMBEDDED = "embedded";

	private static final String ROOT = "root";

	private SharedServers() {
		Runtime.getRuntime().addShutdownHook(new Thread(this::shutdown, "dbisolation-shutdown"));
	}

	/**
	 * The owner for a server the application connects to. On a Testcontainers container
	 * whose application user may use only its own database (MySQL's and MariaDB's),
	 * schemas are created as the container's {@code root} (whose password Testcontainers
	 * sets to the user's), and the user is granted the private schemas. A user that may
	 * create them, such as a PostgreSQL container's (a superuser), creates them itself.
	 * @param address where the application connects
	 * @return the owner, created on first use
	 */
	SchemaOwner configured(ServerAddress address) {
		String key = address.server() + "|" + address.username();
		return this.owners.computeIfAbsent(key, (ignored) -> open(address));
	}

	private static SchemaOwner open(ServerAddress address) {
		DatabaseServer server = DatabaseServer.configured(address.url(), address.username(), address.password());
		boolean applicationUser = address.username() == null || ROOT.equals(address.username());
		// a container's URL may also come as properties (@DynamicPropertySource), where
		// only root's password tells a container from another server
		if (!applicationUser && !mayCreateSchemas(server)
				&& (address.container() || (SharedContainers.isPresent(SharedServers.class.getClassLoader())
						&& rootHasTheSamePassword(address)))) {
			return openAsRoot(address);
		}
		return SchemaOwner.open(server);
	}

	private static SchemaOwner openAsRoot(ServerAddress address) {
		SchemaOwner owner = SchemaOwner.open(DatabaseServer.configured(address.url(), ROOT, address.password()));
		try (Connection admin = owner.server().connect("");
				Connection application = DriverManager.getConnection(address.url(), address.username(),
						address.password())) {
			owner.server()
				.dialect()
				.grantSchemasStartingWith(admin, owner.server().dialect().account(application), SchemaNames.PREFIX);
		}
		catch (SQLException ex) {
			owner.close();
			throw new DbIsolationException("Could not let the user '" + address.username() + "' of the container '"
					+ owner.server() + "' use DbIsolation's schemas: " + ex.getMessage()
					+ ". Connect as 'root' (withUsername(\"root\") on the container), or grant the user "
					+ "CREATE and DROP on `dbiso\\_%`.*.", ex);
		}
		return owner;
	}

	/**
	 * Whether the user may create DbIsolation's schemas, found by creating its registry.
	 */
	private static boolean mayCreateSchemas(DatabaseServer server) {
		try (Connection connection = server.connect("")) {
			server.dialect().createRegistry(connection, SchemaNames.REGISTRY);
			return true;
		}
		catch (SQLException ex) {
			return !server.dialect().isAccessDenied(ex);
		}
	}

	/**
	 * Whether the server's root account has the application user's password, as in every
	 * Testcontainers MySQL or MariaDB container.
	 */
	private static boolean rootHasTheSamePassword(ServerAddress address) {
		try (Connection ignored = DriverManager.getConnection(address.url(), ROOT, address.password())) {
			return true;
		}
		catch (SQLException ex) {
			return false;
		}
	}

	/**
	 * The owner for the embedded server, starting or joining it on first use: PostgreSQL
	 * for an application whose only JDBC driver is PostgreSQL's, MariaDB otherwise. Its
	 * schemas are dropped at JVM exit before the server may stop.
	 * @param cacheDirectory where the embedded server keeps its files
	 * @return the owner
	 */
	SchemaOwner embedded(Path cacheDirectory) {
		return this.owners.computeIfAbsent(EMBEDDED, (ignored) -> {
			if (EmbeddedPostgres.isTheDefault(SharedServers.class.getClassLoader())) {
				EmbeddedPostgres postgres = EmbeddedPostgres.obtain(cacheDirectory);
				SchemaOwner owner = SchemaOwner.open(postgres.server());
				postgres.beforeStop(owner::close);
				return owner;
			}
			EmbeddedMariaDb embedded = EmbeddedMariaDb.obtain(cacheDirectory);
			SchemaOwner owner = SchemaOwner.open(embedded.server());
			embedded.beforeStop(owner::close);
			return owner;
		});
	}

	private void shutdown() {
		this.owners.forEach((key, owner) -> {
			if (!EMBEDDED.equals(key)) {
				owner.close();
			}
		});
		TestcontainersSupport.release();
		SharedContainers.stopAll();
	}

}
