package io.dbisolation.dialect;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.dbisolation.test.DbIsolationException;

/**
 * A JDBC URL of the {@code jdbc:<driver>://<authority>/<database>?<parameters>} form that
 * MySQL, MariaDB and PostgreSQL drivers share, with the database part replaceable and a
 * form that is safe to print.
 */
public final class JdbcUrl {

	private static final Pattern URL = Pattern.compile("(jdbc:[a-z0-9:]+://)([^/?]*)(/[^?]*)?(\\?.*)?",
			Pattern.CASE_INSENSITIVE);

	private static final Pattern SECRET_PARAMETER = Pattern.compile("(?i)([?&;](password|pwd|sslkey\\w*)=)[^&;]*");

	private final String prefix;

	private final String authority;

	private final String database;

	private final String parameters;

	private JdbcUrl(String prefix, String authority, String database, String parameters) {
		this.prefix = prefix;
		this.authority = authority;
		this.database = database;
		this.parameters = parameters;
	}

	/**
	 * Whether the URL is one of Testcontainers' {@code jdbc:tc:} URLs, which start a
	 * container when first used.
	 * @param url a JDBC URL
	 * @return {@code true} for a Testcontainers URL
	 */
	public static boolean isTestcontainers(String url) {
		return url != null && url.trim().regionMatches(true, 0, "jdbc:tc:", 0, 8);
	}

	/**
	 * A URL with the values of its secret parameters (passwords, keys) removed, for
	 * messages; works also on URLs this class cannot parse.
	 * @param url a JDBC URL
	 * @return the URL without secrets
	 */
	public static String withoutSecrets(String url) {
		return SECRET_PARAMETER.matcher(url).replaceAll("$1***");
	}

	/**
	 * Parses the given URL.
	 * @param url a JDBC URL
	 * @return the parsed URL
	 * @throws DbIsolationException if the URL names an engine that DbIsolation does not
	 * support, or is not of the supported form
	 */
	public static JdbcUrl parse(String url) {
		String unsupported = UnsupportedEngines.fromUrl(url);
		if (unsupported != null) {
			throw UnsupportedEngines.failure(unsupported);
		}
		Matcher matcher = URL.matcher(url.trim());
		if (!matcher.matches()) {
			throw new DbIsolationException(
					"Unsupported JDBC URL '" + new JdbcUrl(url, "", "", "").toSafeString()
							+ "': expected the form jdbc:<driver>://<host>:<port>/<database>.",
					"Write 'spring.datasource.url' in that form, such as jdbc:mysql://127.0.0.1:3306/app, or remove "
							+ "it to use the embedded MariaDB.",
					null);
		}
		String path = (matcher.group(3) != null) ? matcher.group(3).substring(1) : "";
		String parameters = (matcher.group(4) != null) ? matcher.group(4) : "";
		return new JdbcUrl(matcher.group(1), matcher.group(2), path, parameters);
	}

	/**
	 * The database the URL names, empty if it names none.
	 * @return the database name
	 */
	public String database() {
		return this.database;
	}

	/**
	 * Where the server is, without user information: equal for URLs of the same server
	 * whatever their driver, database or parameters.
	 * @return the host and port, in lower case
	 */
	public String hostAndPort() {
		String hostAndPort = this.authority.substring(this.authority.lastIndexOf('@') + 1).toLowerCase();
		return hostAndPort.replace("localhost", "127.0.0.1");
	}

	/**
	 * The driver part, {@code mysql}, {@code mariadb} or {@code postgresql}.
	 * @return the driver subprotocol, in lower case
	 */
	public String subprotocol() {
		return this.prefix.substring("jdbc:".length(), this.prefix.length() - "://".length()).toLowerCase();
	}

	/**
	 * The same URL, naming another database.
	 * @param database the database to name
	 * @return the new URL
	 */
	public JdbcUrl withDatabase(String database) {
		return new JdbcUrl(this.prefix, this.authority, database, this.parameters);
	}

	/**
	 * The URL with any user information and password-like parameters masked, for messages
	 * and logs.
	 * @return a form of the URL that never contains a password
	 */
	public String toSafeString() {
		String authority = this.authority.contains("@")
				? "***@" + this.authority.substring(this.authority.lastIndexOf('@') + 1) : this.authority;
		String text = this.prefix + authority + (this.database.isEmpty() ? "" : "/" + this.database) + this.parameters;
		return SECRET_PARAMETER.matcher(text).replaceAll("$1***");
	}

	/**
	 * The URL to connect with. Never log it: it may hold a password.
	 * @return the full URL
	 */
	public String value() {
		return this.prefix + this.authority + "/" + this.database + this.parameters;
	}

	@Override
	public String toString() {
		return toSafeString();
	}

}
