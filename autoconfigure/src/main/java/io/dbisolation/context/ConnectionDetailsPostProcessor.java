package io.dbisolation.context;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Set;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.util.ClassUtils;

import io.dbisolation.test.DbIsolation.Mode;

/**
 * Points Spring Boot's connection details at the context's private schema. The JDBC
 * details say where the application connects, so their bean decides the context's server
 * (a {@code @ServiceConnection} container's, or the configured one); Flyway's and
 * Liquibase's details, which make those tools open connections of their own, are pointed
 * at the same schema. Before the properties that configure the DataSource, Flyway or
 * Liquibase are bound, the server is decided, so that they see the private schema too.
 * Works by interface name: Spring Boot's JDBC, Flyway and Liquibase modules are optional.
 */
final class ConnectionDetailsPostProcessor implements BeanPostProcessor {

	private static final String JDBC = "org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails";

	private static final String PROPERTIES_JDBC = "org.springframework.boot.jdbc.autoconfigure.PropertiesJdbcConnectionDetails";

	private static final Set<String> MIGRATION = Set.of(
			"org.springframework.boot.flyway.autoconfigure.FlywayConnectionDetails",
			"org.springframework.boot.liquibase.autoconfigure.LiquibaseConnectionDetails");

	/** Properties beans bound from the settings that decide where connections go. */
	private static final Set<String> CONNECTION_PROPERTIES = Set.of(
			"org.springframework.boot.jdbc.autoconfigure.DataSourceProperties",
			"org.springframework.boot.flyway.autoconfigure.FlywayProperties",
			"org.springframework.boot.liquibase.autoconfigure.LiquibaseProperties");

	private final ContextTarget target;

	private final Mode mode;

	ConnectionDetailsPostProcessor(ContextTarget target, Mode mode) {
		this.target = target;
		this.mode = mode;
	}

	@Override
	public Object postProcessBeforeInitialization(Object bean, String beanName) {
		if (CONNECTION_PROPERTIES.contains(bean.getClass().getName())) {
			// before they are bound, so that they are bound to the private schema
			this.target.decide(null);
		}
		return bean;
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		Class<?> jdbc = find(bean, JDBC);
		if (jdbc != null) {
			return jdbcDetails(bean, jdbc);
		}
		for (String name : MIGRATION) {
			Class<?> migration = find(bean, name);
			if (migration != null && this.mode != Mode.TRANSACTION) {
				return migrationDetails(bean, migration);
			}
		}
		return bean;
	}

	private Object jdbcDetails(Object details, Class<?> type) {
		ServerAddress address = null;
		if (TestcontainersSupport.isContainerDetails(details)) {
			address = new ServerAddress(Reflection.text(details, type, "getJdbcUrl"),
					Reflection.text(details, type, "getUsername"), Reflection.text(details, type, "getPassword"), true);
		}
		else if (!PROPERTIES_JDBC.equals(details.getClass().getName())) {
			// a connection details bean of the application's own, or Docker Compose's
			String url = Reflection.text(details, type, "getJdbcUrl");
			address = (url != null) ? ServerAddress.of(url, Reflection.text(details, type, "getUsername"),
					Reflection.text(details, type, "getPassword")) : null;
		}
		ContextTarget.Decision decision = this.target.decide(address);
		return (decision.url() != null) ? pointedAtTheSchema(details, type, decision) : details;
	}

	private Object migrationDetails(Object details, Class<?> type) {
		if (Reflection.text(details, type, "getJdbcUrl") == null) {
			// the tool uses the application's DataSource, which is isolated already
			return details;
		}
		return pointedAtTheSchema(details, type, this.target.decide(null));
	}

	private static Object pointedAtTheSchema(Object details, Class<?> type, ContextTarget.Decision decision) {
		ContextTarget.Account account = decision.account();
		// the embedded server's, or a jdbc:tc: URL's container's: not what the
		// application
		// configured, so neither is its driver
		boolean derived = account != null;
		return proxy(details, type, (proxy, method, args) -> switch (method.getName()) {
			case "getJdbcUrl" -> decision.url();
			case "getUsername" -> (account != null) ? account.username() : invoke(details, method, args);
			case "getPassword" -> (account != null) ? account.password() : invoke(details, method, args);
			case "getDriverClassName", "getXaDataSourceClassName" ->
				derived ? InvocationHandler.invokeDefault(proxy, method, args) : invoke(details, method, args);
			default -> invoke(details, method, args);
		});
	}

	private static Object proxy(Object details, Class<?> type, InvocationHandler handler) {
		return Proxy.newProxyInstance(details.getClass().getClassLoader(), new Class<?>[] { type }, handler);
	}

	private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
		try {
			return method.invoke(target, args);
		}
		catch (InvocationTargetException ex) {
			throw ex.getTargetException();
		}
	}

	private static Class<?> find(Object bean, String interfaceName) {
		for (Class<?> type : ClassUtils.getAllInterfacesForClassAsSet(bean.getClass())) {
			if (type.getName().equals(interfaceName)) {
				return type;
			}
		}
		return null;
	}

}
