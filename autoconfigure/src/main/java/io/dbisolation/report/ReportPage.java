package io.dbisolation.report;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The report's page: figures of the whole run, a timeline per JVM (see {@link Timeline}),
 * templates, kept schemas and verify-rollback findings. Self-contained: inline CSS and
 * SVG, nothing loaded from anywhere. Every figure is in an element with a
 * {@code data-figure} attribute, so that tools (and tests) can read it.
 */
final class ReportPage {

	private static final String STYLE = """
			body{font:14px/1.4 system-ui,sans-serif;margin:24px;color:#222;background:#fff}
			h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:28px 0 8px}
			.sub{color:#666;margin-bottom:16px}
			.figures{display:flex;flex-wrap:wrap;gap:10px}
			.figure{border:1px solid #ddd;border-radius:6px;padding:8px 14px;min-width:110px;background:#fafafa}
			.figure b{display:block;font-size:22px}.figure span{color:#555;font-size:12px}
			.bad b{color:#c0392b}
			table{border-collapse:collapse}td,th{border-bottom:1px solid #eee;padding:4px 10px;text-align:left;
			vertical-align:top}th{background:#f4f4f4}
			code{font:12px ui-monospace,monospace}
			.legend span{display:inline-block;margin-right:14px;font-size:12px}
			.legend i{display:inline-block;width:12px;height:12px;margin-right:4px;vertical-align:-2px}
			svg text{font:11px system-ui,sans-serif;fill:#333}
			""";

	private ReportPage() {
	}

	static String render(Map<String, List<RunEvent>> jvms) {
		List<RunEvent> all = jvms.values().stream().flatMap(Collection::stream).toList();
		Timeline.Range range = Timeline.Range.of(all);
		StringBuilder html = new StringBuilder();
		html.append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">")
			.append("<title>DbIsolation run report</title><style>")
			.append(STYLE)
			.append("</style></head><body>");
		html.append("<h1>DbIsolation run report</h1><div class=\"sub\">")
			.append(escape(Instant.ofEpochMilli(range.start()).toString()))
			.append(", ")
			.append(String.format(Locale.ROOT, "%.1f", range.length() / 1000.0))
			.append(" s</div>");
		figures(html, jvms, all);
		html.append("<h2>Timeline per JVM</h2>");
		Timeline.legend(html);
		jvms.forEach((pid, events) -> Timeline.render(html, pid, events, range));
		templates(html, all);
		kept(html, all);
		verified(html, all);
		return html.append("</body></html>").toString();
	}

	private static void figures(StringBuilder html, Map<String, List<RunEvent>> jvms, List<RunEvent> all) {
		List<RunEvent> tests = of(all, RunEvent.TEST);
		long failed = tests.stream().filter(ReportPage::failed).count();
		long contexts = tests.stream().map(RunEvent::context).distinct().count();
		List<RunEvent> takes = of(all, RunEvent.POOL_TAKE);
		List<RunEvent> findings = of(all, RunEvent.VERIFY).stream().filter((e) -> e.value() > 0).toList();
		long peak = jvms.values()
			.stream()
			.mapToLong((events) -> of(events, RunEvent.CONNECTIONS).stream().mapToLong(RunEvent::value).max().orElse(0))
			.max()
			.orElse(0);
		List<RunEvent> budgets = of(all, RunEvent.BUDGET);
		html.append("<div class=\"figures\">");
		figure(html, "jvms", "JVMs", jvms.size(), false);
		figure(html, "contexts", "test contexts", contexts, false);
		figure(html, "tests", "tests", tests.size(), false);
		figure(html, "failed", "tests failed", failed, failed > 0);
		figure(html, "templates-built", "templates built", count(all, RunEvent.TEMPLATE, (e) -> e.value() == 1), false);
		figure(html, "templates-reused", "templates reused", count(all, RunEvent.TEMPLATE, (e) -> e.value() == 0),
				false);
		figure(html, "clones", "schemas cloned", of(all, RunEvent.CLONE).size(), false);
		figure(html, "pool-hits", "pool hits", takes.stream().filter((e) -> e.value() == 1).count(), false);
		figure(html, "pool-misses", "pool misses", takes.stream().filter((e) -> e.value() == 0).count(), false);
		figure(html, "peak-connections", "peak connections in one JVM", peak, false);
		html.append("<div class=\"figure\"><b data-figure=\"budget\">")
			.append(budgets.isEmpty() ? "&ndash;" : Long.toString(budgets.get(budgets.size() - 1).value()))
			.append("</b><span>connection budget</span></div>");
		figure(html, "kept", "schemas kept", of(all, RunEvent.KEPT).size(), false);
		figure(html, "rollback-findings", "verify-rollback findings", findings.size(), !findings.isEmpty());
		html.append("</div>");
	}

	private static void figure(StringBuilder html, String id, String label, long value, boolean bad) {
		html.append("<div class=\"figure")
			.append(bad ? " bad" : "")
			.append("\"><b data-figure=\"")
			.append(id)
			.append("\">")
			.append(value)
			.append("</b><span>")
			.append(label)
			.append("</span></div>");
	}

	private static void templates(StringBuilder html, List<RunEvent> all) {
		List<RunEvent> templates = of(all, RunEvent.TEMPLATE);
		if (templates.isEmpty()) {
			return;
		}
		html.append("<h2>Templates</h2><table><tr><th>template</th><th>in this JVM</th><th>took</th>")
			.append("<th>from</th></tr>");
		for (RunEvent template : templates) {
			row(html, "<code>" + escape(template.name()) + "</code>", (template.value() == 1) ? "built" : "reused",
					template.millis() + " ms", escape(template.detail()));
		}
		html.append("</table>");
	}

	private static void kept(StringBuilder html, List<RunEvent> all) {
		List<RunEvent> kept = of(all, RunEvent.KEPT);
		html.append("<h2>Schemas kept after failed tests</h2>");
		if (kept.isEmpty()) {
			html.append("<p>None.</p>");
			return;
		}
		html.append("<table><tr><th>schema</th><th>test</th><th>connect with</th></tr>");
		for (RunEvent schema : kept) {
			row(html, "<code>" + escape(schema.context()) + "</code>", escape(schema.name()),
					"<code>" + escape(schema.detail()) + "</code>");
		}
		html.append("</table>");
	}

	private static void verified(StringBuilder html, List<RunEvent> all) {
		List<RunEvent> checks = of(all, RunEvent.VERIFY);
		html.append("<h2>Verify-rollback</h2>");
		if (checks.isEmpty()) {
			html.append("<p>Not switched on (<code>dbisolation.verify-rollback</code>).</p>");
			return;
		}
		List<RunEvent> findings = checks.stream().filter((e) -> e.value() > 0).toList();
		html.append("<p>")
			.append(checks.size())
			.append(" test classes checked, ")
			.append(findings.size())
			.append(" left their schema different from its template.</p>");
		if (!findings.isEmpty()) {
			html.append("<table><tr><th>test class</th><th>schema</th><th>changed tables</th></tr>");
			for (RunEvent finding : findings) {
				row(html, escape(finding.name()), "<code>" + escape(finding.context()) + "</code>",
						escape(finding.detail()));
			}
			html.append("</table>");
		}
	}

	private static void row(StringBuilder html, String... cells) {
		html.append("<tr>");
		for (String cell : cells) {
			html.append("<td>").append(cell).append("</td>");
		}
		html.append("</tr>");
	}

	static boolean failed(RunEvent test) {
		return test.detail().startsWith("failed");
	}

	static List<RunEvent> of(List<RunEvent> events, String type) {
		List<RunEvent> matching = new ArrayList<>();
		for (RunEvent event : events) {
			if (event.type().equals(type)) {
				matching.add(event);
			}
		}
		return matching;
	}

	private static long count(List<RunEvent> events, String type, Predicate<RunEvent> condition) {
		return of(events, type).stream().filter(condition).count();
	}

	static String escape(String text) {
		return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
	}

}
