package io.dbisolation.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The timeline of one JVM, as inline SVG on the run's common time axis: a row of
 * templates found or built, a row per test context (its clone, then each test's wait for
 * its turn and its run), a row per schema pool (takes that hit or missed, background
 * clones), and the connections in use against the budget.
 */
final class Timeline {

	/** The colours of the timeline and what they show. */
	private static final Map<String, String> COLOURS = colours();

	private static final int LABEL = 250;

	private static final int PLOT = 1000;

	private static final int ROW = 22;

	private static final int CHART = 70;

	private Timeline() {
	}

	static void render(StringBuilder html, String pid, List<RunEvent> events, Range range) {
		List<RunEvent> tests = ReportPage.of(events, RunEvent.TEST);
		Map<String, List<RunEvent>> contexts = new LinkedHashMap<>();
		tests.forEach((test) -> contexts.computeIfAbsent(test.context(), (key) -> new ArrayList<>()).add(test));
		Map<String, List<RunEvent>> pools = new LinkedHashMap<>();
		ReportPage.of(events, RunEvent.POOL_TAKE)
			.forEach((take) -> pools.computeIfAbsent(take.name(), (key) -> new ArrayList<>()).add(take));
		List<RunEvent> templates = ReportPage.of(events, RunEvent.TEMPLATE);
		List<RunEvent> clones = ReportPage.of(events, RunEvent.CLONE);
		int rows = (templates.isEmpty() ? 0 : 1) + contexts.size() + pools.size();
		int height = 24 + rows * ROW + CHART + 30;
		html.append("<h3>JVM ")
			.append(ReportPage.escape(pid))
			.append(" &middot; ")
			.append(contexts.size())
			.append(" contexts, ")
			.append(tests.size())
			.append(" tests</h3>");
		html.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"")
			.append(LABEL + PLOT + 20)
			.append("\" height=\"")
			.append(height)
			.append("\">");
		axis(html, range, height);
		int y = 24;
		if (!templates.isEmpty()) {
			label(html, y, "templates", "templates found or built");
			for (RunEvent template : templates) {
				bar(html, range, template, (template.value() == 1) ? "#1f4e99" : "#8fb3e8", y,
						((template.value() == 1) ? "built " : "reused ") + template.name() + ", " + template.millis()
								+ " ms");
			}
			y += ROW;
		}
		for (Map.Entry<String, List<RunEvent>> context : contexts.entrySet()) {
			int row = y;
			label(html, y, classes(context.getValue()), "schema " + context.getKey());
			clones.stream()
				.filter((clone) -> clone.context().equals(context.getKey()))
				.forEach((clone) -> bar(html, range, clone, "#7b4fa0", row,
						"clone of " + clone.name() + " into " + clone.context() + ", " + clone.millis() + " ms"));
			for (RunEvent test : context.getValue()) {
				RunEvent wait = new RunEvent(RunEvent.TEST, test.at(), test.value(), "", "", "", 0);
				bar(html, range, wait, "#d9d9d9", y, test.name() + " waited " + test.value() + " ms for its turn");
				RunEvent run = new RunEvent(RunEvent.TEST, test.at() + test.value(), test.millis(), "", "", "", 0);
				bar(html, range, run, ReportPage.failed(test) ? "#d43c3c" : "#2e9e5b", y,
						test.name() + ", " + test.millis() + " ms, " + test.detail());
			}
			y += ROW;
		}
		for (Map.Entry<String, List<RunEvent>> pool : pools.entrySet()) {
			int row = y;
			label(html, y, "pool of " + pool.getKey(), "SCHEMA_PER_TEST pool");
			Set<String> taken = new LinkedHashSet<>();
			for (RunEvent take : pool.getValue()) {
				taken.add(take.context());
				bar(html, range, take, (take.value() == 1) ? "#2e9e5b" : "#e69a1c", y,
						((take.value() == 1) ? "hit: " : "miss: ") + take.context() + ", " + take.millis() + " ms");
			}
			clones.stream()
				.filter((clone) -> clone.name().equals(pool.getKey()) && !contexts.containsKey(clone.context()))
				.forEach((clone) -> bar(html, range, clone, "#7b4fa0", row,
						"background clone " + clone.context() + ", " + clone.millis() + " ms"));
			y += ROW;
		}
		connections(html, range, events, y + 6);
		html.append("</svg>");
	}

	private static void connections(StringBuilder html, Range range, List<RunEvent> events, int top) {
		List<RunEvent> samples = ReportPage.of(events, RunEvent.CONNECTIONS);
		List<RunEvent> budgets = ReportPage.of(events, RunEvent.BUDGET);
		long max = Math.max(1, samples.stream().mapToLong(RunEvent::value).max().orElse(0));
		max = Math.max(max, budgets.stream().mapToLong(RunEvent::value).max().orElse(0));
		double scale = (CHART - 10) / (double) max;
		int bottom = top + CHART;
		label(html, top + CHART / 2,
				"connections in use (peak " + samples.stream().mapToLong(RunEvent::value).max().orElse(0) + ")",
				"active connections of the isolated Hikari pools");
		html.append("<line x1=\"")
			.append(LABEL)
			.append("\" y1=\"")
			.append(bottom)
			.append("\" x2=\"")
			.append(LABEL + PLOT)
			.append("\" y2=\"")
			.append(bottom)
			.append("\" stroke=\"#999\"/>");
		if (!samples.isEmpty()) {
			StringBuilder points = new StringBuilder();
			long previous = 0;
			for (RunEvent sample : samples) {
				double x = range.x(sample.at(), LABEL, PLOT);
				points.append(fmt(x)).append(',').append(fmt(bottom - previous * scale)).append(' ');
				points.append(fmt(x)).append(',').append(fmt(bottom - sample.value() * scale)).append(' ');
				previous = sample.value();
			}
			points.append(LABEL + PLOT).append(',').append(fmt(bottom - previous * scale));
			html.append("<polyline fill=\"none\" stroke=\"#3a78c2\" stroke-width=\"1.5\" points=\"")
				.append(points)
				.append("\"/>");
		}
		for (RunEvent budget : budgets) {
			double y = bottom - budget.value() * scale;
			html.append("<line x1=\"")
				.append(fmt(range.x(budget.at(), LABEL, PLOT)))
				.append("\" y1=\"")
				.append(fmt(y))
				.append("\" x2=\"")
				.append(LABEL + PLOT)
				.append("\" y2=\"")
				.append(fmt(y))
				.append("\" stroke=\"#c0392b\" stroke-dasharray=\"5,3\"><title>budget ")
				.append(budget.value())
				.append("</title></line>");
		}
	}

	private static void axis(StringBuilder html, Range range, int height) {
		long step = niceStep(range.length());
		for (long t = 0; t <= range.length(); t += step) {
			double x = range.x(range.start() + t, LABEL, PLOT);
			html.append("<line x1=\"")
				.append(fmt(x))
				.append("\" y1=\"14\" x2=\"")
				.append(fmt(x))
				.append("\" y2=\"")
				.append(height - 10)
				.append("\" stroke=\"#eee\"/><text x=\"")
				.append(fmt(x + 2))
				.append("\" y=\"12\">")
				.append(String.format(Locale.ROOT, "%.1f s", t / 1000.0))
				.append("</text>");
		}
	}

	private static long niceStep(long length) {
		for (long step : new long[] { 100, 200, 500, 1000, 2000, 5000, 10000, 20000, 30000, 60000, 120000, 300000 }) {
			if (length / step <= 12) {
				return step;
			}
		}
		return 600000;
	}

	private static void label(StringBuilder html, int y, String text, String title) {
		String shown = (text.length() > 38) ? text.substring(0, 37) + "…" : text;
		html.append("<text x=\"4\" y=\"")
			.append(y + 15)
			.append("\"><title>")
			.append(ReportPage.escape(title))
			.append("</title>")
			.append(ReportPage.escape(shown))
			.append("</text>");
	}

	private static void bar(StringBuilder html, Range range, RunEvent event, String color, int row, String title) {
		int y = row + 4;
		double x = range.x(event.at(), LABEL, PLOT);
		double width = Math.max(1.5, range.x(event.at() + event.millis(), LABEL, PLOT) - x);
		html.append("<rect x=\"")
			.append(fmt(x))
			.append("\" y=\"")
			.append(y)
			.append("\" width=\"")
			.append(fmt(width))
			.append("\" height=\"14\" fill=\"")
			.append(color)
			.append("\"><title>")
			.append(ReportPage.escape(title))
			.append("</title></rect>");
	}

	private static Map<String, String> colours() {
		Map<String, String> colours = new LinkedHashMap<>();
		colours.put("template built", "#1f4e99");
		colours.put("template reused", "#8fb3e8");
		colours.put("clone", "#7b4fa0");
		colours.put("wait for turn", "#d9d9d9");
		colours.put("test passed / pool hit", "#2e9e5b");
		colours.put("test failed", "#d43c3c");
		colours.put("pool miss", "#e69a1c");
		colours.put("connections in use", "#3a78c2");
		colours.put("budget (dashed)", "#c0392b");
		return colours;
	}

	static void legend(StringBuilder html) {
		html.append("<div class=\"legend\">");
		COLOURS.forEach((label, colour) -> html.append("<span><i style=\"background:")
			.append(colour)
			.append("\"></i>")
			.append(label)
			.append("</span>"));
		html.append("</div>");
	}

	private static String classes(List<RunEvent> tests) {
		Set<String> names = new LinkedHashSet<>();
		for (RunEvent test : tests) {
			String name = test.name();
			int method = name.lastIndexOf('.');
			String className = (method > 0) ? name.substring(0, method) : name;
			names.add(className.substring(className.lastIndexOf('.') + 1));
		}
		return String.join(", ", names);
	}

	private static String fmt(double value) {
		return String.format(Locale.ROOT, "%.1f", value);
	}

	/**
	 * The run's time span, shared by every JVM's timeline.
	 *
	 * @param start the first moment, in milliseconds since the epoch
	 * @param end the last moment
	 */
	record Range(long start, long end) {

		static Range of(List<RunEvent> events) {
			long start = events.stream().mapToLong(RunEvent::at).min().orElse(0);
			long end = events.stream().mapToLong((e) -> e.at() + e.millis()).max().orElse(start);
			return new Range(start, Math.max(end, start + 1));
		}

		long length() {
			return this.end - this.start;
		}

		double x(long at, int left, int width) {
			return left + (at - this.start) * (double) width / length();
		}

	}

}
