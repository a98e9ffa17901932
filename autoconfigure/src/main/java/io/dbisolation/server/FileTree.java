package io.dbisolation.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Copying and deleting directory trees for the embedded server's files.
 */
final class FileTree {

	private FileTree() {
	}

	static void copy(Path source, Path target) throws IOException {
		try (Stream<Path> paths = Files.walk(source)) {
			for (Path path : (Iterable<Path>) paths::iterator) {
				Files.copy(path, target.resolve(source.relativize(path).toString()));
			}
		}
	}

	static void delete(Path path) throws IOException {
		if (!Files.exists(path)) {
			return;
		}
		try (Stream<Path> paths = Files.walk(path)) {
			for (Path each : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
				Files.delete(each);
			}
		}
	}

}
