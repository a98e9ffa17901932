package io.dbisolation.report;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;

import org.springframework.util.ClassUtils;

/**
 * Samples the connections in use of the JVM's isolated Hikari pools every
 * {@value #INTERVAL_MILLIS} ms on one daemon thread, recording the total when it changes.
 */
final class ConnectionSampler {

	static final long INTERVAL_MILLIS = 20;

	private static final boolean HIKARI_PRESENT = ClassUtils.isPresent("com.zaxxer.hikari.HikariDataSource",
			ConnectionSampler.class.getClassLoader());

	private final Consumer<RunEvent> events;

	private final List<DataSource> pools = new CopyOnWriteArrayList<>();

	private ScheduledExecutorService thread;

	private long last = -1;

	ConnectionSampler(Consumer<RunEvent> events) {
		this.events = events;
	}

	synchronized void watch(DataSource dataSource) {
		if (!HIKARI_PRESENT || !Hikari.isPool(dataSource)) {
			return;
		}
		this.pools.add(dataSource);
		if (this.thread == null) {
			this.thread = Executors.newSingleThreadScheduledExecutor((task) -> {
				Thread sampling = new Thread(task, "dbisolation-report-sampler");
				sampling.setDaemon(true);
				return sampling;
			});
			this.thread.scheduleWithFixedDelay(this::sample, 0, INTERVAL_MILLIS, TimeUnit.MILLISECONDS);
		}
	}

	synchronized void stop() {
		if (this.thread != null) {
			this.thread.shutdownNow();
			this.thread = null;
		}
		this.pools.clear();
	}

	private void sample() {
		long active = 0;
		for (DataSource pool : this.pools) {
			int inUse = Hikari.active(pool);
			if (inUse < 0) {
				this.pools.remove(pool);
			}
			else {
				active += inUse;
			}
		}
		if (active != this.last) {
			this.last = active;
			this.events.accept(new RunEvent(RunEvent.CONNECTIONS, System.currentTimeMillis(), 0, "", "", "", active));
		}
	}

	/**
	 * Hikari's classes, loaded only when Hikari is on the class path.
	 */
	private static final class Hikari {

		static boolean isPool(DataSource dataSource) {
			return dataSource instanceof HikariDataSource;
		}

		/**
		 * The connections in use, or -1 once the pool is closed.
		 */
		static int active(DataSource dataSource) {
			HikariDataSource pool = (HikariDataSource) dataSource;
			if (pool.isClosed()) {
				return -1;
			}
			HikariPoolMXBean bean = pool.getHikariPoolMXBean();
			return (bean != null) ? bean.getActiveConnections() : 0;
		}

	}

}
