package io.dbisolation.context;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.SpringBootVersion;

import io.dbisolation.test.DbIsolationException;

/**
 * The Spring Boot versions DbIsolation supports: 4.0.x and 4.1.x (tested on the oldest
 * and newest of them). Spring Boot 3 and older lack the modules DbIsolation hooks into; a
 * later 4.x is let through with a warning.
 */
final class BootVersion {

	private static final Log logger = LogFactory.getLog(BootVersion.class);

	static final String SUPPORTED = "4.0.x and 4.1.x";

	private static volatile boolean checked;

	private BootVersion() {
	}

	/**
	 * Checks the running Spring Boot, once per JVM.
	 */
	static void check() {
		if (!checked) {
			check(SpringBootVersion.getVersion());
			checked = true;
		}
	}

	/**
	 * Checks a Spring Boot version.
	 * @param version the version, {@code null} if unknown (a repackaged jar)
	 * @throws DbIsolationException if DbIsolation cannot work with it
	 */
	static void check(String version) {
		if (version == null) {
			return;
		}
		String[] parts = version.split("[.-]");
		int major = number(parts, 0);
		int minor = number(parts, 1);
		if (major < 4 || major > 4) {
			throw new DbIsolationException(
					"DbIsolation does not support Spring Boot '" + version + "': it supports Spring Boot " + SUPPORTED
							+ ". Move to Spring Boot 4.0 or 4.1" + ", or remove the DbIsolation test dependency.");
		}
		if (minor > 1) {
			logger.warn("DbIsolation was tested with Spring Boot " + SUPPORTED + ", not with '" + version
					+ "'; report what fails to the project");
		}
	}

	private static int number(String[] parts, int index) {
		try {
			return (parts.length > index) ? Integer.parseInt(parts[index]) : 0;
		}
		catch (NumberFormatException ex) {
			return 0;
		}
	}

}
