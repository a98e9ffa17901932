package io.dbisolation.migration;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.callback.Context;
import org.flywaydb.core.api.callback.Event;
import org.flywaydb.core.api.configuration.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What of a Flyway configuration the template hash covers beyond the resolved migrations:
 * SQL callbacks, which {@code info()} does not list, by content, and Java callbacks by
 * bytecode, the same in every checkout.
 */
class FlywayContentTests {

	@TempDir
	Path work;

	@Test
	void changedSqlCallbackChangesTheHash() throws IOException {
		Path migrations = scripts("a", "INSERT INTO colors VALUES ('red')");
		String before = hash(configuration(migrations));
		Files.writeString(migrations.resolve("afterMigrate.sql"), "INSERT INTO colors VALUES ('blue')");
		assertThat(hash(configuration(migrations))).isNotEqualTo(before);
	}

	@Test
	void sameScriptsInAnotherCheckoutGiveTheSameHash() throws IOException {
		Path one = scripts("one", "INSERT INTO colors VALUES ('red')");
		Path other = scripts("other", "INSERT INTO colors VALUES ('red')");
		assertThat(hash(configuration(one))).isEqualTo(hash(configuration(other)));
	}

	@Test
	void filesThatAreNotScriptsDoNotCount() throws IOException {
		Path migrations = scripts("a", "INSERT INTO colors VALUES ('red')");
		String before = hash(configuration(migrations));
		Files.writeString(migrations.resolve("README.md"), "notes");
		assertThat(hash(configuration(migrations))).isEqualTo(before);
	}

	@Test
	void javaCallbackCountsByItsClass() throws IOException {
		Path migrations = scripts("a", "INSERT INTO colors VALUES ('red')");
		Configuration plain = configuration(migrations);
		Configuration withCallback = Flyway.configure()
			.locations("filesystem:" + migrations)
			.callbacks(new SeedCallback());
		assertThat(hash(withCallback)).isNotEqualTo(hash(plain));
	}

	private Path scripts(String checkout, String afterMigrate) throws IOException {
		Path directory = Files.createDirectories(this.work.resolve(checkout).resolve("db/migration"));
		Files.writeString(directory.resolve("V1__colors.sql"), "CREATE TABLE colors (name VARCHAR(20))");
		Files.writeString(directory.resolve("afterMigrate.sql"), afterMigrate);
		return directory;
	}

	private static Configuration configuration(Path migrations) {
		return Flyway.configure().locations("filesystem:" + migrations);
	}

	private static String hash(Configuration configuration) {
		TemplateHash hash = TemplateHash.of("flyway");
		FlywayContent.addTo(hash, configuration, new MigrationInfo[0]);
		return hash.value();
	}

	static final class SeedCallback implements Callback {

		@Override
		public boolean supports(Event event, Context context) {
			return event == Event.AFTER_MIGRATE;
		}

		@Override
		public boolean canHandleInTransaction(Event event, Context context) {
			return true;
		}

		@Override
		public void handle(Event event, Context context) {
		}

		@Override
		public String getCallbackName() {
			return "seed";
		}

	}

}
