package io.dbisolation.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A stale pid file never gets another process stopped: only a process whose command line
 * carries the cache directory's data directory and port is taken for its server.
 */
class EmbeddedMariaDbOrphanTests {

	@TempDir
	Path home;

	private final List<Process> started = new ArrayList<>();

	private Path fakeServer;

	@BeforeEach
	void copyAShellNamedMariadbd() throws IOException {
		// a copy, not a link: the kernel reports a link's target as the command
		this.fakeServer = this.home.resolve("bin/mariadbd");
		Files.createDirectories(this.fakeServer.getParent());
		Files.copy(Path.of("/bin/sh"), this.fakeServer, StandardCopyOption.COPY_ATTRIBUTES);
	}

	@AfterEach
	void stopStarted() throws InterruptedException {
		for (Process process : this.started) {
			process.descendants().forEach(ProcessHandle::destroyForcibly);
			process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
		}
	}

	@Test
	void stalePidFileNamingAnotherMariadbdLeavesItAlive() throws IOException {
		Process other = startFakeServer("--datadir=/var/lib/mysql", "--port=3306");
		writePidAndPort(other, 3306);
		EmbeddedMariaDb.stopOrphan(this.home);
		assertThat(other.isAlive()).isTrue();
		assertThat(this.home.resolve("mariadbd.pid")).doesNotExist();
		assertThat(this.home.resolve("port")).doesNotExist();
	}

	@Test
	void stalePidFileNamingAServerOfThisDirectoryOnAnotherPortLeavesItAlive() throws IOException {
		Process other = startFakeServer("--datadir=" + this.home.resolve("data"),
				"--pid-file=" + this.home.resolve("mariadbd.pid"), "--port=4406");
		writePidAndPort(other, 4407);
		EmbeddedMariaDb.stopOrphan(this.home);
		assertThat(other.isAlive()).isTrue();
	}

	@Test
	void orphanOfThisDirectoryIsStopped() throws Exception {
		Process orphan = startFakeServer("--datadir=" + this.home.resolve("data"),
				"--pid-file=" + this.home.resolve("mariadbd.pid"), "--port=4406");
		writePidAndPort(orphan, 4406);
		assertThat(EmbeddedMariaDb.serverProcess(this.home)).isPresent();
		EmbeddedMariaDb.stopOrphan(this.home);
		assertThat(orphan.waitFor(10, TimeUnit.SECONDS)).isTrue();
		assertThat(this.home.resolve("mariadbd.pid")).doesNotExist();
	}

	private Process startFakeServer(String... arguments) throws IOException {
		List<String> command = new ArrayList<>(List.of(this.fakeServer.toString(), "-c", "sleep 120 & wait", "sh"));
		command.addAll(List.of(arguments));
		Process process = new ProcessBuilder(command).start();
		this.started.add(process);
		return process;
	}

	private void writePidAndPort(Process process, int port) throws IOException {
		Files.writeString(this.home.resolve("mariadbd.pid"), Long.toString(process.pid()));
		Files.writeString(this.home.resolve("port"), Integer.toString(port));
	}

}
