package io.dbisolation.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Prints the speed benchmark's table from the results {@code benchmarks/speed.sh}
 * recorded: per suite and setup the median wall time, the median without Maven's own
 * overhead, and the ratio against a baseline setup, taken round by round (the setups of
 * one round ran back to back, so a ratio holds when the machine's speed drifts).
 * <p>
 * Arguments: the results file, the baseline setup, the overhead setup. Standard input:
 * {@code name|description} lines, in the order to print.
 */
public final class SpeedTable {

	private SpeedTable() {
	}

	public static void main(String[] args) throws IOException {
		Map<String, String> descriptions = new LinkedHashMap<>();
		BufferedReader in = new BufferedReader(new InputStreamReader(System.in));
		for (String line = in.readLine(); line != null; line = in.readLine()) {
			String[] parts = line.split("\\|", 2);
			descriptions.put(parts[0], (parts.length > 1) ? parts[1] : "");
		}
		// suite -> setup -> round -> seconds (NaN for a failed run)
		Map<String, Map<String, Map<Integer, Double>>> runs = new LinkedHashMap<>();
		List<String> lines = Files.readAllLines(Path.of(args[0]));
		for (String line : lines.subList(1, lines.size())) {
			String[] f = line.split("\t");
			double seconds = "0".equals(f[4]) ? Double.parseDouble(f[3]) : Double.NaN;
			runs.computeIfAbsent(f[0], (k) -> new LinkedHashMap<>())
				.computeIfAbsent(f[1], (k) -> new LinkedHashMap<>())
				.put(Integer.parseInt(f[2]), seconds);
		}
		String baseline = args[1];
		String overhead = args[2];
		System.out.printf("| suite | setup | median s | min–max s | suite only s | ratio to %s | failed |%n", baseline);
		System.out.println("| --- | --- | ---: | ---: | ---: | ---: | ---: |");
		runs.forEach((suite, setups) -> {
			double overheadMedian = median(values(setups.get(overhead)));
			Map<Integer, Double> base = setups.get(baseline);
			descriptions.forEach((setup, description) -> {
				Map<Integer, Double> rounds = setups.get(setup);
				if (rounds == null) {
					return;
				}
				List<Double> seconds = values(rounds);
				long failed = rounds.values().stream().filter((s) -> s.isNaN()).count();
				String only = (setup.equals(overhead) || Double.isNaN(overheadMedian)) ? ""
						: String.format("%.1f", median(seconds) - overheadMedian);
				String ratio = "";
				if (base != null && !setup.equals(overhead)) {
					List<Double> ratios = new ArrayList<>();
					rounds.forEach((round, s) -> {
						Double b = base.get(round);
						if (b != null && !s.isNaN() && !b.isNaN()) {
							ratios.add((s - orZero(overheadMedian)) / (b - orZero(overheadMedian)));
						}
					});
					ratio = ratios.isEmpty() ? "" : String.format("%.2f", median(ratios));
				}
				System.out.printf("| %s | %s (`%s`) | %.1f | %.1f–%.1f | %s | %s | %d |%n", suite, description, setup,
						median(seconds), min(seconds), max(seconds), only, ratio, failed);
			});
		});
		System.out.println();
		System.out
			.println("'suite only' and the ratios leave out the median of the overhead setup (Maven, compile checks);");
		System.out.println("a ratio is the median of the round-by-round ratios of suite-only times.");
	}

	private static double orZero(double value) {
		return Double.isNaN(value) ? 0 : value;
	}

	private static List<Double> values(Map<Integer, Double> rounds) {
		List<Double> values = new ArrayList<>();
		if (rounds != null) {
			rounds.values().stream().filter((s) -> !s.isNaN()).sorted().forEach(values::add);
		}
		return values;
	}

	private static double median(List<Double> values) {
		if (values.isEmpty()) {
			return Double.NaN;
		}
		List<Double> sorted = values.stream().sorted().toList();
		int n = sorted.size();
		return (n % 2 == 1) ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
	}

	private static double min(List<Double> values) {
		return values.isEmpty() ? Double.NaN : values.get(0);
	}

	private static double max(List<Double> values) {
		return values.isEmpty() ? Double.NaN : values.get(values.size() - 1);
	}

}
