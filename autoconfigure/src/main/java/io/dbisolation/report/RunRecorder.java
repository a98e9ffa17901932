package io.dbisolation.report;

import java.nio.file.Path;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

import javax.sql.DataSource;

/**
 * Records what happens in a run, for its report: templates, clones, pool takes, tests
 * with their waits, connections in use, kept schemas and verify-rollback findings. The
 * one JVM-wide holder of the report: recording appends to a lock-free queue and costs
 * about as much as reading the clock, so it is always on unless switched off with
 * {@code dbisolation.report.enabled=false}.
 */
public final class RunRecorder {

	private static final RunRecorder INSTANCE = new RunRecorder();

	private final Queue<RunEvent> events = new ConcurrentLinkedQueue<>();

	private final long startMillis = System.currentTimeMillis();

	private final long startNanos = System.nanoTime();

	private final ConnectionSampler sampler = new ConnectionSampler(this::add);

	private volatile boolean enabled = !"false".equalsIgnoreCase(
			System.getProperty("dbisolation.report.enabled", System.getenv("DBISOLATION_REPORT_ENABLED")));

	private volatile Path directory = Path.of(System.getProperty("user.dir"), "target", "dbisolation");

	private RunRecorder() {
	}

	static RunRecorder instance() {
		return INSTANCE;
	}

	/**
	 * Applies the settings of a test context ({@code dbisolation.report.*}); switched
	 * off, nothing more is recorded and no report is written.
	 * @param enabled whether to record and report
	 * @param directory where the event files and the page go
	 */
	public static void configure(boolean enabled, Path directory) {
		INSTANCE.enabled = enabled;
		INSTANCE.directory = directory;
		if (!enabled) {
			INSTANCE.events.clear();
			INSTANCE.sampler.stop();
		}
	}

	/**
	 * A template was found complete or built.
	 * @param template its name
	 * @param built whether this JVM built it
	 * @param description what it was built from
	 * @param startedNanos when finding it began ({@link System#nanoTime()})
	 */
	public static void template(String template, boolean built, String description, long startedNanos) {
		INSTANCE.timed(RunEvent.TEMPLATE, startedNanos, "", template, description, built ? 1 : 0);
	}

	/**
	 * A schema was cloned from a template.
	 * @param schema the clone
	 * @param template the template
	 * @param startedNanos when cloning began
	 */
	public static void cloned(String schema, String template, long startedNanos) {
		INSTANCE.timed(RunEvent.CLONE, startedNanos, schema, template, "", 0);
	}

	/**
	 * A test took a schema from a pool.
	 * @param template the pool's template
	 * @param schema the schema taken
	 * @param hit whether one was ready
	 * @param startedNanos when taking began
	 */
	public static void poolTake(String template, String schema, boolean hit, long startedNanos) {
		INSTANCE.timed(RunEvent.POOL_TAKE, startedNanos, schema, template, "", hit ? 1 : 0);
	}

	/**
	 * A test begins to wait for its turn; tell the timing when it runs and when it ended.
	 * @param context the test's context (its schema)
	 * @param test the test
	 * @return the test's timing
	 */
	public static TestTiming test(String context, String test) {
		return new TestTiming(INSTANCE, context, test);
	}

	/**
	 * A failed test's schema was kept.
	 * @param schema the schema
	 * @param test the test
	 * @param url how to connect to it
	 */
	public static void kept(String schema, String test, String url) {
		INSTANCE.point(RunEvent.KEPT, schema, test, url, 0);
	}

	/**
	 * A test class's schema was compared with its template.
	 * @param schema the schema
	 * @param testClass the test class
	 * @param changed the tables that differ
	 */
	public static void verified(String schema, String testClass, List<String> changed) {
		INSTANCE.point(RunEvent.VERIFY, schema, testClass, String.join(", ", changed), changed.size());
	}

	/**
	 * How many connections the JVM's contexts may use at most: drawn against the
	 * connections in use.
	 * @param connections the budget
	 */
	public static void budget(int connections) {
		INSTANCE.point(RunEvent.BUDGET, "", "", "", connections);
	}

	/**
	 * Samples the connections in use of an isolated DataSource's pool from now on.
	 * @param dataSource the application's DataSource (a Hikari pool is sampled; others
	 * are not)
	 */
	public static void watchConnections(DataSource dataSource) {
		if (INSTANCE.enabled) {
			INSTANCE.sampler.watch(dataSource);
		}
	}

	boolean enabled() {
		return this.enabled;
	}

	Path directory() {
		return this.directory;
	}

	long startMillis() {
		return this.startMillis;
	}

	List<RunEvent> events() {
		return List.copyOf(this.events);
	}

	void stopSampling() {
		this.sampler.stop();
	}

	long millisOf(long nanos) {
		return this.startMillis + (nanos - this.startNanos) / 1_000_000;
	}

	void timed(String type, long startedNanos, String context, String name, String detail, long value) {
		if (this.enabled) {
			long now = System.nanoTime();
			add(new RunEvent(type, millisOf(startedNanos), (now - startedNanos) / 1_000_000, context, name, detail,
					value));
		}
	}

	private void point(String type, String context, String name, String detail, long value) {
		if (this.enabled) {
			add(new RunEvent(type, millisOf(System.nanoTime()), 0, context, name, detail, value));
		}
	}

	private void add(RunEvent event) {
		if (this.enabled) {
			this.events.add(event);
		}
	}

	/**
	 * When one test waited for its turn and ran.
	 */
	public static final class TestTiming {

		private final RunRecorder recorder;

		private final String context;

		private final String test;

		private final long waiting = System.nanoTime();

		private long running;

		private TestTiming(RunRecorder recorder, String context, String test) {
			this.recorder = recorder;
			this.context = context;
			this.test = test;
		}

		/**
		 * The test has its turn and runs now.
		 */
		public void running() {
			this.running = System.nanoTime();
		}

		/**
		 * The test ended.
		 * @param failure why it failed, {@code null} if it passed
		 */
		public void ended(Throwable failure) {
			if (!this.recorder.enabled) {
				return;
			}
			long now = System.nanoTime();
			long started = (this.running != 0) ? this.running : this.waiting;
			String outcome = (failure != null) ? "failed: " + failure : "passed";
			this.recorder
				.add(new RunEvent(RunEvent.TEST, this.recorder.millisOf(this.waiting), (now - started) / 1_000_000,
						this.context, this.test, outcome, (started - this.waiting) / 1_000_000));
		}

	}

}
