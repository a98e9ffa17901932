#!/usr/bin/env bash
# The speed guide's table: runs the sample suites under the setups users choose between, interleaved
# (every round runs every setup once, in a rotating order), and prints medians and ratios against
# the sample's current default. Usage: benchmarks/speed.sh [rounds] [suites]
#   rounds  how many times each setup runs (default 3)
#   suites  comma-separated sample modules (default sample-app,sample-jpa)
# Set DBISO_BENCH_VARIANTS to a space-separated subset of the setup names to run only those.
# The embedded server lives in -Ddbisolation.embedded.cache-directory, DBISO_BENCH_CACHE
# (default ~/.cache/dbisolation). Setups on a server need a MariaDB/MySQL on 127.0.0.1:3306 (root,
# no password); without one they are left out.
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-3}
suites=${2:-sample-app,sample-jpa}
cache=${DBISO_BENCH_CACHE:-$HOME/.cache/dbisolation}
out=benchmarks/target/speed
mkdir -p "$out"
results="$out/results.tsv"

echo "== Building (once)"
mvn -B -q -pl "benchmarks,$suites" -am test-compile -Ddbisolation.library-tests.skip=true
fresh="$out/fresh-context"
rm -rf "$fresh" && mkdir -p "$fresh/io/dbisolation/benchmarks"
cp -r benchmarks/target/classes/io/dbisolation/benchmarks/freshcontext "$fresh/io/dbisolation/benchmarks/"
cp -r benchmarks/src/fresh-context/META-INF "$fresh/"
fresh_cp="-Dmaven.test.additionalClasspath=$PWD/$fresh"

server="-Dspring.datasource.url=jdbc:mysql://127.0.0.1:3306/test -Dspring.datasource.username=root -Dspring.datasource.password="
serial="-Djunit.jupiter.execution.parallel.enabled=false"
# name|what|maven arguments (forks: the samples' sample.forks property)
variants=(
	"f2-par|2 forks, parallel classes (old default)|-Dsample.forks=2"
	"f2-seq|2 forks, classes one at a time|-Dsample.forks=2 $serial"
	"f1-par|1 fork, parallel classes (one thread per core)|-Dsample.forks=1"
	"f1-par2x|1 fork, parallel classes (2 threads per core)|-Dsample.forks=1 -Djunit.jupiter.execution.parallel.config.dynamic.factor=2"
	"f1-seq|1 fork, classes one at a time|-Dsample.forks=1 $serial"
	"fresh-f1-par|fresh context per class, 1 fork, parallel|-Dsample.forks=1 $fresh_cp"
	"fresh-f2-seq|fresh context per class, 2 forks, one at a time|-Dsample.forks=2 $serial $fresh_cp"
	"srv-f2-par|server 3306, 2 forks, parallel classes|-Dsample.forks=2 $server"
	"srv-f1-par|server 3306, 1 fork, parallel classes|-Dsample.forks=1 $server"
	"build-only|Maven and the build without the suite (overhead)|-DskipITs"
)
if [ -n "${DBISO_BENCH_VARIANTS:-}" ]; then
	selected=()
	for v in "${variants[@]}"; do
		[[ " $DBISO_BENCH_VARIANTS " == *" ${v%%|*} "* ]] && selected+=("$v")
	done
	variants=("${selected[@]}")
fi
if ! mariadb-admin --protocol=tcp -h127.0.0.1 -P3306 -uroot ping >/dev/null 2>&1; then
	echo "No MariaDB/MySQL on 127.0.0.1:3306: the server setups are left out"
	selected=()
	for v in "${variants[@]}"; do [[ $v == srv-* ]] || selected+=("$v"); done
	variants=("${selected[@]}")
fi

printf 'suite\tsetup\tround\tseconds\texit\tload\n' >"$results"
count=${#variants[@]}
for round in $(seq 1 "$rounds"); do
	for i in $(seq 0 $((count - 1))); do
		v=${variants[$(((i + round - 1) % count))]}
		name=${v%%|*}
		args=${v##*|}
		for suite in ${suites//,/ }; do
			log="$out/$suite-$name-$round.log"
			start=$(date +%s.%N)
			# shellcheck disable=SC2086
			if mvn -B -pl "$suite" -am verify -Ddbisolation.library-tests.skip=true \
				-Ddbisolation.embedded.cache-directory="$cache" $args >"$log" 2>&1; then
				status=0
			else
				status=$?
			fi
			end=$(date +%s.%N)
			seconds=$(echo "$end - $start" | bc)
			load=$(cut -d' ' -f1 /proc/loadavg)
			printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$suite" "$name" "$round" "$seconds" "$status" "$load" >>"$results"
			printf 'round %s  %-12s %-13s %6.1f s  exit %s\n' "$round" "$suite" "$name" "$seconds" "$status"
		done
	done
done

echo
loads=$(awk -F'\t' 'NR > 1 { print $6 }' "$results" | sort -n | sed -n '1p;$p' | paste -sd-)
echo "== Medians ($rounds rounds, interleaved; machine: $(nproc) cores; 1-minute load average after the runs: $loads)"
descriptions=$(for v in "${variants[@]}"; do n=${v%%|*}; r=${v#*|}; echo "$n|${r%%|*}"; done)
java -cp benchmarks/target/classes io.dbisolation.benchmarks.SpeedTable "$results" f2-par build-only <<<"$descriptions"
