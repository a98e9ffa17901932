package io.dbisolation.benchmarks;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

import io.dbisolation.server.DatabaseServer;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

/**
 * Per-test cost of rollback: the same test bodies under Spring's {@code @Transactional}
 * and under {@code @DbIsolation}, run alternately in one JVM on the embedded MariaDB.
 * Each test's time is what JUnit takes from its start to its end, so it includes the
 * TestContext listeners (begin and roll back) and the body.
 * <p>
 * Arguments: {@code [rounds]}; the first round is a warm-up and not counted.
 */
public final class RollbackBenchmark {

	private RollbackBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		int rounds = (args.length > 0) ? Integer.parseInt(args[0]) : 5;
		DatabaseServer server = BenchmarkServer.embedded();
		String database = "rollback_bench";
		BenchmarkServer.useFreshDatabase(server, database);
		try {
			Map<String, Stats> spring = new ConcurrentHashMap<>();
			Map<String, Stats> isolated = new ConcurrentHashMap<>();
			Launcher launcher = LauncherFactory.create();
			for (int round = 0; round <= rounds; round++) {
				boolean counted = round > 0;
				run(launcher, SpringTransactionalBodies.class, counted ? spring : new ConcurrentHashMap<>());
				run(launcher, DbIsolationBodies.class, counted ? isolated : new ConcurrentHashMap<>());
			}
			System.out.printf("Per-test time, median over %d rounds x %d repetitions (embedded %s)%n", rounds,
					TestBodies.REPETITIONS, server.engineVersion());
			System.out.printf("%-16s %-52s %-52s %s%n", "body", "Spring @Transactional", "@DbIsolation", "ratio");
			for (String body : new String[] { "empty", "readOnly", "insertThenCount" }) {
				Stats a = spring.get(body);
				Stats b = isolated.get(body);
				System.out.printf("%-16s %-52s %-52s %.2f%n", body, a.describe(), b.describe(),
						b.median() / a.median());
			}
		}
		finally {
			BenchmarkServer.execute(server, "", "DROP DATABASE IF EXISTS " + database);
		}
		System.exit(0);
	}

	private static void run(Launcher launcher, Class<?> testClass, Map<String, Stats> times) {
		LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
			.selectors(selectClass(testClass))
			.build();
		Map<String, Long> started = new ConcurrentHashMap<>();
		launcher.execute(request, new TestExecutionListener() {

			@Override
			public void executionStarted(TestIdentifier test) {
				if (test.isTest()) {
					started.put(test.getUniqueId(), System.nanoTime());
				}
			}

			@Override
			public void executionFinished(TestIdentifier test, TestExecutionResult result) {
				if (result.getStatus() != TestExecutionResult.Status.SUCCESSFUL) {
					throw new IllegalStateException(test.getDisplayName() + " failed",
							result.getThrowable().orElse(null));
				}
				if (test.isTest()) {
					String body = test.getLegacyReportingName().replaceAll("\\(.*", "");
					times.computeIfAbsent(body, (key) -> new Stats())
						.add(System.nanoTime() - started.get(test.getUniqueId()));
				}
			}

		});
	}

}
