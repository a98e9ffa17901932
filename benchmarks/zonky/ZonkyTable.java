import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The tables of {@code benchmarks/zonky.sh}, run as a single source file
 * ({@code java ZonkyTable.java ...}) so that it needs no build of its own.
 * <ul>
 * <li>{@code counts <failsafe-reports>}: prints the classes, tests, failed tests, skipped
 * tests and the summed time of the test methods of one run.</li>
 * <li>{@code table <runs.tsv> <events.tsv> <by-hand.tsv> [logs]}: prints the Markdown tables, with
 * {@code name|description} lines on standard input in the order to print: wall time and
 * time per test, medians and round-by-round ratios against zonky's refresh-per-class and
 * per-method variants, and the time to a fresh database; with a fifth argument, the
 * directory of the runs' logs, also the time the Spring contexts took to start.</li>
 * </ul>
 */
public final class ZonkyTable {

	private static final Pattern SUITE = Pattern.compile("<testsuite [^>]*>");

	private static final Pattern CASE_TIME = Pattern.compile("<testcase [^>]*?time=\"([0-9.]+)\"");

	private static final List<String> BASELINES = List.of("zonky-class", "zonky-method");

	private static final Pattern CONTEXT_STARTED = Pattern.compile("Started \\w+ in ([0-9.]+) seconds");

	private ZonkyTable() {
	}

	public static void main(String[] args) throws IOException {
		if ("counts".equals(args[0])) {
			counts(Path.of(args[1]));
		}
		else {
			table(Path.of(args[1]), Path.of(args[2]), Path.of(args[3]), (args.length > 4) ? Path.of(args[4]) : null);
		}
	}

	private static void counts(Path reports) throws IOException {
		int classes = 0;
		int tests = 0;
		int failed = 0;
		int skipped = 0;
		double seconds = 0;
		if (Files.isDirectory(reports)) {
			try (Stream<Path> files = Files.list(reports)) {
				for (Path file : files.filter((f) -> f.getFileName().toString().matches("TEST-.*\\.xml")).toList()) {
					String xml = Files.readString(file);
					Matcher suite = SUITE.matcher(xml);
					if (suite.find()) {
						classes++;
						tests += attribute(suite.group(), "tests");
						failed += attribute(suite.group(), "failures") + attribute(suite.group(), "errors");
						skipped += attribute(suite.group(), "skipped");
					}
					Matcher time = CASE_TIME.matcher(xml);
					while (time.find()) {
						seconds += Double.parseDouble(time.group(1));
					}
				}
			}
		}
		System.out.printf("%d %d %d %d %.3f%n", classes, tests, failed, skipped, seconds);
	}

	private static int attribute(String element, String name) {
		Matcher matcher = Pattern.compile(" " + name + "=\"(\\d+)\"").matcher(element);
		return matcher.find() ? Integer.parseInt(matcher.group(1)) : 0;
	}

	private static void table(Path runsFile, Path events, Path byHand, Path logs) throws IOException {
		Map<String, String> descriptions = descriptions();
		Map<String, Map<Integer, Run>> runs = new LinkedHashMap<>();
		List<String> lines = Files.readAllLines(runsFile);
		for (String line : lines.subList(1, lines.size())) {
			String[] f = line.split("\t");
			runs.computeIfAbsent(f[0], (k) -> new TreeMap<>())
				.put(Integer.parseInt(f[1]), new Run(Double.parseDouble(f[2]), Integer.parseInt(f[3]),
						Integer.parseInt(f[5]), Integer.parseInt(f[6]), Double.parseDouble(f[8]),
						contextSeconds(logs, f[0], f[1])));
		}
		System.out.println("| variant | tests passed (all runs) | median wall s | min–max s | wall per test ms | "
				+ "context starts s | test methods s | test methods per test ms | zonky AFTER_CLASS ÷ this | "
				+ "zonky BEFORE_EACH_TEST_METHOD ÷ this |");
		System.out.println("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
		descriptions.forEach((name, description) -> {
			Map<Integer, Run> rounds = runs.get(name);
			if (rounds == null) {
				return;
			}
			List<Run> passed = rounds.values().stream().filter(Run::passed).toList();
			int tests = rounds.values().stream().mapToInt(Run::tests).sum();
			int failed = rounds.values().stream().mapToInt(Run::failed).sum();
			List<Double> wall = passed.stream().map(Run::seconds).toList();
			List<Double> perTest = passed.stream().map((r) -> r.seconds() * 1000 / r.tests()).toList();
			List<Double> methods = passed.stream().map((r) -> r.testSeconds() * 1000 / r.tests()).toList();
			List<Double> methodSeconds = passed.stream().map(Run::testSeconds).toList();
			List<Double> contexts = passed.stream().map(Run::contextSeconds).filter((c) -> !c.isNaN()).toList();
			StringBuilder ratios = new StringBuilder();
			for (String baseline : BASELINES) {
				ratios.append(" | ").append(format(ratio(runs.get(baseline), rounds), "%.2f"));
			}
			System.out.printf("| %s (`%s`) | %d of %d in %d runs | %s | %s–%s | %s | %s | %s | %s%s |%n", description,
					name, tests - failed, tests, rounds.size(), format(median(wall), "%.1f"), format(min(wall), "%.1f"),
					format(max(wall), "%.1f"), format(median(perTest), "%.0f"), format(median(contexts), "%.1f"),
					format(median(methodSeconds), "%.1f"), format(median(methods), "%.0f"), ratios);
		});
		System.out.println();
		System.out.println("Wall: the whole `mvn -o failsafe:integration-test failsafe:verify` on pre-built classes "
				+ "(Maven's start, 2 forks, every context start, the tests). A ratio is the median of the "
				+ "round-by-round ratios of wall times: above 1, this variant was faster. Context starts: the "
				+ "Spring contexts' start times as Spring Boot logs them (\"Started ... in\"), summed over both forks "
				+ "(they include starting zonky's server and building its template, or DbIsolation's server, "
				+ "template check and clone). Test methods: the time failsafe reports for the test methods "
				+ "themselves (context starts excluded), summed over both forks, and per test.");
		System.out.println();
		freshDatabase(events, byHand);
	}

	private static void freshDatabase(Path events, Path byHand) throws IOException {
		Map<String, List<Double>> times = new LinkedHashMap<>();
		int hits = 0;
		int takes = 0;
		if (Files.exists(events)) {
			List<String> lines = Files.readAllLines(events);
			for (String line : lines.subList(1, lines.size())) {
				// variant, round, type, millis, value
				String[] f = line.split("\t");
				String variant = " (`" + f[0] + "`)";
				switch (f[2]) {
					case "clone" -> add(times, "DbIsolation: clone of the template for a context" + variant, f[3]);
					case "pool-take" -> {
						add(times, "DbIsolation: database for a test taken from the pool" + variant, f[3]);
						takes++;
						hits += "1".equals(f[4]) ? 1 : 0;
					}
					case "template" -> add(times, "DbIsolation: template found (or built) by a JVM" + variant, f[3]);
					case "test" -> add(times, "DbIsolation: a test, as its run report times it" + variant, f[3]);
					default -> {
					}
				}
			}
		}
		if (Files.exists(byHand)) {
			List<String> lines = Files.readAllLines(byHand);
			for (String line : lines.subList(1, lines.size())) {
				String[] f = line.split("\t");
				add(times, "by hand (psql): `" + ("drop".equals(f[0]) ? "DROP DATABASE" : "CREATE DATABASE … TEMPLATE")
						+ "` on a copy of the same server", f[1]);
			}
		}
		System.out.println("| time to a fresh database | n | median ms | min–max ms |");
		System.out.println("| --- | ---: | ---: | ---: |");
		times.forEach((what, millis) -> System.out.printf("| %s | %d | %s | %s–%s |%n", what, millis.size(),
				format(median(millis), "%.1f"), format(min(millis), "%.1f"), format(max(millis), "%.1f")));
		if (takes > 0) {
			System.out.printf("%nPool takes that found a database ready: %d of %d.%n", hits, takes);
		}
	}

	private static void add(Map<String, List<Double>> times, String what, String millis) {
		times.computeIfAbsent(what, (k) -> new ArrayList<>()).add(Double.parseDouble(millis));
	}

	private static Map<String, String> descriptions() throws IOException {
		Map<String, String> descriptions = new LinkedHashMap<>();
		BufferedReader in = new BufferedReader(new InputStreamReader(System.in));
		for (String line = in.readLine(); line != null; line = in.readLine()) {
			if (!line.isBlank()) {
				String[] parts = line.split("\\|", 2);
				descriptions.put(parts[0], (parts.length > 1) ? parts[1] : "");
			}
		}
		return descriptions;
	}

	private static double ratio(Map<Integer, Run> baseline, Map<Integer, Run> rounds) {
		if (baseline == null) {
			return Double.NaN;
		}
		List<Double> ratios = new ArrayList<>();
		rounds.forEach((round, run) -> {
			Run base = baseline.get(round);
			if (base != null && base.passed() && run.passed()) {
				ratios.add(base.seconds() / run.seconds());
			}
		});
		return median(ratios);
	}

	private static String format(double value, String format) {
		return Double.isNaN(value) ? "" : String.format(format, value);
	}

	private static double median(List<Double> values) {
		List<Double> sorted = values.stream().sorted().toList();
		int n = sorted.size();
		if (n == 0) {
			return Double.NaN;
		}
		return (n % 2 == 1) ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
	}

	private static double min(List<Double> values) {
		return values.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
	}

	private static double max(List<Double> values) {
		return values.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
	}

	private static double contextSeconds(Path logs, String variant, String round) {
		Path log = (logs != null) ? logs.resolve(variant + "-" + round + ".log") : null;
		if (log == null || !Files.exists(log)) {
			return Double.NaN;
		}
		try {
			Matcher started = CONTEXT_STARTED.matcher(Files.readString(log));
			double seconds = 0;
			while (started.find()) {
				seconds += Double.parseDouble(started.group(1));
			}
			return seconds;
		}
		catch (IOException ex) {
			return Double.NaN;
		}
	}

	private record Run(double seconds, int status, int tests, int failed, double testSeconds, double contextSeconds) {

		boolean passed() {
			return this.status == 0 && this.failed == 0 && this.tests > 0;
		}

	}

}
