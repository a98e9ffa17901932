package io.dbisolation.benchmarks;

import io.dbisolation.schema.PrivateSchema;
import io.dbisolation.schema.SchemaOwner;
import io.dbisolation.schema.Template;
import io.dbisolation.server.DatabaseServer;

/**
 * Time to a ready private schema: cloned from the template, against running the sample
 * app's migrations into an empty schema. The two are measured alternately in one run.
 * <p>
 * Arguments: {@code [rounds] [jdbc-url user password]}; without a URL the embedded
 * MariaDB is used.
 */
public final class SchemaFromTemplateBenchmark {

	private SchemaFromTemplateBenchmark() {
	}

	public static void main(String[] args) {
		int rounds = (args.length > 0) ? Integer.parseInt(args[0]) : 20;
		DatabaseServer server = (args.length > 1)
				? DatabaseServer.configured(args[1], args[2], (args.length > 3) ? args[3] : "")
				: BenchmarkServer.embedded();
		SchemaOwner owner = SchemaOwner.open(server);
		try {
			Template template = BenchmarkServer.sampleTemplate(owner);
			Stats clone = new Stats();
			Stats migrate = new Stats();
			for (int i = 0; i < rounds + 2; i++) {
				long cloned = timeClone(owner, template);
				long migrated = timeMigrate(owner, server);
				if (i >= 2) {
					clone.add(cloned);
					migrate.add(migrated);
				}
			}
			System.out.printf("Server: %s (%s)%n", server, server.engineVersion());
			System.out.printf("Sample app: %d tables, views, triggers and routines; %d tables with rows%n",
					template.snapshot().objectCount(), template.snapshot().rowsToCopy().size());
			System.out.printf("create + clone from template : %s%n", clone.describe());
			System.out.printf("create + Flyway migrate      : %s%n", migrate.describe());
			System.out.printf("ratio migrate / clone (medians): %.2f%n", migrate.median() / clone.median());
		}
		finally {
			owner.close();
		}
	}

	private static long timeClone(SchemaOwner owner, Template template) {
		long start = System.nanoTime();
		PrivateSchema schema = owner.create();
		schema.cloneFrom(template);
		long elapsed = System.nanoTime() - start;
		schema.destroy();
		return elapsed;
	}

	private static long timeMigrate(SchemaOwner owner, DatabaseServer server) {
		long start = System.nanoTime();
		PrivateSchema schema = owner.create();
		BenchmarkServer.sampleFlyway(server, schema.name()).migrate();
		long elapsed = System.nanoTime() - start;
		schema.destroy();
		return elapsed;
	}

}
