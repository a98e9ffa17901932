package io.dbisolation.schema;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import io.dbisolation.server.DatabaseServer;
import io.dbisolation.testsupport.TestServers;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the pool tests do with a pool: have a changed clone recycled, and take a given one
 * back.
 */
final class PoolTakes {

	private PoolTakes() {
	}

	/**
	 * A clone that a test changed and the pool recycled. The pool recycles only when it
	 * has room, and its background clone may fill it first on a busy machine: then the
	 * used clone is dropped, and the change is tried on another.
	 */
	static PrivateSchema recycled(DatabaseServer server, SchemaPool pool, String... changes) throws SQLException {
		for (int attempt = 0; attempt < 10; attempt++) {
			PrivateSchema used = pool.take();
			for (String change : changes) {
				TestServers.execute(server, used.name(), change);
			}
			pool.giveBack(used);
			if (TestServers.exists(server, used.name())) {
				return used;
			}
		}
		throw new AssertionError("The pool never had room to recycle a schema in 10 attempts");
	}

	/**
	 * Takes from the pool until it hands out the given schema.
	 */
	static PrivateSchema takeUntil(SchemaPool pool, String name) {
		List<PrivateSchema> taken = new ArrayList<>();
		PrivateSchema schema;
		do {
			schema = pool.take();
			taken.add(schema);
		}
		while (!schema.name().equals(name) && taken.size() < SchemaPool.MAX_READY + 2);
		assertThat(schema.name()).isEqualTo(name);
		return schema;
	}

}
