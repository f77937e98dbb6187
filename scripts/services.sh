#!/usr/bin/env bash
# Start or stop the real services of the test run on loopback: PostgreSQL and Redis.
# Usage: scripts/services.sh start|stop|env [postgres|redis ...]
# Data lives under $RUN_DIR (default .run/); nothing is installed here (see .ci/run for that).
set -euo pipefail
cd "$(dirname "$0")/.."
RUN_DIR=${RUN_DIR:-$PWD/.run}
PGPORT=${PGPORT:-5432}
REDIS_PORT=${REDIS_PORT:-6379}
PGBIN=${PGBIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)}
mkdir -p "$RUN_DIR"

as_pg() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

start_postgres() {
  local data="$RUN_DIR/pg"
  if as_pg "$PGBIN/pg_isready" -q -h 127.0.0.1 -p "$PGPORT"; then echo "postgres: already running on $PGPORT"; return; fi
  if [ ! -s "$data/PG_VERSION" ]; then
    mkdir -p "$data"
    [ "$(id -u)" = 0 ] && chown -R postgres: "$data"
    as_pg "$PGBIN/initdb" -D "$data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
  fi
  [ "$(id -u)" = 0 ] && chown -R postgres: "$data"
  as_pg "$PGBIN/pg_ctl" -D "$data" -l "$data/server.log" -w -t 60 \
    -o "-p $PGPORT -k /tmp -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" start >/dev/null
  as_pg "$PGBIN/psql" -q -h 127.0.0.1 -p "$PGPORT" -U postgres -d postgres -v ON_ERROR_STOP=1 <<'SQL'
DO $$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'portal') THEN
    CREATE ROLE portal LOGIN SUPERUSER PASSWORD 'portal';
  END IF;
END $$;
SELECT 'CREATE DATABASE portal OWNER portal' WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = 'portal')\gexec
SQL
  echo "postgres: running on 127.0.0.1:$PGPORT"
}

stop_postgres() {
  [ -s "$RUN_DIR/pg/PG_VERSION" ] && as_pg "$PGBIN/pg_ctl" -D "$RUN_DIR/pg" -m fast -w stop >/dev/null 2>&1 || true
  echo "postgres: stopped"
}

start_redis() {
  if redis-cli -p "$REDIS_PORT" ping >/dev/null 2>&1; then echo "redis: already running on $REDIS_PORT"; return; fi
  mkdir -p "$RUN_DIR/redis"
  redis-server --bind 127.0.0.1 --port "$REDIS_PORT" --daemonize yes --dir "$RUN_DIR/redis" \
    --save "" --appendonly no --pidfile "$RUN_DIR/redis/redis.pid" --logfile "$RUN_DIR/redis/redis.log"
  for _ in $(seq 1 50); do redis-cli -p "$REDIS_PORT" ping >/dev/null 2>&1 && break; sleep 0.1; done
  redis-cli -p "$REDIS_PORT" ping >/dev/null
  echo "redis: running on 127.0.0.1:$REDIS_PORT"
}

stop_redis() {
  # Only the server this script started (its pid file), never someone else's on the same port.
  local pidfile="$RUN_DIR/redis/redis.pid"
  if [ -s "$pidfile" ] && kill -0 "$(cat "$pidfile")" 2>/dev/null; then
    redis-cli -p "$REDIS_PORT" shutdown nosave >/dev/null 2>&1 || kill "$(cat "$pidfile")" || true
  fi
  echo "redis: stopped"
}

cmd=${1:-}
shift || true
services=${*:-postgres redis}
case "$cmd" in
  start) for s in $services; do "start_$s"; done ;;
  stop) for s in $services; do "stop_$s"; done ;;
  env)
    echo "export DATABASE_URL=postgres://portal:portal@127.0.0.1:$PGPORT/portal"
    echo "export REDIS_URL=redis://127.0.0.1:$REDIS_PORT/0"
    echo "export CELERY_BROKER_URL=redis://127.0.0.1:$REDIS_PORT/1"
    ;;
  *) echo "usage: $0 start|stop|env [postgres|redis ...]" >&2; exit 2 ;;
esac
