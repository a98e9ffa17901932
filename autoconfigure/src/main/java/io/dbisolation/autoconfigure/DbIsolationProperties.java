package io.dbisolation.autoconfigure;

import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of DbIsolation, under {@code dbisolation.*}. They are read from the test's
 * environment: {@code application.properties}, {@code @SpringBootTest(properties = ...)},
 * system properties or environment variables ({@code DBISOLATION_ENABLED=false}).
 */
@ConfigurationProperties("dbisolation")
public class DbIsolationProperties {

	/**
	 * Whether tests annotated with @DbIsolation are isolated. Switch it off to see what
	 * the library prevents: all contexts then share one database.
	 */
	private boolean enabled = true;

	/**
	 * Most connections that test contexts may hold on one server at a time, across every
	 * JVM and machine that uses it. By default the server's max_connections less 10, left
	 * for other clients. A running context holds as many as its pools may open; a paused
	 * one holds none.
	 */
	private Integer connectionBudget;

	/**
	 * How long a test context waits for connections of the budget to be given back before
	 * it fails.
	 */
	private Duration connectionWait = Duration.ofMinutes(2);

	/**
	 * Whether to check after each test class that its context's private schema still
	 * matches the template, failing the class otherwise: a check that everything its
	 * tests wrote was rolled back.
	 */
	private boolean verifyRollback;

	/**
	 * Whether to keep the schema of a failed test in mode SCHEMA_PER_TEST, and log how to
	 * connect to it, instead of recycling it. Kept schemas are left for you to drop.
	 */
	private boolean keepFailed;

	private final Embedded embedded = new Embedded();

	private final Templates templates = new Templates();

	private final Report report = new Report();

	public boolean isKeepFailed() {
		return this.keepFailed;
	}

	public void setKeepFailed(boolean keepFailed) {
		this.keepFailed = keepFailed;
	}

	public boolean isVerifyRollback() {
		return this.verifyRollback;
	}

	public void setVerifyRollback(boolean verifyRollback) {
		this.verifyRollback = verifyRollback;
	}

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public Integer getConnectionBudget() {
		return this.connectionBudget;
	}

	public void setConnectionBudget(Integer connectionBudget) {
		this.connectionBudget = connectionBudget;
	}

	public Duration getConnectionWait() {
		return this.connectionWait;
	}

	public void setConnectionWait(Duration connectionWait) {
		this.connectionWait = connectionWait;
	}

	public Embedded getEmbedded() {
		return this.embedded;
	}

	public Templates getTemplates() {
		return this.templates;
	}

	public Report getReport() {
		return this.report;
	}

	/**
	 * When template schemas (dbiso_tpl_*) that no run uses are dropped, at start-up. The
	 * application is spring.application.name, or else the folder the tests run in.
	 */
	public static class Templates {

		/**
		 * How long a template may go unused before a run drops it (unless a run uses it).
		 */
		private Duration maxAge = Duration.ofDays(4);

		/**
		 * How many templates of one application are kept: the most recently used ones.
		 * Older ones are dropped unless a run uses them.
		 */
		private int maxPerApplication = 5;

		public Duration getMaxAge() {
			return this.maxAge;
		}

		public void setMaxAge(Duration maxAge) {
			this.maxAge = maxAge;
		}

		public int getMaxPerApplication() {
			return this.maxPerApplication;
		}

		public void setMaxPerApplication(int maxPerApplication) {
			this.maxPerApplication = maxPerApplication;
		}

	}

	/**
	 * The report of every run: an HTML page with a timeline per JVM.
	 */
	public static class Report {

		/**
		 * Whether to record what happens in a run and write the report.
		 */
		private boolean enabled = true;

		/**
		 * Where the report and the event files of the run's JVMs are written.
		 */
		private Path directory = Path.of(System.getProperty("user.dir"), "target", "dbisolation");

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public Path getDirectory() {
			return this.directory;
		}

		public void setDirectory(Path directory) {
			this.directory = directory;
		}

	}

	/**
	 * The embedded MariaDB used when no spring.datasource.url is set.
	 */
	public static class Embedded {

		/**
		 * Where the embedded server's binaries and data directories are kept between
		 * runs.
		 */
		private Path cacheDirectory = Path.of(System.getProperty("user.home"), ".cache", "dbisolation");

		public Path getCacheDirectory() {
			return this.cacheDirectory;
		}

		public void setCacheDirectory(Path cacheDirectory) {
			this.cacheDirectory = cacheDirectory;
		}

	}

}
