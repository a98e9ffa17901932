package io.dbisolation.migration;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The content hash of a template: every line that shapes what a source builds (its tool,
 * version, settings and scripts, and the engine) goes in, and equal hashes mean
 * interchangeable templates.
 */
final class TemplateHash {

	private final MessageDigest digest;

	private TemplateHash(String source) {
		try {
			this.digest = MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
		// the server's settings and the clone format join in when the template is named
		line("source", source);
	}

	static TemplateHash of(String source) {
		return new TemplateHash(source);
	}

	TemplateHash line(String key, Object value) {
		this.digest.update((key + "=" + value + "\n").getBytes(StandardCharsets.UTF_8));
		return this;
	}

	TemplateHash content(String key, byte[] content) {
		line(key, content.length);
		this.digest.update(content);
		return this;
	}

	/**
	 * The hash as a template name takes it.
	 * @return 16 lower-case hex digits
	 */
	String value() {
		return HexFormat.of().formatHex(this.digest.digest()).substring(0, 16);
	}

}
