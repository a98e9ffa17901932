#!/usr/bin/env bash
# Builds the library and runs the benchmarks. Usage: benchmarks/run.sh [schema|rollback|per-test|pg-recycle|start|report|scale|all] [rounds]
set -euo pipefail
cd "$(dirname "$0")/.."
what=${1:-all}
rounds=${2:-20}
mvn -B -q install -DskipTests -Ddbisolation.library-tests.skip=true
mvn -B -q -f benchmarks/pom.xml dependency:build-classpath -Dmdep.outputFile=target/classpath.txt
cp="benchmarks/target/classes:$(cat benchmarks/target/classpath.txt)"
if [ "$what" = schema ] || [ "$what" = all ]; then
	echo "== Time to a private schema: clone from template vs. migrate from scratch (embedded MariaDB)"
	java -cp "$cp" io.dbisolation.benchmarks.SchemaFromTemplateBenchmark "$rounds" 2>/dev/null
	if mariadb-admin --protocol=tcp -h127.0.0.1 -uroot ping >/dev/null 2>&1; then
		echo "== The same on 127.0.0.1:3306"
		java -cp "$cp" io.dbisolation.benchmarks.SchemaFromTemplateBenchmark "$rounds" \
			jdbc:mysql://127.0.0.1:3306/test root "" 2>/dev/null
	fi
fi
if [ "$what" = rollback ] || [ "$what" = all ]; then
	echo "== Per-test rollback: Spring @Transactional vs. @DbIsolation (embedded MariaDB)"
	java -cp "$cp" io.dbisolation.benchmarks.RollbackBenchmark 5 2>/dev/null
fi
if [ "$what" = per-test ] || [ "$what" = all ]; then
	echo "== A fresh schema per test: pool vs. clone vs. migrate; race test suite time (embedded MariaDB)"
	java -cp "$cp" io.dbisolation.benchmarks.PerTestSchemaBenchmark "$rounds" 2>/dev/null
fi
if [ "$what" = pg-recycle ] || [ "$what" = all ]; then
	echo "== A used PostgreSQL clone made fresh: recycled in place vs. drop + clone (embedded PostgreSQL)"
	java -cp "$cp" io.dbisolation.schema.PostgresRecycleBenchmark "$rounds" 2>/dev/null
	if pg_isready -h 127.0.0.1 -p 5432 -q 2>/dev/null; then
		echo "== The same on 127.0.0.1:5432"
		java -cp "$cp" io.dbisolation.schema.PostgresRecycleBenchmark "$rounds" \
			jdbc:postgresql://127.0.0.1:5432/postgres postgres 2>/dev/null
	fi
fi
if [ "$what" = report ] || [ "$what" = all ]; then
	echo "== What the run's report costs a test: recorder on vs. off"
	java -cp "$cp" io.dbisolation.benchmarks.RecorderBenchmark "$rounds" 2>/dev/null
fi
if [ "$what" = start ] || [ "$what" = all ]; then
	echo "== Embedded MariaDB start time"
	java -cp "$cp" io.dbisolation.benchmarks.EmbeddedStartBenchmark 5 2>/dev/null
fi
if [ "$what" = scale ] || [ "$what" = all ]; then
	echo "== 25 to 200 distinct contexts in 2 JVMs on a MariaDB with max_connections=151"
	java -cp "$cp" io.dbisolation.benchmarks.scale.ScaleBenchmark \
		"${DBISOLATION_CACHE:-$HOME/.cache/dbisolation}" 25 50 100 200 2>/dev/null
fi
