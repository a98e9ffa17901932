package io.dbisolation.context;

import java.lang.reflect.Method;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import io.dbisolation.dialect.JdbcUrl;
import io.dbisolation.test.DbIsolationException;

/**
 * What DbIsolation needs to know of Testcontainers, read by reflection so that the
 * library does not depend on it: the container a {@code jdbc:tc:} URL starts, and whether
 * a Spring Boot connection details bean comes from a container.
 */
final class TestcontainersSupport {

	private static final Log logger = LogFactory.getLog(TestcontainersSupport.class);

	private static final String CONTAINER_DRIVER = "org.testcontainers.jdbc.ContainerDatabaseDriver";

	private static final String CONTAINER_CONNECTION_DETAILS = "org.springframework.boot.testcontainers.service.connection.ContainerConnectionDetailsFactory$ContainerConnectionDetails";

	/**
	 * One connection per {@code jdbc:tc:} URL, held for the JVM's life: Testcontainers
	 * stops such a container when its last connection closes, and the application's
	 * connections go to the container's real URL instead.
	 */
	private static final List<Connection> holds = new CopyOnWriteArrayList<>();

	private TestcontainersSupport() {
	}

	/**
	 * Starts, or finds, the container of a {@code jdbc:tc:} URL.
	 * @param url the URL
	 * @return the container's real address; its password is also its root password
	 */
	static synchronized ServerAddress startedBy(String url) {
		try {
			Connection hold = DriverManager.getConnection(url);
			Object container = containerOf(url);
			if (container == null) {
				hold.close();
				throw new IllegalStateException("Testcontainers started no container for it");
			}
			holds.add(hold);
			return new ServerAddress(Reflection.text(container, container.getClass(), "getJdbcUrl"),
					Reflection.text(container, container.getClass(), "getUsername"),
					Reflection.text(container, container.getClass(), "getPassword"), true);
		}
		catch (SQLException | ReflectiveOperationException | RuntimeException ex) {
			throw new DbIsolationException(
					"Could not start the container of the Testcontainers URL '" + JdbcUrl.withoutSecrets(url) + "': "
							+ ex.getMessage() + ". Check that a Docker engine is reachable (Testcontainers' log says "
							+ "which it tried) and that the image the URL names exists.",
					ex);
		}
	}

	private static Object containerOf(String url) throws ReflectiveOperationException {
		Class<?> driver = Class.forName(CONTAINER_DRIVER, true, TestcontainersSupport.class.getClassLoader());
		Method getContainer = driver.getDeclaredMethod("getContainer", String.class);
		getContainer.setAccessible(true);
		return getContainer.invoke(null, url);
	}

	/**
	 * Whether a connection details bean is backed by a Testcontainers container, as
	 * {@code @ServiceConnection} makes them.
	 * @param details the bean
	 * @return {@code true} if it comes from a container
	 */
	static boolean isContainerDetails(Object details) {
		for (Class<?> type = details.getClass(); type != null; type = type.getSuperclass()) {
			if (CONTAINER_CONNECTION_DETAILS.equals(type.getName())) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Closes the connections that kept {@code jdbc:tc:} containers running, at JVM exit
	 * after the schemas in them were dropped.
	 */
	static void release() {
		for (Connection hold : holds) {
			try {
				hold.close();
			}
			catch (SQLException | RuntimeException ex) {
				logger.debug("Could not release a Testcontainers connection", ex);
			}
		}
		holds.clear();
	}

}
