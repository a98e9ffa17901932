package io.dbisolation.benchmarks.scale;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Suites of 25, 50, 100 and 200 distinct Spring test contexts (the sample app, each class
 * with a property of its own), each suite split over two JVMs that run at the same time
 * (as two Surefire forks would) against a fresh MariaDB with MySQL's default
 * {@code max_connections} of 151, and no {@code dbisolation.*} setting. For each size:
 * the wall time per context, the server's {@code Max_used_connections} against the
 * connection budget, failed tests, and the private schemas left behind once both JVMs
 * have ended.
 * <p>
 * Arguments: {@code [cache directory of the embedded installation] [sizes...]}.
 */
public final class ScaleBenchmark {

	private static final int FORKS = 2;

	private static final int RESERVED_CONNECTIONS = 10;

	private ScaleBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		Path cache = Path.of((args.length > 0) ? args[0]
				: Path.of(System.getProperty("user.home"), ".cache", "dbisolation").toString());
		List<Integer> sizes = new ArrayList<>();
		for (int i = 1; i < args.length; i++) {
			sizes.add(Integer.parseInt(args[i]));
		}
		if (sizes.isEmpty()) {
			sizes = List.of(25, 50, 100, 200);
		}
		int budget = ScaleServer.MAX_CONNECTIONS - RESERVED_CONNECTIONS;
		Map<Integer, Double> perContext = new LinkedHashMap<>();
		System.out.printf("%d JVMs per suite, a fresh MariaDB (max_connections %d, budget %d) per suite%n", FORKS,
				ScaleServer.MAX_CONNECTIONS, budget);
		System.out.printf("%-9s %-9s %-10s %-12s %-14s %-13s %-9s %-9s%n", "contexts", "wall s", "ms/context",
				"in-JVM ms/ctx", "Max_used_conn", "within budget", "failures", "leftovers");
		for (int size : sizes) {
			try (ScaleServer server = ScaleServer.start(cache)) {
				long start = System.nanoTime();
				List<CompletableFuture<long[]>> forks = new ArrayList<>();
				for (int fork = 0; fork < FORKS; fork++) {
					forks.add(runFork(server, fork * size / FORKS, (fork + 1) * size / FORKS));
				}
				long[] total = new long[4];
				long slowestInJvm = 0;
				for (CompletableFuture<long[]> fork : forks) {
					long[] result = fork.get(30, TimeUnit.MINUTES);
					for (int i = 0; i < total.length; i++) {
						total[i] += result[i];
					}
					slowestInJvm = Math.max(slowestInJvm, result[3]);
				}
				double wallMillis = (System.nanoTime() - start) / 1_000_000.0;
				long maxUsed = server.status("MAX_USED_CONNECTIONS");
				int leftovers = server.privateSchemas().size();
				perContext.put(size, wallMillis / size);
				System.out.printf("%-9d %-9.1f %-10.0f %-12.0f %-14d %-13s %-9s %-9d%n", size, wallMillis / 1000,
						wallMillis / size, (double) slowestInJvm / (size / (double) FORKS), maxUsed,
						(maxUsed <= budget) ? "yes" : "NO", total[2] + "/" + total[1], leftovers);
			}
		}
		if (perContext.containsKey(25) && perContext.containsKey(200)) {
			System.out.printf("per-context wall time at 200 / at 25: %.2f%n", perContext.get(200) / perContext.get(25));
		}
		System.exit(0);
	}

	/**
	 * Runs a range of contexts in a JVM of its own.
	 * @return contexts, tests, failures and the milliseconds from its first class to its
	 * last
	 */
	private static CompletableFuture<long[]> runFork(ScaleServer server, int first, int end) throws IOException {
		List<String> command = new ArrayList<>(List.of(
				Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx1g", "-XX:TieredStopAtLevel=1",
				"-Dspring.datasource.url=" + server.url("app"), "-Dspring.datasource.username=root",
				"-Dspring.datasource.password=", "-cp", System.getProperty("java.class.path"),
				ScaleFork.class.getName(), Integer.toString(first), Integer.toString(end)));
		Path log = Files.createTempFile("dbiso-scale-fork-", ".log");
		Process process = new ProcessBuilder(command).redirectError(log.toFile()).start();
		return CompletableFuture.supplyAsync(() -> {
			try (BufferedReader output = new BufferedReader(new InputStreamReader(process.getInputStream()))) {
				long[] result = null;
				for (String line = output.readLine(); line != null; line = output.readLine()) {
					if (line.startsWith("RESULT ")) {
						String[] fields = line.split(" ");
						result = new long[] { Long.parseLong(fields[1]), Long.parseLong(fields[2]),
								Long.parseLong(fields[3]), Long.parseLong(fields[4]) };
					}
				}
				process.waitFor();
				if (result == null) {
					throw new IllegalStateException(
							"The JVM for contexts " + first + " to " + end + " reported nothing; see " + log);
				}
				Files.delete(log);
				return result;
			}
			catch (IOException ex) {
				throw new IllegalStateException(ex);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
		});
	}

}
