package io.dbisolation.datasource;

import java.lang.reflect.Method;

import javax.sql.DataSource;

/**
 * Evicts the connections of a Hikari pool without a compile-time dependency on Hikari,
 * which is the application's choice.
 */
final class PoolEviction {

	/** How many stale connections a pool other than Hikari is asked to drop, at most. */
	static final int MAX_STALE = 20;

	private static final String HIKARI_DATA_SOURCE = "com.zaxxer.hikari.HikariDataSource";

	private PoolEviction() {
	}

	/**
	 * Soft-evicts every connection of a Hikari pool: idle ones are closed, those in use
	 * when they are returned, and none is handed out again.
	 * @param dataSource the pool
	 * @return {@code false} if it is not a started Hikari pool
	 */
	static boolean softEvict(DataSource dataSource) {
		try {
			Class<?> hikari = Class.forName(HIKARI_DATA_SOURCE, false, dataSource.getClass().getClassLoader());
			if (!hikari.isInstance(dataSource)) {
				return false;
			}
			Object pool = hikari.getMethod("getHikariPoolMXBean").invoke(dataSource);
			if (pool == null) {
				// not started: it has no connections yet
				return true;
			}
			Class<?> bean = Class.forName("com.zaxxer.hikari.HikariPoolMXBean", false, hikari.getClassLoader());
			Method evict = bean.getMethod("softEvictConnections");
			evict.invoke(pool);
			return true;
		}
		catch (ReflectiveOperationException | LinkageError ex) {
			return false;
		}
	}

}
