package io.dbisolation.schema;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import org.flywaydb.core.Flyway;

import io.dbisolation.migration.FlywayTemplateSource;
import io.dbisolation.server.DatabaseServer;
import io.dbisolation.server.EmbeddedPostgres;

/**
 * How a PostgreSQL clone that a {@code SCHEMA_PER_TEST} test used is best made fresh
 * again: recycled in place (structure compared, changed tables found by checksums,
 * truncated with {@code RESTART IDENTITY} and refilled, sequences set back) or dropped
 * and cloned anew with {@code CREATE DATABASE ... TEMPLATE}. The template is
 * sample-postgres's migrations; each round a clone gets a typical test's writes (one
 * table) and a busy test's (three tables, and the two that reference them truncated with
 * them), and each way is timed on it, alternately, in one run. In this package for the
 * owner's package-private recycling.
 * <p>
 * Arguments: {@code [rounds] [url user]}; without a URL, the embedded PostgreSQL in
 * {@code /tmp/dbisolation-benchmarks}.
 */
public final class PostgresRecycleBenchmark {

	private static final String[] TYPICAL = { "INSERT INTO orders (account_id, total_cents) VALUES (1, 990)" };

	private static final String[] BUSY = {
			"INSERT INTO account (email, password_hash) VALUES ('linus@example.com', 'x')",
			"INSERT INTO orders (account_id, total_cents) VALUES (3, 990)",
			"INSERT INTO payment_attempt (account_id, total_cents) VALUES (3, 990)" };

	private PostgresRecycleBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		int rounds = (args.length > 0) ? Integer.parseInt(args[0]) : 15;
		DatabaseServer server = (args.length > 2) ? DatabaseServer.configured(args[1], args[2], "")
				: EmbeddedPostgres.obtain(Path.of("/tmp/dbisolation-benchmarks")).server();
		SchemaOwner owner = SchemaOwner.open(server);
		try {
			PrivateSchema probe = owner.create();
			Template template;
			try {
				Flyway flyway = Flyway.configure()
					.dataSource(server.url(probe.name()).value(), server.username(), server.password())
					.locations("filesystem:sample-postgres/src/main/resources/db/migration")
					.load();
				template = owner.template(FlywayTemplateSource.of(flyway, server.engineVersion()));
			}
			finally {
				probe.destroy();
			}
			String structure = null;
			List<Long> recycleTypical = new ArrayList<>();
			List<Long> recycleBusy = new ArrayList<>();
			List<Long> cloneTypical = new ArrayList<>();
			List<Long> cloneBusy = new ArrayList<>();
			PrivateSchema clone = fresh(owner, template);
			structure = owner.structure(clone.name());
			for (int round = 0; round < rounds + 2; round++) {
				boolean counted = round >= 2;
				for (String[] writes : List.of(TYPICAL, BUSY)) {
					execute(server, clone.name(), writes);
					long start = System.nanoTime();
					if (!owner.recycle(template, clone.name(), structure)) {
						throw new IllegalStateException("Not recycled: " + clone.name());
					}
					long recycled = System.nanoTime() - start;
					execute(server, clone.name(), writes);
					start = System.nanoTime();
					clone.destroy();
					clone = fresh(owner, template);
					long recloned = System.nanoTime() - start;
					if (counted) {
						((writes == TYPICAL) ? recycleTypical : recycleBusy).add(recycled);
						((writes == TYPICAL) ? cloneTypical : cloneBusy).add(recloned);
					}
				}
			}
			clone.destroy();
			System.out.printf(
					"Making a used clone fresh, %s, sample-postgres template, %d rounds, median (min-max) ms%n",
					server.engineVersion(), rounds);
			System.out.printf("typical test (1 table written): recycle %s | drop + clone %s | ratio %.1f%n",
					describe(recycleTypical), describe(cloneTypical),
					(double) median(cloneTypical) / median(recycleTypical));
			System.out.printf("busy test (3 tables written)  : recycle %s | drop + clone %s | ratio %.1f%n",
					describe(recycleBusy), describe(cloneBusy), (double) median(cloneBusy) / median(recycleBusy));
		}
		finally {
			owner.close();
		}
		System.exit(0);
	}

	private static PrivateSchema fresh(SchemaOwner owner, Template template) {
		PrivateSchema schema = owner.create();
		schema.cloneFrom(template);
		return schema;
	}

	private static void execute(DatabaseServer server, String database, String... statements) throws SQLException {
		try (Connection connection = server.connect(database); Statement statement = connection.createStatement()) {
			for (String sql : statements) {
				statement.execute(sql);
			}
		}
	}

	private static long median(List<Long> values) {
		List<Long> sorted = values.stream().sorted().toList();
		return sorted.get(sorted.size() / 2);
	}

	private static String describe(List<Long> values) {
		List<Long> sorted = values.stream().sorted().toList();
		return String.format("%.1f (%.1f-%.1f)", median(values) / 1e6, sorted.get(0) / 1e6,
				sorted.get(sorted.size() - 1) / 1e6);
	}

}
