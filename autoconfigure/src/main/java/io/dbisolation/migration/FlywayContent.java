package io.dbisolation.migration;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.flywaydb.core.api.Location;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.configuration.Configuration;

import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

import io.dbisolation.test.DbIsolationException;

/**
 * What shapes a Flyway template beyond its resolved migrations: the SQL callbacks
 * ({@code afterMigrate.sql} and the like, which {@code info()} does not list) and every
 * other script in the migration and callback locations, by content, and the classes of
 * Java migrations without a checksum and of Java callbacks, by their bytecode.
 */
final class FlywayContent {

	private FlywayContent() {
	}

	static void addTo(TemplateHash hash, Configuration configuration, MigrationInfo[] migrations) {
		ClassLoader classLoader = configuration.getClassLoader();
		for (Script script : scripts(configuration)) {
			hash.content("script " + script.path(), read(script.resource()));
		}
		for (MigrationInfo migration : migrations) {
			if (migration.getChecksum() == null && migration.getScript() != null) {
				classBytes(classLoader, migration.getScript())
					.ifPresent((bytes) -> hash.content("class " + migration.getScript(), bytes));
			}
		}
		Arrays.stream(configuration.getCallbacks())
			.map((callback) -> callback.getClass().getName())
			.sorted()
			.forEach(
					(name) -> classBytes(classLoader, name).ifPresent((bytes) -> hash.content("class " + name, bytes)));
	}

	/**
	 * The scripts of the classpath and file-system locations, named by their path below
	 * the location so that the hash is the same in every checkout.
	 */
	private static List<Script> scripts(Configuration configuration) {
		Set<Location> locations = new LinkedHashSet<>(Arrays.asList(configuration.getLocations()));
		locations.addAll(Arrays.asList(configuration.getCallbackLocations()));
		PathMatchingResourcePatternResolver resolver = new PathMatchingResourcePatternResolver(
				configuration.getClassLoader());
		List<Script> scripts = new ArrayList<>();
		int index = 0;
		for (Location location : locations) {
			index++;
			if (!location.isClassPath() && !location.isFileSystem()) {
				continue;
			}
			// a file-system location's path differs between checkouts: it counts by
			// position
			String key = location.isClassPath() ? location.getDescriptor() : "filesystem#" + index;
			String root = location.getRootPath().replaceAll("/+$", "");
			String pattern = (location.isClassPath() ? "classpath*:" : "file:") + root + "/**/*";
			try {
				for (Resource resource : resolver.getResources(pattern)) {
					String name = resource.getFilename();
					if (name != null && resource.isReadable() && hasSuffix(name, configuration)) {
						String url = resource.getURL().toString();
						int at = url.lastIndexOf(root + "/");
						scripts.add(new Script(key + ":" + ((at >= 0) ? url.substring(at + root.length() + 1) : name),
								resource));
					}
				}
			}
			catch (IOException ex) {
				throw new DbIsolationException("Could not read the Flyway scripts in '" + location.getDescriptor()
						+ "': " + ex.getMessage() + ".",
						"Check that the location is readable, or fix 'spring.flyway.locations'.", ex);
			}
		}
		scripts.sort(Comparator.comparing(Script::path));
		return scripts;
	}

	private static boolean hasSuffix(String name, Configuration configuration) {
		return Arrays.stream(configuration.getSqlMigrationSuffixes()).anyMatch(name::endsWith);
	}

	private static Optional<byte[]> classBytes(ClassLoader classLoader, String className) {
		String resource = className.replace('.', '/') + ".class";
		try (InputStream bytes = (classLoader != null) ? classLoader.getResourceAsStream(resource)
				: ClassLoader.getSystemResourceAsStream(resource)) {
			// a hidden or generated class has no class file; its name is in the hash
			return (bytes != null) ? Optional.of(bytes.readAllBytes()) : Optional.empty();
		}
		catch (IOException ex) {
			return Optional.empty();
		}
	}

	private static byte[] read(Resource resource) {
		try (InputStream content = resource.getInputStream()) {
			return content.readAllBytes();
		}
		catch (IOException ex) {
			throw new DbIsolationException(
					"Could not read '" + resource.getDescription() + "': " + ex.getMessage() + ".",
					"Check that the file is readable.", ex);
		}
	}

	private record Script(String path, Resource resource) {

	}

}
