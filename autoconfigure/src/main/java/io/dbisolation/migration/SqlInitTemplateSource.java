package io.dbisolation.migration;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;
import org.springframework.core.io.support.ResourcePatternResolver;
import org.springframework.core.io.support.ResourcePatternUtils;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;
import org.springframework.jdbc.datasource.init.ScriptException;

import io.dbisolation.schema.TemplateSource;
import io.dbisolation.server.DatabaseServer;
import io.dbisolation.test.DbIsolationException;

/**
 * A template filled by the application's {@code spring.sql.init} scripts (schema scripts,
 * then data scripts), resolved as Spring Boot resolves them. Its hash covers the scripts'
 * locations and contents and the settings that change how they run.
 */
public final class SqlInitTemplateSource implements TemplateSource {

	private static final String PREFIX = "spring.sql.init.";

	private static final String OPTIONAL = "optional:";

	private static final String SCRIPT_ACTION = "Fix the script, or check that it runs on MySQL.";

	private final List<Resource> scripts;

	private final String separator;

	private final Charset encoding;

	private final boolean continueOnError;

	private final String hash;

	private SqlInitTemplateSource(List<Resource> scripts, String separator, Charset encoding, boolean continueOnError,
			String hash) {
		this.scripts = scripts;
		this.separator = separator;
		this.encoding = encoding;
		this.continueOnError = continueOnError;
		this.hash = hash;
	}

	/**
	 * Whether the application's SQL scripts run on a server like ours: with
	 * {@code spring.sql.init.mode=always}. In the default mode, {@code embedded}, Spring
	 * Boot runs them only on in-memory databases.
	 * @param environment the test context's environment
	 * @return {@code true} if the scripts would run
	 */
	public static boolean applies(Environment environment) {
		return "always".equals(environment.getProperty(PREFIX + "mode", "embedded").toLowerCase(Locale.ROOT));
	}

	/**
	 * Resolves the scripts the application's {@code spring.sql.init} settings name.
	 * @param environment the test context's environment
	 * @param resourceLoader where scripts are found
	 * @param engine the engine name and version
	 * @return the source, empty if no script exists
	 */
	public static Optional<SqlInitTemplateSource> of(Environment environment, ResourceLoader resourceLoader,
			String engine) {
		Binder binder = Binder.get(environment);
		String platform = binder.bind(PREFIX + "platform", String.class).orElse("all");
		List<Resource> scripts = new ArrayList<>();
		scripts.addAll(resolve(binder, resourceLoader, "schema", platform));
		scripts.addAll(resolve(binder, resourceLoader, "data", platform));
		if (scripts.isEmpty()) {
			return Optional.empty();
		}
		String separator = binder.bind(PREFIX + "separator", String.class).orElse(";");
		Charset encoding = binder.bind(PREFIX + "encoding", Charset.class).orElse(null);
		boolean continueOnError = binder.bind(PREFIX + "continue-on-error", Boolean.class).orElse(false);
		TemplateHash hash = TemplateHash.of("spring.sql.init")
			.line("engine", engine)
			.line("separator", separator)
			.line("encoding", encoding)
			.line("continueOnError", continueOnError);
		for (Resource script : scripts) {
			hash.content(script.getDescription(), read(script));
		}
		return Optional
			.of(new SqlInitTemplateSource(List.copyOf(scripts), separator, encoding, continueOnError, hash.value()));
	}

	private static List<Resource> resolve(Binder binder, ResourceLoader resourceLoader, String kind, String platform) {
		String property = PREFIX + kind + "-locations";
		List<String> locations = binder.bind(property, Bindable.listOf(String.class))
			.orElse(List.of(OPTIONAL + "classpath*:" + kind + "-" + platform + ".sql",
					OPTIONAL + "classpath*:" + kind + ".sql"));
		ResourcePatternResolver resolver = ResourcePatternUtils.getResourcePatternResolver(resourceLoader);
		List<Resource> scripts = new ArrayList<>();
		for (String location : locations) {
			boolean optional = location.startsWith(OPTIONAL);
			String pattern = optional ? location.substring(OPTIONAL.length()) : location;
			List<Resource> found = find(resolver, pattern);
			if (found.isEmpty() && !optional) {
				throw new DbIsolationException("No SQL script found at '" + pattern + "', named in '" + property + "'.",
						"Fix the location, or prefix it with 'optional:' if the script may be missing.", null);
			}
			scripts.addAll(found);
		}
		return scripts;
	}

	private static List<Resource> find(ResourcePatternResolver resolver, String pattern) {
		try {
			return Arrays.stream(resolver.getResources(pattern))
				.filter(Resource::exists)
				.sorted(Comparator.comparing(Resource::getDescription))
				.toList();
		}
		catch (IOException ex) {
			throw new DbIsolationException("Could not read the SQL scripts at '" + pattern + "': " + ex.getMessage(),
					ex);
		}
	}

	private static byte[] read(Resource script) {
		try (InputStream content = script.getInputStream()) {
			return content.readAllBytes();
		}
		catch (IOException ex) {
			throw new DbIsolationException(
					"Could not read the SQL script '" + script.getDescription() + "': " + ex.getMessage(), ex);
		}
	}

	@Override
	public String hash() {
		return this.hash;
	}

	@Override
	public void migrate(DatabaseServer server, String schema) {
		ResourceDatabasePopulator populator = new ResourceDatabasePopulator();
		populator.setSeparator(this.separator);
		populator.setContinueOnError(this.continueOnError);
		for (Resource script : this.scripts) {
			populator.addScript(script);
		}
		if (this.encoding != null) {
			populator.setSqlScriptEncoding(this.encoding.name());
		}
		try (Connection connection = server.connect(schema)) {
			populator.populate(connection);
		}
		catch (ScriptException ex) {
			throw new DbIsolationException(
					"Could not run the spring.sql.init scripts in template '" + schema + "': " + ex.getMessage() + ".",
					SCRIPT_ACTION, ex);
		}
		catch (SQLException ex) {
			throw new DbIsolationException(
					"Could not run the spring.sql.init scripts in template '" + schema + "': " + ex.getMessage()
							+ " (SQLState " + ex.getSQLState() + ", vendor code " + ex.getErrorCode() + ").",
					SCRIPT_ACTION, ex);
		}
	}

	@Override
	public String description() {
		return "spring.sql.init, " + this.scripts.size() + " scripts";
	}

}
