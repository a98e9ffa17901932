package io.dbisolation.report;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The report's events and page, without a browser: events survive their file, the page
 * states the run's figures, merges the JVMs of one run only, and loads nothing.
 */
class ReportPageTests {

	private static final long T0 = 1_700_000_000_000L;

	@TempDir
	Path directory;

	@Test
	void eventSurvivesItsLineWhateverItsText() {
		RunEvent event = new RunEvent(RunEvent.TEST, T0, 12, "dbiso_abcdefgh_1", "a.B.c\twith tab",
				"failed: expected:\n<1> \\ but was <2>", 3);
		assertThat(RunEvent.parse(event.toLine())).contains(event);
		assertThat(RunEvent.parse("a line of another version")).isEmpty();
		assertThat(event.toLine()).doesNotContain("\n");
	}

	@Test
	void pageStatesTheFiguresOfEveryJvmOfTheRun() throws Exception {
		List<RunEvent> first = List.of(jvm(), template(1), clone("dbiso_aaaaaaaa_1"),
				test("dbiso_aaaaaaaa_1", "passed"), test("dbiso_aaaaaaaa_1", "failed: boom"), connections(3), budget(8),
				new RunEvent(RunEvent.VERIFY, T0 + 900, 0, "dbiso_aaaaaaaa_1", "a.ColorTests", "colors", 1));
		List<RunEvent> second = List.of(jvm(), template(0), clone("dbiso_bbbbbbbb_1"),
				test("dbiso_bbbbbbbb_1", "passed"), take(true), take(false), connections(5),
				new RunEvent(RunEvent.KEPT, T0 + 800, 0, "dbiso_bbbbbbbb_7", "a.RaceTests.races",
						"jdbc:mysql://127.0.0.1:3306/dbiso_bbbbbbbb_7", 0));
		ReportSessionListener.write(this.directory, "run1", 11, first, T0);
		Path page = ReportSessionListener.write(this.directory, "run1", 22, second, T0);
		String html = Files.readString(page);
		assertThat(figures(html)).containsEntry("jvms", "2")
			.containsEntry("contexts", "2")
			.containsEntry("tests", "3")
			.containsEntry("failed", "1")
			.containsEntry("templates-built", "1")
			.containsEntry("templates-reused", "1")
			.containsEntry("clones", "2")
			.containsEntry("pool-hits", "1")
			.containsEntry("pool-misses", "1")
			.containsEntry("peak-connections", "5")
			.containsEntry("budget", "8")
			.containsEntry("kept", "1")
			.containsEntry("rollback-findings", "1");
		assertThat(html).contains("jdbc:mysql://127.0.0.1:3306/dbiso_bbbbbbbb_7", "failed: boom");
	}

	@Test
	void pageLeavesOutOtherRunsAndDeletesTheirOldFiles() throws Exception {
		ReportSessionListener.write(this.directory, "earlier", 11, List.of(jvm(), test("dbiso_aaaaaaaa_1", "passed")),
				T0);
		Path earlier = this.directory.resolve("events-earlier-11.tsv");
		Files.setLastModifiedTime(earlier, java.nio.file.attribute.FileTime.fromMillis(T0));
		Path page = ReportSessionListener.write(this.directory, "now", 22,
				List.of(jvm(), test("dbiso_bbbbbbbb_1", "passed"), test("dbiso_bbbbbbbb_1", "passed")), T0 + 1);
		assertThat(figures(Files.readString(page))).containsEntry("jvms", "1").containsEntry("tests", "2");
		assertThat(earlier).doesNotExist();
	}

	@Test
	void runThatIsolatedNothingDeletesThePageOfAnEarlierRunOnly() throws Exception {
		Path page = ReportSessionListener.write(this.directory, "earlier", 11,
				List.of(jvm(), test("dbiso_aaaaaaaa_1", "passed")), T0);
		Files.setLastModifiedTime(page, java.nio.file.attribute.FileTime.fromMillis(T0));
		// another JVM of this run has written its events: the page is this run's
		ReportSessionListener.write(this.directory, "now", 22, List.of(jvm(), test("dbiso_bbbbbbbb_1", "passed")),
				T0 + 1);
		Files.setLastModifiedTime(page, java.nio.file.attribute.FileTime.fromMillis(T0));
		assertThat(ReportSessionListener.retireEarlierPage(this.directory, "now", T0 + 1)).isFalse();
		assertThat(page).exists();
		// no JVM of this run has: the page describes another run
		assertThat(ReportSessionListener.retireEarlierPage(this.directory, "later", T0 + 1)).isTrue();
		assertThat(page).doesNotExist();
		assertThat(ReportSessionListener.retireEarlierPage(this.directory.resolve("none"), "later", T0 + 1)).isFalse();
	}

	@Test
	void pageLoadsNothingFromAnywhere() {
		String html = ReportPage.render(Map.of("11", List.of(jvm(), test("dbiso_aaaaaaaa_1", "passed <script>"))));
		assertThat(html).doesNotContainPattern("(?i)\\s(src|href)=").doesNotContain("<script>");
		assertThat(html).contains("passed &lt;script&gt;");
	}

	static Map<String, String> figures(String html) {
		Map<String, String> figures = new java.util.LinkedHashMap<>();
		Matcher matcher = Pattern.compile("data-figure=\"([a-z-]+)\">([^<]*)<").matcher(html);
		while (matcher.find()) {
			figures.put(matcher.group(1), matcher.group(2));
		}
		return figures;
	}

	private static RunEvent jvm() {
		return new RunEvent(RunEvent.JVM, T0, 1000, "", "1", "", 0);
	}

	private static RunEvent template(int built) {
		return new RunEvent(RunEvent.TEMPLATE, T0 + 10, 200, "", "dbiso_tpl_0123456789abcdef", "Flyway", built);
	}

	private static RunEvent clone(String schema) {
		return new RunEvent(RunEvent.CLONE, T0 + 220, 40, schema, "dbiso_tpl_0123456789abcdef", "", 0);
	}

	private static RunEvent test(String context, String outcome) {
		return new RunEvent(RunEvent.TEST, T0 + 300, 20, context, "a.ColorTests.paints", outcome, 5);
	}

	private static RunEvent take(boolean hit) {
		return new RunEvent(RunEvent.POOL_TAKE, T0 + 400, 1, "dbiso_bbbbbbbb_5", "dbiso_tpl_0123456789abcdef", "",
				hit ? 1 : 0);
	}

	private static RunEvent connections(int active) {
		return new RunEvent(RunEvent.CONNECTIONS, T0 + 500, 0, "", "", "", active);
	}

	private static RunEvent budget(int connections) {
		return new RunEvent(RunEvent.BUDGET, T0 + 5, 0, "", "", "", connections);
	}

}
