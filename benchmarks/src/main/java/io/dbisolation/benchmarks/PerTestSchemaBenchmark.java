package io.dbisolation.benchmarks;

import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

import io.dbisolation.schema.PrivateSchema;
import io.dbisolation.schema.SchemaOwner;
import io.dbisolation.schema.SchemaPool;
import io.dbisolation.schema.Template;
import io.dbisolation.server.DatabaseServer;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

/**
 * A fresh schema per test, on the embedded MariaDB. First the time to a ready schema:
 * from the warm pool (with the recycling of the schema a test used), a cold clone, and
 * the migrations run into an empty schema. Then the wall time of the sample app's race
 * test (20 repetitions) under {@code SCHEMA_PER_TEST} against the same test with a
 * database created and migrated from scratch for each repetition. Measured alternately in
 * one run.
 * <p>
 * Arguments: {@code [rounds]}.
 */
public final class PerTestSchemaBenchmark {

	private PerTestSchemaBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		int rounds = (args.length > 0) ? Integer.parseInt(args[0]) : 20;
		DatabaseServer server = BenchmarkServer.embedded();
		schemaTimes(server, rounds);
		suiteTimes(server, 3);
		System.exit(0);
	}

	private static void schemaTimes(DatabaseServer server, int rounds) throws Exception {
		SchemaOwner owner = SchemaOwner.open(server);
		try {
			Template template = BenchmarkServer.sampleTemplate(owner);
			SchemaPool pool = owner.pool(template);
			Stats fromPool = new Stats();
			Stats recycle = new Stats();
			Stats recycleAll = new Stats();
			Stats cold = new Stats();
			Stats migrate = new Stats();
			for (int i = 0; i < rounds + 2; i++) {
				awaitReady(pool);
				long start = System.nanoTime();
				PrivateSchema taken = pool.take();
				long took = System.nanoTime() - start;
				BenchmarkServer.execute(server, taken.name(),
						"INSERT INTO hours (hour, availability) VALUES ('2030-01-01 10:00', 'available')",
						"INSERT INTO trainings (hour, user_id) VALUES ('2030-01-01 10:00', 1)");
				start = System.nanoTime();
				pool.giveBack(taken);
				long recycled = System.nanoTime() - start;
				awaitReady(pool);
				PrivateSchema busy = pool.take();
				BenchmarkServer.execute(server, busy.name(),
						"INSERT INTO users (name, email, hashed_password) VALUES ('x', 'x@x', 'h')",
						"INSERT INTO snippets (title, content, expires, user_id) VALUES ('t', 'c', NOW(), 1)",
						"INSERT INTO tags (name) VALUES ('new')",
						"INSERT INTO snippet_tags (snippet_id, tag_id) VALUES (2, 2)",
						"INSERT INTO hours (hour, availability) VALUES ('2030-01-01 10:00', 'available')",
						"INSERT INTO trainings (hour, user_id) VALUES ('2030-01-01 10:00', 1)",
						"INSERT INTO notifications (user_id, message) VALUES (1, 'm')");
				start = System.nanoTime();
				pool.giveBack(busy);
				long recycledAll = System.nanoTime() - start;
				start = System.nanoTime();
				PrivateSchema clone = owner.create();
				clone.cloneFrom(template);
				long cloned = System.nanoTime() - start;
				clone.destroy();
				start = System.nanoTime();
				PrivateSchema empty = owner.create();
				BenchmarkServer.sampleFlyway(server, empty.name()).migrate();
				long migrated = System.nanoTime() - start;
				empty.destroy();
				if (i >= 2) {
					fromPool.add(took);
					recycle.add(recycled);
					recycleAll.add(recycledAll);
					cold.add(cloned);
					migrate.add(migrated);
				}
			}
			System.out.printf("Time to a ready schema for the sample app (%s)%n", server.engineVersion());
			System.out.printf("take from the warm pool       : %s%n", fromPool.describe());
			System.out.printf("recycle after a test (2 tables): %s%n", recycle.describe());
			System.out.printf("recycle after writing 8 tables: %s%n", recycleAll.describe());
			System.out.printf("cold clone (create + clone)   : %s%n", cold.describe());
			System.out.printf("create + Flyway migrate       : %s%n", migrate.describe());
			System.out.printf(
					"ratios (medians): migrate / pool %.0f, clone / pool %.0f, migrate / clone %.1f, "
							+ "clone / recycle %.1f%n",
					migrate.median() / fromPool.median(), cold.median() / fromPool.median(),
					migrate.median() / cold.median(), cold.median() / recycle.median());
		}
		finally {
			owner.close();
		}
	}

	private static void suiteTimes(DatabaseServer server, int rounds) throws Exception {
		String database = "race_bench";
		BenchmarkServer.useFreshDatabase(server, database);
		try {
			Launcher launcher = LauncherFactory.create();
			Stats perTest = new Stats();
			Stats migrated = new Stats();
			for (int round = 0; round <= rounds; round++) {
				long a = wallTime(launcher, SchemaPerTestRace.class);
				long b = wallTime(launcher, MigratedPerTestRace.class);
				if (round > 0) {
					perTest.add(a);
					migrated.add(b);
				}
			}
			System.out.printf("Race test, %d repetitions, wall time per run (context already started)%n",
					RaceBodies.REPETITIONS);
			System.out.printf("SCHEMA_PER_TEST               : %s%n", perTest.describe());
			System.out.printf("database migrated per test    : %s%n", migrated.describe());
			System.out.printf("ratio (medians)               : %.2f%n", migrated.median() / perTest.median());
		}
		finally {
			BenchmarkServer.execute(server, "", "DROP DATABASE IF EXISTS " + database);
		}
	}

	private static long wallTime(Launcher launcher, Class<?> testClass) {
		long start = System.nanoTime();
		launcher.execute(LauncherDiscoveryRequestBuilder.request().selectors(selectClass(testClass)).build(),
				new TestExecutionListener() {
					@Override
					public void executionFinished(TestIdentifier test, TestExecutionResult result) {
						if (result.getStatus() != TestExecutionResult.Status.SUCCESSFUL) {
							throw new IllegalStateException(test.getDisplayName() + " failed",
									result.getThrowable().orElse(null));
						}
					}
				});
		return System.nanoTime() - start;
	}

	private static void awaitReady(SchemaPool pool) throws InterruptedException {
		for (int i = 0; i < 500 && pool.readyCount() == 0; i++) {
			Thread.sleep(10);
		}
	}

}
