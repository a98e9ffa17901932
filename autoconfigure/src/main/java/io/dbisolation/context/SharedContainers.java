package io.dbisolation.context;

import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.AbstractBeanDefinition;
import org.springframework.util.ClassUtils;

/**
 * One database container per JVM for a container declared as a {@code @Bean}. Spring Boot
 * makes such a bean, and starts a container, for every test context that imports its
 * configuration; DbIsolation gives each context a private schema, so they can all share
 * the first one: a later context's bean of the same class, image and settings is replaced
 * by the running container before Spring Boot would start it, and the container is
 * stopped at JVM exit instead of when its first context closes. Containers that differ in
 * anything that shapes them are not shared.
 */
final class SharedContainers {

	private static final Log logger = LogFactory.getLog(SharedContainers.class);

	static final String JDBC_CONTAINER = "org.testcontainers.containers.JdbcDatabaseContainer";

	/**
	 * Called instead of {@code close()} when a context closes: a harmless getter, because
	 * an empty destroy method would make Spring Boot close the container itself.
	 */
	private static final String KEEP_RUNNING = "getContainerId";

	private static final Map<String, Object> containers = new ConcurrentHashMap<>();

	private SharedContainers() {
	}

	static boolean isPresent(ClassLoader classLoader) {
		return ClassUtils.isPresent(JDBC_CONTAINER, classLoader);
	}

	/**
	 * Makes a context share the database containers it declares as beans.
	 * @param beanFactory the context's bean factory
	 */
	static void share(ConfigurableListableBeanFactory beanFactory) {
		beanFactory.addBeanPostProcessor(new Sharing());
	}

	/**
	 * Keeps a context's database containers running when it closes: those of its
	 * {@code @Bean} methods, and those of static fields, which other contexts share.
	 * @return the post-processor
	 */
	static BeanFactoryPostProcessor keepRunning() {
		return (beanFactory) -> {
			Class<?> type = ClassUtils.resolveClassName(JDBC_CONTAINER, beanFactory.getBeanClassLoader());
			for (String name : beanFactory.getBeanNamesForType(type, true, false)) {
				if (beanFactory.containsBeanDefinition(name)
						&& beanFactory.getBeanDefinition(name) instanceof AbstractBeanDefinition definition
						&& BeanDefinition.SCOPE_SINGLETON.equals(scopeOf(definition))) {
					definition.setDestroyMethodName(KEEP_RUNNING);
				}
			}
		};
	}

	private static String scopeOf(BeanDefinition definition) {
		String scope = definition.getScope();
		return (scope == null || scope.isEmpty()) ? BeanDefinition.SCOPE_SINGLETON : scope;
	}

	/**
	 * Stops the containers that were shared, at JVM exit.
	 */
	static void stopAll() {
		containers.values().forEach((container) -> {
			try {
				Reflection.call(container, container.getClass(), "stop");
			}
			catch (RuntimeException ex) {
				logger.debug("Could not stop a shared container", ex);
			}
		});
		containers.clear();
	}

	/**
	 * What shapes a container, read before it starts (starting adds to its environment);
	 * not its network alias, which is random for every instance.
	 */
	private static String keyOf(Object container) {
		StringBuilder key = new StringBuilder(container.getClass().getName());
		for (String property : new String[] { "getDockerImageName", "getEnvMap", "getCommandParts", "getExposedPorts",
				"getLabels", "getPortBindings" }) {
			Object value = Reflection.call(container, container.getClass(), property);
			key.append('|')
				.append(property)
				.append('=')
				.append((value instanceof Object[] array) ? Arrays.toString(array) : value);
		}
		return key.toString();
	}

	/**
	 * Replaces a container bean by a running one of the same shape.
	 */
	private static final class Sharing implements BeanPostProcessor {

		@Override
		public Object postProcessBeforeInitialization(Object bean, String beanName) {
			if (!isJdbcContainer(bean.getClass())) {
				return bean;
			}
			synchronized (containers) {
				if (containers.values().stream().anyMatch((known) -> known == bean)) {
					// a static field's container, seen again in another context
					return bean;
				}
			}
			String key;
			try {
				key = keyOf(bean);
			}
			catch (RuntimeException ex) {
				logger.debug("Container bean '" + beanName + "' is not shared: its settings could not be read", ex);
				return bean;
			}
			Object shared;
			synchronized (containers) {
				shared = containers.putIfAbsent(key, bean);
				if (shared == null) {
					logger.info("Container bean '" + beanName + "' serves every test context of this JVM that "
							+ "declares the same container; it stops when the JVM exits");
					shared = bean;
				}
				else {
					logger.debug("Container bean '" + beanName + "' is the container of an earlier test context");
				}
				// started here, once: contexts starting in parallel would each start it
				start(shared);
			}
			return shared;
		}

		private static void start(Object container) {
			Reflection.call(container, container.getClass(), "start");
		}

		private static boolean isJdbcContainer(Class<?> type) {
			for (Class<?> each = type; each != null; each = each.getSuperclass()) {
				if (JDBC_CONTAINER.equals(each.getName())) {
					return true;
				}
			}
			return false;
		}

	}

}
