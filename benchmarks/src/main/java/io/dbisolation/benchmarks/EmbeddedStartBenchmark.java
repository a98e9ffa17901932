package io.dbisolation.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import io.dbisolation.server.EmbeddedMariaDb;

/**
 * The embedded MariaDB's start time, first (unpacking the binaries and initialising a
 * data directory into an empty cache directory) and later (from the cache), each start in
 * a fresh JVM so that every later start really starts the server.
 * <p>
 * Arguments: {@code [later-starts]}. Uses a temporary cache directory, deleted at the
 * end.
 */
public final class EmbeddedStartBenchmark {

	private EmbeddedStartBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		if (args.length == 2 && args[0].equals("--child")) {
			EmbeddedMariaDb server = EmbeddedMariaDb.obtain(Path.of(args[1]));
			System.out.println("START_MS " + server.startTime().toNanos() / 1_000_000.0);
			return;
		}
		int later = (args.length > 0) ? Integer.parseInt(args[0]) : 5;
		Path cache = Files.createTempDirectory("dbisolation-bench");
		try {
			double first = startInChild(cache);
			Stats warm = new Stats();
			for (int i = 0; i < later; i++) {
				warm.add((long) (startInChild(cache) * 1_000_000));
			}
			System.out.printf("first start (unpack + initialise + start): %.0f ms%n", first);
			System.out.printf("later starts (cached)                    : %s%n", warm.describe());
		}
		finally {
			try (Stream<Path> paths = Files.walk(cache)) {
				for (Path path : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
					Files.delete(path);
				}
			}
		}
	}

	private static double startInChild(Path cache) throws IOException, InterruptedException {
		List<String> command = new ArrayList<>(
				List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
						System.getProperty("java.class.path"), EmbeddedStartBenchmark.class.getName(), "--child",
						cache.toString()));
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		String output = new String(process.getInputStream().readAllBytes());
		if (process.waitFor() != 0) {
			throw new IllegalStateException("Child failed:\n" + output);
		}
		return output.lines()
			.filter((line) -> line.startsWith("START_MS "))
			.map((line) -> Double.parseDouble(line.substring("START_MS ".length())))
			.findFirst()
			.orElseThrow(() -> new IllegalStateException("No start time in:\n" + output));
	}

}
