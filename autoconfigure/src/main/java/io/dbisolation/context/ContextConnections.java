package io.dbisolation.context;

import java.sql.Connection;
import java.sql.SQLException;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.zaxxer.hikari.HikariConfigMXBean;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.DefaultSingletonBeanRegistry;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ApplicationContextEvent;
import org.springframework.context.event.ContextPausedEvent;
import org.springframework.context.event.ContextRefreshedEvent;
import org.springframework.context.event.ContextRestartedEvent;
import org.springframework.test.context.cache.ContextCache;
import org.springframework.test.context.cache.ContextCacheUtils;
import org.springframework.core.SpringVersion;
import org.springframework.util.ClassUtils;
import org.springframework.util.ReflectionUtils;

import io.dbisolation.autoconfigure.DbIsolationProperties;
import io.dbisolation.report.RunRecorder;
import io.dbisolation.schema.ConnectionSlots;
import io.dbisolation.schema.SchemaOwner;

/**
 * The connections of one test context, within its server's connection budget. The
 * context's pools get the size the application asked for; the slots for them are taken
 * before the context refreshes (waiting for other contexts, of this JVM or any other, to
 * give theirs back) and held while it runs tests. When Spring pauses the cached context
 * (on a switch to another context), its Hikari pools close their connections and the
 * slots are given back; when Spring restarts it, they are taken again. Closing the
 * context, or a failed refresh, gives them back for good.
 */
final class ContextConnections implements ApplicationListener<ApplicationContextEvent> {

	private static final String BEAN_NAME = "dbIsolationContextConnections";

	/** Connections of the server left for clients other than test contexts. */
	static final int RESERVED_CONNECTIONS = 10;

	private static final String POOL_SIZE_PROPERTY = "spring.datasource.hikari.maximum-pool-size";

	private static final String MINIMUM_IDLE_PROPERTY = "spring.datasource.hikari.minimum-idle";

	private static final int HIKARI_DEFAULT_POOL_SIZE = 10;

	private static final boolean HIKARI_PRESENT = ClassUtils.isPresent("com.zaxxer.hikari.HikariDataSource",
			ContextConnections.class.getClassLoader());

	private static final Log logger = LogFactory.getLog(ContextConnections.class);

	private final ApplicationContext context;

	private final ConnectionSlots slots;

	private final int budget;

	private final Duration wait;

	private final List<Object> pools = new ArrayList<>();

	private final List<ConnectionSlots.Lease> leases = new ArrayList<>();

	private final Map<Object, Integer> minimumIdle = new HashMap<>();

	private final int poolsPerPool;

	private int count;

	private boolean closed;

	private ContextConnections(ApplicationContext context, ConnectionSlots slots, int budget, Duration wait,
			int poolsPerPool, int count) {
		this.context = context;
		this.slots = slots;
		this.budget = budget;
		this.wait = wait;
		this.poolsPerPool = poolsPerPool;
		this.count = count;
	}

	/**
	 * Takes the slots for a context's pool before it refreshes, and gives them back while
	 * the context is paused and when it is closed.
	 * @param context the context being prepared
	 * @param owner the owner of the server's schemas
	 * @param properties the settings
	 * @param testsHavePools whether each running test has a pool of its own, the size of
	 * the application's, besides the context's ({@code SCHEMA_PER_TEST} where a
	 * connection cannot be switched to the test's database): twice the connections are
	 * counted
	 * @return properties the context's environment must have: the pools keep the
	 * application's size, and open one connection at first unless it says otherwise
	 */
	static Map<String, Object> reserve(ConfigurableApplicationContext context, SchemaOwner owner,
			DbIsolationProperties properties, boolean testsHavePools) {
		int budget = (properties.getConnectionBudget() != null) ? properties.getConnectionBudget()
				: owner.server().maxConnections() - RESERVED_CONNECTIONS;
		// the run's report draws it against the connections in use
		RunRecorder.budget(budget);
		int poolsPerPool = (testsHavePools) ? 2 : 1;
		int count = poolsPerPool
				* context.getEnvironment().getProperty(POOL_SIZE_PROPERTY, Integer.class, HIKARI_DEFAULT_POOL_SIZE);
		ContextConnections connections = new ContextConnections(context, owner.connectionSlots(), budget,
				properties.getConnectionWait(), poolsPerPool, count);
		ConfigurableListableBeanFactory beanFactory = context.getBeanFactory();
		if (context.isActive()) {
			// the server was decided by a bean, while the context refreshes
			connections.take(connections.count);
		}
		else {
			// taken at refresh rather than now: a context that never refreshes takes none
			context.addBeanFactoryPostProcessor((factory) -> connections.take(connections.count));
		}
		((DefaultSingletonBeanRegistry) beanFactory).registerDisposableBean(BEAN_NAME, connections::close);
		if (HIKARI_PRESENT) {
			beanFactory.addBeanPostProcessor(new PoolCollector(connections.pools));
		}
		context.addApplicationListener(connections);
		Map<String, Object> pool = new HashMap<>();
		if (!context.getEnvironment().containsProperty(MINIMUM_IDLE_PROPERTY)) {
			// Hikari would open its whole pool at once, and again after each restart
			pool.put(MINIMUM_IDLE_PROPERTY, 1);
		}
		return pool;
	}

	@Override
	public void onApplicationEvent(ApplicationContextEvent event) {
		// events of a child context reach its parent too
		if (event.getApplicationContext() != this.context) {
			return;
		}
		if (event instanceof ContextRefreshedEvent) {
			takeForEveryPool();
		}
		else if (event instanceof ContextPausedEvent) {
			pause();
		}
		else if (event instanceof ContextRestartedEvent) {
			restart();
		}
	}

	/**
	 * Pools beyond the application's main one (another DataSource, a pool of its own
	 * size) are known once the context has refreshed.
	 */
	private void takeForEveryPool() {
		if (this.pools.isEmpty()) {
			return;
		}
		int sizes = this.poolsPerPool * HikariPools.maximumPoolSizes(this.pools);
		if (sizes > this.count) {
			take(sizes - this.count);
			this.count = sizes;
		}
	}

	private synchronized void take(int connections) {
		this.leases.add(this.slots.take(connections, this.budget, this.wait, advice(connections)));
	}

	private synchronized void pause() {
		if (this.pools.isEmpty() || this.leases.isEmpty()) {
			// connections of pools other than Hikari's cannot be closed: keep their slots
			return;
		}
		HikariPools.release(this.pools, this.minimumIdle);
		giveBack();
		logger.debug("Paused context " + this.context.getId() + " gave back " + this.count + " connections");
	}

	private synchronized void restart() {
		if (this.closed || !this.leases.isEmpty()) {
			return;
		}
		take(this.count);
		if (!this.pools.isEmpty()) {
			HikariPools.resume(this.pools, this.minimumIdle);
		}
	}

	private synchronized void close() {
		this.closed = true;
		giveBack();
	}

	private void giveBack() {
		this.leases.forEach(ConnectionSlots.Lease::close);
		this.leases.clear();
	}

	/**
	 * How Spring pauses cached contexts it switches away from: {@code null} if it always
	 * does, otherwise what it does instead. Spring Framework 7.0.2 (Spring Boot 4.0.1)
	 * never pauses them and has no setting; later versions read
	 * {@code spring.test.context.cache.pause}.
	 */
	private static String notPausing() {
		Method pauseMode = ClassUtils.getMethodIfAvailable(ContextCacheUtils.class, "retrievePauseMode");
		if (pauseMode == null) {
			return "Spring Framework " + SpringVersion.getVersion() + " does not pause cached test contexts";
		}
		if ("NEVER".equals(String.valueOf(ReflectionUtils.invokeMethod(pauseMode, null)))) {
			return "Spring does not pause cached test contexts ('" + ContextCache.CONTEXT_CACHE_PAUSE_PROPERTY_NAME
					+ "=never')";
		}
		return null;
	}

	private String advice(int connections) {
		StringBuilder advice = new StringBuilder();
		String notPausing = notPausing();
		if (notPausing != null) {
			advice.append(notPausing)
				.append(", so each of up to ")
				.append(ContextCacheUtils.retrieveMaxCacheSize())
				.append(" cached contexts ('")
				.append(ContextCache.MAX_CONTEXT_CACHE_SIZE_PROPERTY_NAME)
				.append("') keeps its connections: cache fewer, or ");
		}
		else {
			advice.append("Paused test contexts hold none of the budget; ");
		}
		advice.append("lower '")
			.append(POOL_SIZE_PROPERTY)
			.append("' (this context asks for ")
			.append(connections)
			.append((this.poolsPerPool > 1) ? ": its pools' sizes twice, since each test has a pool of its own" : "")
			.append("), run fewer test JVMs against the server at once, raise the server's max_connections, or set "
					+ "'dbisolation.connection-budget' (now ")
			.append(this.budget)
			.append(") or 'dbisolation.connection-wait' (now ")
			.append(this.wait.toSeconds())
			.append(" s).");
		return advice.toString();
	}

	/**
	 * Collects the context's Hikari pools as created, before anything wraps them.
	 */
	private record PoolCollector(List<Object> pools) implements BeanPostProcessor {

		@Override
		public Object postProcessBeforeInitialization(Object bean, String beanName) {
			if (bean instanceof HikariDataSource) {
				this.pools.add(bean);
			}
			return bean;
		}

	}

	/**
	 * What is done to Hikari pools, in a class of its own so that nothing loads Hikari's
	 * classes when the application does not use it.
	 */
	private static final class HikariPools {

		static int maximumPoolSizes(List<Object> pools) {
			int sizes = 0;
			for (Object pool : pools) {
				sizes += ((HikariDataSource) pool).getMaximumPoolSize();
			}
			return sizes;
		}

		/**
		 * Closes every idle connection now (and every busy one when it is returned), and
		 * keeps the pool from opening new ones until something asks for a connection.
		 */
		static void release(List<Object> pools, Map<Object, Integer> minimumIdle) {
			for (Object pool : pools) {
				HikariDataSource hikari = (HikariDataSource) pool;
				HikariConfigMXBean config = hikari.getHikariConfigMXBean();
				minimumIdle.putIfAbsent(pool, config.getMinimumIdle());
				config.setMinimumIdle(0);
				HikariPoolMXBean running = hikari.getHikariPoolMXBean();
				if (running != null) {
					running.softEvictConnections();
				}
			}
		}

		static void resume(List<Object> pools, Map<Object, Integer> minimumIdle) {
			for (Object pool : pools) {
				HikariDataSource hikari = (HikariDataSource) pool;
				Integer idle = minimumIdle.remove(pool);
				if (idle != null) {
					hikari.getHikariConfigMXBean().setMinimumIdle(idle);
				}
				if (hikari.getHikariPoolMXBean() != null) {
					warm(hikari);
				}
			}
		}

		/**
		 * Opens a connection now, as the pool had before it was paused: its housekeeper
		 * would refill it only on its next round.
		 */
		private static void warm(HikariDataSource hikari) {
			try (Connection ignored = hikari.getConnection()) {
				// opened, and given back to the pool
			}
			catch (SQLException ex) {
				// the context's next use of the pool reports what is wrong
				logger.debug("Could not open a connection of the restarted pool '" + hikari.getPoolName() + "'", ex);
			}
		}

	}

}
