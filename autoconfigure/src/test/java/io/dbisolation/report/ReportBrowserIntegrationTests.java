package io.dbisolation.report;

import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;

import io.dbisolation.test.DbIsolation;
import io.dbisolation.test.DbIsolation.Mode;
import io.dbisolation.testapp.TestApplication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

/**
 * The report of a small run, opened in a real headless browser (Debian's chromium): the
 * page renders (a screenshot that is not blank, with the colours of passed and failed
 * tests), and the figures it states are those of the run. Skipped, with the reason, where
 * chromium is not installed.
 */
class ReportBrowserIntegrationTests {

	private static final String MIGRATIONS = "spring.flyway.locations=classpath:db/testapp";

	private static final Set<String> schemas = ConcurrentHashMap.newKeySet();

	@TempDir
	Path directory;

	@Test
	void pageOfARunRendersInChromiumAndStatesWhatTheRunDid() throws Exception {
		String chromium = chromium();
		assumeTrue(chromium != null,
				"chromium is not installed (apt-get install -y chromium); the page's rendering " + "is not checked");
		schemas.clear();
		int from = RunRecorder.instance().events().size();
		EngineExecutionResults results = EngineTestKit.engine("junit-jupiter")
			.selectors(selectClass(Colors.class), selectClass(OtherColors.class), selectClass(FreshColors.class))
			.execute();
		List<RunEvent> events = new ArrayList<>(RunRecorder.instance().events());
		events = events.subList(from, events.size());
		long started = results.testEvents().started().count();
		long failed = results.testEvents().failed().count();
		Path page = ReportSessionListener.write(this.directory, "browser", ProcessHandle.current().pid(), events,
				System.currentTimeMillis());

		Path screenshot = this.directory.resolve("report.png");
		run(chromium, "--screenshot=" + screenshot, "--window-size=1400,1100", page.toUri().toString());
		BufferedImage image = ImageIO.read(screenshot.toFile());
		assertThat(image).as("screenshot of %s", page).isNotNull();
		// a blank page is all white; this one has figures, text and bars on about 2 % of
		// it
		assertThat(share(image, 0xFFFFFF, 40)).as("share of white pixels").isLessThan(0.99);
		assertThat(pixels(image, 0x2E9E5B, 30)).as("pixels of passed tests' bars").isGreaterThan(20);
		assertThat(pixels(image, 0xD43C3C, 30)).as("pixels of the failed test's bar").isGreaterThan(0);

		Map<String, String> figures = ReportPageTests.figures(run(chromium, "--dump-dom", page.toUri().toString()));
		assertThat(started).isEqualTo(6);
		assertThat(failed).isEqualTo(1);
		assertThat(figures).containsEntry("tests", Long.toString(started))
			.containsEntry("failed", Long.toString(failed))
			.containsEntry("contexts", "3")
			.containsEntry("pool-hits", "" + (2 - Long.parseLong(figures.get("pool-misses"))))
			.containsEntry("jvms", "1");
		// SCHEMA_PER_TEST tests each used a schema of their own
		assertThat(schemas).hasSize(4);
	}

	private static String chromium() {
		for (String candidate : List.of("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome")) {
			if (new File(candidate).canExecute()) {
				return candidate;
			}
		}
		return null;
	}

	/**
	 * Runs headless chromium on a page and returns what it printed.
	 */
	private String run(String chromium, String... arguments) throws IOException, InterruptedException {
		List<String> command = new ArrayList<>(List.of(chromium, "--headless", "--no-sandbox", "--disable-gpu",
				"--hide-scrollbars", "--user-data-dir=" + this.directory.resolve("profile")));
		command.addAll(List.of(arguments));
		Path output = this.directory.resolve("chromium-output.txt");
		Process process = new ProcessBuilder(command).redirectOutput(output.toFile())
			.redirectError(this.directory.resolve("chromium-errors.txt").toFile())
			.start();
		if (!process.waitFor(2, TimeUnit.MINUTES)) {
			process.destroyForcibly().waitFor();
			throw new AssertionError("chromium did not finish within 2 minutes: " + command);
		}
		assertThat(process.exitValue())
			.as("chromium's exit code, errors: %s", Files.readString(this.directory.resolve("chromium-errors.txt")))
			.isZero();
		return Files.readString(output, StandardCharsets.UTF_8);
	}

	private static double share(BufferedImage image, int rgb, int tolerance) {
		return pixels(image, rgb, tolerance) / (double) (image.getWidth() * image.getHeight());
	}

	private static long pixels(BufferedImage image, int rgb, int tolerance) {
		long count = 0;
		for (int y = 0; y < image.getHeight(); y++) {
			for (int x = 0; x < image.getWidth(); x++) {
				int pixel = image.getRGB(x, y);
				if (Math.abs(((pixel >> 16) & 0xFF) - ((rgb >> 16) & 0xFF)) <= tolerance
						&& Math.abs(((pixel >> 8) & 0xFF) - ((rgb >> 8) & 0xFF)) <= tolerance
						&& Math.abs((pixel & 0xFF) - (rgb & 0xFF)) <= tolerance) {
					count++;
				}
			}
		}
		return count;
	}

	@SpringBootTest(classes = TestApplication.class, properties = { MIGRATIONS, "case=report-colors" })
	@DbIsolation
	static class Colors {

		@Autowired
		JdbcTemplate jdbc;

		@Test
		void addsAColor() {
			this.jdbc.update("INSERT INTO colors (id, name) VALUES (4, 'teal')");
			schemas.add(this.jdbc.queryForObject("SELECT DATABASE()", String.class));
			assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM colors", Integer.class)).isEqualTo(4);
		}

		@Test
		void seesTheSeedRows() {
			assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM colors", Integer.class)).isEqualTo(3);
		}

		@Test
		void failsOnPurpose() {
			assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM colors", Integer.class)).isEqualTo(99);
		}

	}

	@SpringBootTest(classes = TestApplication.class, properties = { MIGRATIONS, "case=report-other-colors" })
	@DbIsolation
	static class OtherColors {

		@Autowired
		JdbcTemplate jdbc;

		@Test
		void addsAColor() {
			this.jdbc.update("INSERT INTO colors (id, name) VALUES (4, 'teal')");
			schemas.add(this.jdbc.queryForObject("SELECT DATABASE()", String.class));
		}

	}

	@SpringBootTest(classes = TestApplication.class, properties = { MIGRATIONS, "case=report-fresh-colors" })
	@DbIsolation(mode = Mode.SCHEMA_PER_TEST)
	static class FreshColors {

		@Autowired
		JdbcTemplate jdbc;

		@Test
		void commitsAColor() {
			this.jdbc.update("INSERT INTO colors (id, name) VALUES (5, 'plum')");
			schemas.add(this.jdbc.queryForObject("SELECT DATABASE()", String.class));
		}

		@Test
		void commitsAnotherColor() {
			this.jdbc.update("INSERT INTO colors (id, name) VALUES (5, 'sand')");
			schemas.add(this.jdbc.queryForObject("SELECT DATABASE()", String.class));
		}

	}

}
