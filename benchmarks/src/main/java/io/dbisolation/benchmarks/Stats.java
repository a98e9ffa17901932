package io.dbisolation.benchmarks;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Medians of timings, in milliseconds.
 */
final class Stats {

	private final List<Double> millis = new ArrayList<>();

	void add(long nanos) {
		this.millis.add(nanos / 1_000_000.0);
	}

	double median() {
		List<Double> sorted = new ArrayList<>(this.millis);
		Collections.sort(sorted);
		int n = sorted.size();
		return (n % 2 == 1) ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
	}

	double min() {
		return Collections.min(this.millis);
	}

	double max() {
		return Collections.max(this.millis);
	}

	String describe() {
		return String.format("median %8.2f ms  (min %.2f, max %.2f, n=%d)", median(), min(), max(), this.millis.size());
	}

}
