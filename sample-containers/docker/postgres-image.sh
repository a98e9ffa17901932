#!/bin/bash
# Builds the image local/postgres:15 that the PostgreSQL container tests of sample-containers run,
# without any registry: a Debian bookworm root file system (debootstrap) with Debian's postgresql-15,
# imported into the local Docker engine. Its entrypoint behaves like the official postgres image's as
# far as Testcontainers' PostgreSQLContainer relies on it:
#   - POSTGRES_USER (default postgres) becomes the superuser, with POSTGRES_PASSWORD; POSTGRES_DB
#     (default: the user's name) is created;
#   - the command PostgreSQLContainer passes, `postgres -c fsync=off`, starts the server with those
#     options (arguments that start with '-' are the server's too);
#   - "database system is ready to accept connections" is logged twice, once by the server that
#     initialises the cluster and once by the real one, which is the first that accepts TCP
#     connections (PostgreSQLContainer waits for the second).
# Idempotent: an existing image is kept (pass --rebuild to build it again). Needs a running Docker
# engine (../shared/tools/docker-for-testcontainers.sh starts one on this project's machines), root
# and debootstrap.
set -euo pipefail

IMAGE=local/postgres:15
WORK=/var/tmp/dbiso-postgres-image
DOCKER=${DOCKER:-docker}
export DOCKER_BUILDKIT=0

if ! $DOCKER info >/dev/null 2>&1; then
	echo "No Docker engine is reachable: cannot build $IMAGE" >&2
	exit 1
fi
if [ "${1:-}" != "--rebuild" ] && $DOCKER image inspect "$IMAGE" >/dev/null 2>&1; then
	echo "$IMAGE is already present"
	exit 0
fi
if ! command -v debootstrap >/dev/null 2>&1; then
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends debootstrap >/dev/null \
		|| { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends debootstrap >/dev/null; }
fi

write_entrypoint() {
cat >"$1" <<'EOF'
#!/bin/bash
# The entrypoint of local/postgres:15: a stand-in for the official image's, for the variables and the
# command that Testcontainers' PostgreSQLContainer uses.
set -euo pipefail
if [ "$#" -eq 0 ] || [ "${1#-}" != "$1" ]; then set -- postgres "$@"; fi
if [ "$1" != postgres ]; then exec "$@"; fi
shift

USER_NAME=${POSTGRES_USER:-postgres}
DATABASE=${POSTGRES_DB:-$USER_NAME}
PASSWORD=${POSTGRES_PASSWORD:-}
if [ -z "$PASSWORD" ] && [ "${POSTGRES_HOST_AUTH_METHOD:-}" != trust ]; then
	echo "entrypoint: set POSTGRES_PASSWORD (or POSTGRES_HOST_AUTH_METHOD=trust)" >&2
	exit 1
fi
as_postgres() { setpriv --reuid=postgres --regid=postgres --init-groups "$@"; }
sql_literal() { local s="${1//\'/\'\'}"; printf "'%s'" "$s"; }
sql_identifier() { local s="${1//\"/\"\"}"; printf '"%s"' "$s"; }

mkdir -p "$PGDATA" /var/run/postgresql
chown postgres:postgres "$PGDATA" /var/run/postgresql
chmod 700 "$PGDATA"
if [ ! -s "$PGDATA/PG_VERSION" ]; then
	as_postgres initdb -D "$PGDATA" -U "$USER_NAME" -E UTF8 --locale=C.UTF-8 --auth-local=trust \
		--auth-host="${POSTGRES_HOST_AUTH_METHOD:-scram-sha-256}" --no-sync >/dev/null
	echo "host all all all ${POSTGRES_HOST_AUTH_METHOD:-scram-sha-256}" >>"$PGDATA/pg_hba.conf"
	# the server that initialises listens on its socket only, so that nobody connects too early;
	# its log is the container's, with the first "ready to accept connections"
	as_postgres pg_ctl -D "$PGDATA" -o "-c listen_addresses='' -c fsync=off" -w start
	psql=(as_postgres psql -v ON_ERROR_STOP=1 -q -U "$USER_NAME" -d postgres)
	if [ -n "$PASSWORD" ]; then
		"${psql[@]}" -c "ALTER ROLE $(sql_identifier "$USER_NAME") PASSWORD $(sql_literal "$PASSWORD")"
	fi
	if [ "$DATABASE" != postgres ]; then
		"${psql[@]}" -c "CREATE DATABASE $(sql_identifier "$DATABASE")"
	fi
	as_postgres pg_ctl -D "$PGDATA" -m fast -w stop >/dev/null
fi
echo "entrypoint: starting postgres (database=$DATABASE user=$USER_NAME)"
exec setpriv --reuid=postgres --regid=postgres --init-groups postgres -D "$PGDATA" -c listen_addresses='*' "$@"
EOF
chmod 0755 "$1"
}

started=$(date +%s)
. /etc/os-release
SUITE=${VERSION_CODENAME:-bookworm}
MIRROR=$(awk '/^URIs:/{print $2}' /etc/apt/sources.list.d/*.sources 2>/dev/null | grep -v -- '-security' | head -1 || true)
[ -n "$MIRROR" ] || MIRROR=$(sed -E 's/\[[^]]*\]//' /etc/apt/sources.list 2>/dev/null \
	| awk '$1=="deb" && $3=="'"$SUITE"'"{print $2}' | head -1 || true)
[ -n "$MIRROR" ] || { echo "No Debian mirror found in the apt sources" >&2; exit 1; }
rm -rf "$WORK"
mkdir -p "$WORK"
trap 'rm -rf "$WORK"' EXIT
echo "Building $IMAGE: debootstrap $SUITE with postgresql-15 from $MIRROR"
debootstrap --variant=minbase --include=postgresql-15 "$SUITE" "$WORK/rootfs" "$MIRROR" >"$WORK/debootstrap.log" 2>&1 \
	|| { cat "$WORK/debootstrap.log" >&2; echo "debootstrap failed" >&2; exit 1; }
ROOT="$WORK/rootfs"
# the cluster the package created; the entrypoint makes its own in PGDATA
rm -rf "$ROOT"/var/lib/postgresql/15 "$ROOT"/etc/postgresql/15
rm -rf "$ROOT"/var/cache/apt/archives/*.deb "$ROOT"/var/lib/apt/lists/* "$ROOT"/usr/share/doc/* \
	"$ROOT"/usr/share/man/* "$ROOT"/usr/share/locale/* "$ROOT"/usr/share/info/*
write_entrypoint "$ROOT/usr/local/bin/docker-entrypoint.sh"
tar --numeric-owner -C "$ROOT" -c . | $DOCKER import \
	--change 'ENTRYPOINT ["/usr/local/bin/docker-entrypoint.sh"]' \
	--change 'CMD ["postgres"]' \
	--change 'EXPOSE 5432' \
	--change 'ENV PATH=/usr/lib/postgresql/15/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8 PGDATA=/var/lib/postgresql/data' \
	- "$IMAGE" >/dev/null

# smoke test: the way PostgreSQLContainer starts it, then a query over the mapped port's network
container=$($DOCKER run -d -P -e POSTGRES_USER=smoke -e POSTGRES_PASSWORD=smoke -e POSTGRES_DB=smokedb "$IMAGE" \
	postgres -c fsync=off)
trap '$DOCKER rm -f "$container" >/dev/null 2>&1 || true; rm -rf "$WORK"' EXIT
ready=""
for _ in $(seq 1 120); do
	if [ "$($DOCKER logs "$container" 2>&1 | grep -c 'database system is ready to accept connections')" -ge 2 ]; then
		ready=$($DOCKER exec -e PGPASSWORD=smoke "$container" psql -h 127.0.0.1 -U smoke -d smokedb -Atc \
			"SELECT current_user || ' ' || current_database() || ' ' || current_setting('fsync') || ' '
			|| (SELECT rolsuper FROM pg_roles WHERE rolname = current_user)" 2>/dev/null || true)
		break
	fi
	sleep 0.5
done
if [ "$ready" != "smoke smokedb off true" ]; then
	echo "Smoke test of $IMAGE failed (got '$ready'); container log:" >&2
	$DOCKER logs "$container" >&2
	# so that the next run builds it again rather than keeping a broken image
	$DOCKER rm -f "$container" >/dev/null 2>&1 || true
	$DOCKER image rm "$IMAGE" >/dev/null 2>&1 || true
	exit 1
fi
echo "Built $IMAGE in $(( $(date +%s) - started )) s (smoke test: $ready)"
