package io.dbisolation.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One thing that happened in a run, as a line of an event file: what it was, when it
 * started (milliseconds since the epoch), how long it took, and what it concerned.
 *
 * @param type what happened, one of the constants of this record
 * @param at when it started, in milliseconds since the epoch
 * @param millis how long it took, in milliseconds
 * @param context the test context it belongs to (its schema), or empty
 * @param name what it concerned: a template, a test, a schema
 * @param detail more about it, such as a URL or a failure
 * @param value a number it carries, such as connections in use or a wait in milliseconds
 */
record RunEvent(String type, long at, long millis, String context, String name, String detail, long value) {

	/** A JVM of the run: name is its process id, detail the run id. */
	static final String JVM = "jvm";

	/** A template found or built: value 1 if this JVM built it. */
	static final String TEMPLATE = "template";

	/** A schema cloned from a template. */
	static final String CLONE = "clone";

	/** A schema taken from the pool: value 1 if one was ready (a hit). */
	static final String POOL_TAKE = "pool-take";

	/**
	 * A test: at is when it began to wait for its turn, value the wait, millis its run.
	 */
	static final String TEST = "test";

	/** Connections in use by the JVM's isolated DataSources, in value. */
	static final String CONNECTIONS = "connections";

	/**
	 * The connection budget of the JVM's contexts, in value: how many connections they
	 * may use at most.
	 */
	static final String BUDGET = "budget";

	/** A schema kept after a failed test: detail is its URL. */
	static final String KEPT = "kept";

	/** A verify-rollback check of a test class: value is the number of changed tables. */
	static final String VERIFY = "verify";

	RunEvent {
		context = (context != null) ? context : "";
		name = (name != null) ? name : "";
		detail = (detail != null) ? detail : "";
	}

	String toLine() {
		return String.join("\t", escape(this.type), Long.toString(this.at), Long.toString(this.millis),
				escape(this.context), escape(this.name), escape(this.detail), Long.toString(this.value));
	}

	/**
	 * Reads an event back from its line.
	 * @param line a line of an event file
	 * @return the event, empty if the line is not one (such as a line another version of
	 * DbIsolation wrote)
	 */
	static Optional<RunEvent> parse(String line) {
		List<String> fields = split(line);
		if (fields.size() != 7) {
			return Optional.empty();
		}
		try {
			return Optional.of(new RunEvent(fields.get(0), Long.parseLong(fields.get(1)), Long.parseLong(fields.get(2)),
					fields.get(3), fields.get(4), fields.get(5), Long.parseLong(fields.get(6))));
		}
		catch (NumberFormatException ignored) {
			// not a line this version wrote: the page shows what it can read
			return Optional.empty();
		}
	}

	private static String escape(String text) {
		return text.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r");
	}

	private static List<String> split(String line) {
		List<String> fields = new ArrayList<>();
		StringBuilder field = new StringBuilder();
		for (int i = 0; i < line.length(); i++) {
			char c = line.charAt(i);
			if (c == '\\' && i + 1 < line.length()) {
				char next = line.charAt(++i);
				field.append((next == 't') ? '\t' : (next == 'n') ? '\n' : (next == 'r') ? '\r' : next);
			}
			else if (c == '\t') {
				fields.add(field.toString());
				field.setLength(0);
			}
			else {
				field.append(c);
			}
		}
		fields.add(field.toString());
		return fields;
	}

}
