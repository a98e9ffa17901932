package io.dbisolation.schema;

import java.security.SecureRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * Names of the schemas DbIsolation creates: {@code dbiso_<run>_<n>} for private schemas,
 * unique across JVMs, machines and runs thanks to a random run id, and
 * {@code dbiso_tpl_<hash>} for templates.
 */
public final class SchemaNames {

	/** The prefix of every schema DbIsolation creates. */
	public static final String PREFIX = "dbiso_";

	/**
	 * The schema where DbIsolation records the schemas it created and the heartbeats of
	 * its runs; never a private schema's name, never dropped.
	 */
	public static final String REGISTRY = PREFIX + "registry";

	private static final String TEMPLATE_PREFIX = PREFIX + "tpl_";

	private static final Pattern PRIVATE = Pattern.compile("dbiso_[a-z0-9]{8}_[0-9]{1,9}");

	private static final Pattern TEMPLATE = Pattern.compile("dbiso_tpl_[0-9a-f]{16}");

	private static final String USE_SEPARATOR = ".";

	private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";

	private final String runId;

	private final AtomicInteger counter = new AtomicInteger();

	SchemaNames(String runId) {
		if (!runId.matches("[a-z0-9]{8}")) {
			throw new IllegalArgumentException("Invalid run id '" + runId + "'");
		}
		this.runId = runId;
	}

	/**
	 * Names for a new run, with a random run id.
	 * @return the names
	 */
	public static SchemaNames forNewRun() {
		SecureRandom random = new SecureRandom();
		StringBuilder runId = new StringBuilder();
		for (int i = 0; i < 8; i++) {
			runId.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
		}
		return new SchemaNames(runId.toString());
	}

	/**
	 * The id of this run, part of every private schema's name.
	 * @return eight lower-case letters and digits
	 */
	public String runId() {
		return this.runId;
	}

	/**
	 * The next private schema name of this run.
	 * @return a name no other run uses
	 */
	public String next() {
		return PREFIX + this.runId + "_" + this.counter.incrementAndGet();
	}

	/**
	 * The template name for a hash of what defines the template's content.
	 * @param hash 16 lower-case hex digits
	 * @return the template name
	 */
	public static String template(String hash) {
		String name = TEMPLATE_PREFIX + hash;
		if (!TEMPLATE.matcher(name).matches()) {
			throw new IllegalArgumentException("Invalid template hash '" + hash + "'");
		}
		return name;
	}

	/**
	 * Whether the name is one of a private schema, of this run or another.
	 * @param name a schema name
	 * @return {@code true} for names of the form {@code dbiso_<run>_<n>}
	 */
	public static boolean isPrivate(String name) {
		return PRIVATE.matcher(name).matches();
	}

	/**
	 * The lock a run holds while it uses a template: the template's name and the run's
	 * id.
	 * @param template the template
	 * @param runId the run
	 * @return the lock name
	 */
	static String templateUse(String template, String runId) {
		return template + USE_SEPARATOR + runId;
	}

	/**
	 * The schema a lock of a run protects: the schema itself, or the template it uses.
	 * @param lock a lock name
	 * @return the schema name
	 */
	static String schemaOfLock(String lock) {
		int separator = lock.indexOf(USE_SEPARATOR);
		return (separator >= 0) ? lock.substring(0, separator) : lock;
	}

	public static boolean isTemplate(String name) {
		return TEMPLATE.matcher(name).matches();
	}

}
