package io.dbisolation.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;

import io.dbisolation.report.RunRecorder;

/**
 * What the run's report costs a test: the events one rolled-back test records (its
 * timing, a wait and a run) and one clone, with the recorder on and switched off, side by
 * side in one JVM. Compare with the per-test cost of a rolled-back test
 * ({@link RollbackBenchmark}, about a millisecond).
 * <p>
 * Arguments: {@code [rounds]}; each round records 20,000 tests.
 */
public final class RecorderBenchmark {

	private static final int TESTS = 20_000;

	private RecorderBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		int rounds = (args.length > 0) ? Integer.parseInt(args[0]) : 20;
		Path directory = Files.createTempDirectory("dbisolation-report-bench");
		Stats on = new Stats();
		Stats off = new Stats();
		for (int round = 0; round < rounds + 5; round++) {
			RunRecorder.configure(true, directory);
			long recorded = record();
			RunRecorder.configure(false, directory);
			long skipped = record();
			// the first rounds warm the JIT up
			if (round >= 5) {
				on.add(recorded);
				off.add(skipped);
			}
		}
		Files.deleteIfExists(directory);
		double perTestOn = on.median() * 1_000_000 / TESTS;
		double perTestOff = off.median() * 1_000_000 / TESTS;
		System.out.printf("recorder on:  %.0f ns per test (median of %d rounds of %d tests)%n", perTestOn, rounds,
				TESTS);
		System.out.printf("recorder off: %.0f ns per test%n", perTestOff);
		System.out.printf("cost of the report: %.0f ns per test, %.3f %% of a 1 ms test%n", perTestOn - perTestOff,
				(perTestOn - perTestOff) / 10_000.0);
	}

	private static long record() {
		long started = System.nanoTime();
		for (int i = 0; i < TESTS; i++) {
			long cloning = System.nanoTime();
			RunRecorder.cloned("dbiso_abcdefgh_1", "dbiso_tpl_0123456789abcdef", cloning);
			RunRecorder.TestTiming timing = RunRecorder.test("dbiso_abcdefgh_1", "a.ColorTests.paints");
			timing.running();
			timing.ended(null);
		}
		return System.nanoTime() - started;
	}

}
