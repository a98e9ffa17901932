package io.dbisolation.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The files of a run's report in one directory: an event file per JVM,
 * {@code events-<run>-<pid>.tsv}, and the page, {@value #PAGE}. The JVMs of one run (the
 * forks of one build) are told apart from those of earlier runs by a run id: that of the
 * build tool's process they descend from (Maven or Gradle), or
 * {@code dbisolation.report.run-id} if set; a JVM started otherwise is a run of its own.
 */
final class RunFiles {

	static final String PAGE = "report.html";

	private static final String PREFIX = "events-";

	private static final String SUFFIX = ".tsv";

	private final Path directory;

	private final String runId;

	RunFiles(Path directory, String runId) {
		this.directory = directory;
		this.runId = runId;
	}

	Path page() {
		return this.directory.resolve(PAGE);
	}

	/**
	 * Writes this JVM's events, replacing what it wrote before.
	 */
	void write(long pid, List<RunEvent> events) throws IOException {
		Files.createDirectories(this.directory);
		Path file = this.directory.resolve(PREFIX + this.runId + "-" + pid + SUFFIX);
		Path temporary = this.directory.resolve(file.getFileName() + ".tmp");
		Files.write(temporary, events.stream().map(RunEvent::toLine).toList());
		Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
	}

	/**
	 * The events of every JVM of this run, by process id.
	 */
	Map<String, List<RunEvent>> read() throws IOException {
		Map<String, List<RunEvent>> jvms = new TreeMap<>();
		String prefix = PREFIX + this.runId + "-";
		try (Stream<Path> files = Files.list(this.directory)) {
			for (Path file : files.toList()) {
				String name = file.getFileName().toString();
				if (name.startsWith(prefix) && name.endsWith(SUFFIX)) {
					List<RunEvent> events = new ArrayList<>();
					for (String line : Files.readAllLines(file)) {
						RunEvent.parse(line).ifPresent(events::add);
					}
					jvms.put(name.substring(prefix.length(), name.length() - SUFFIX.length()), events);
				}
			}
		}
		return jvms;
	}

	/**
	 * Deletes the event files of earlier runs: those of other runs not written since this
	 * JVM started.
	 */
	void deleteEarlierRuns(long startMillis) throws IOException {
		try (Stream<Path> files = Files.list(this.directory)) {
			for (Path file : files.toList()) {
				String name = file.getFileName().toString();
				if (name.startsWith(PREFIX) && !name.startsWith(PREFIX + this.runId + "-")
						&& Files.getLastModifiedTime(file).toMillis() < startMillis) {
					Files.deleteIfExists(file);
				}
			}
		}
	}

	/**
	 * Deletes the page if it is older than this JVM and no JVM of this run has written
	 * its events (a JVM of this run that writes them later writes the page again).
	 * @return whether the page was deleted
	 */
	boolean deletePageOfEarlierRun(long startMillis) throws IOException {
		Path page = page();
		if (!Files.isRegularFile(page) || Files.getLastModifiedTime(page).toMillis() >= startMillis
				|| !read().isEmpty()) {
			return false;
		}
		return Files.deleteIfExists(page);
	}

	/**
	 * Writes the page through a temporary file, so that a JVM reading it never sees half.
	 */
	void writePage(String html) throws IOException {
		Path temporary = Files.createTempFile(this.directory, "report", ".tmp");
		Files.writeString(temporary, html);
		Files.move(temporary, page(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
	}

	/**
	 * The id of the run this JVM belongs to.
	 */
	static String runId() {
		String configured = System.getProperty("dbisolation.report.run-id");
		if (configured != null && configured.matches("[A-Za-z0-9_.-]{1,64}")) {
			return configured;
		}
		ProcessHandle build = buildTool().orElse(ProcessHandle.current());
		long started = build.info().startInstant().map((instant) -> instant.toEpochMilli()).orElse(0L);
		return build.pid() + "." + started;
	}

	private static Optional<ProcessHandle> buildTool() {
		Optional<ProcessHandle> ancestor = ProcessHandle.current().parent();
		for (int level = 0; level < 5 && ancestor.isPresent(); level++) {
			String commandLine = ancestor.get().info().commandLine().orElse("");
			if (commandLine.contains("org.codehaus.plexus.classworlds") || commandLine.contains("GradleWorkerMain")
					|| commandLine.contains("org.gradle.")) {
				return ancestor;
			}
			ancestor = ancestor.get().parent();
		}
		return Optional.empty();
	}

}
