#!/usr/bin/env bash
# Smoke run of the embedded default: a fresh clone, no environment, `make run`; then the home page,
# a hulpmiddelen section, the sociale kaart and the admin login must answer 200.
set -euo pipefail
src=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d /tmp/portal-smoke.XXXXXX)
port=8000
git clone -q "$src" "$work/portal"
cd "$work/portal"
log="$work/run.log"
# A clean environment: only what a newcomer's shell has.
env -i PATH="$PATH" HOME="$HOME" LANG=C.UTF-8 setsid make run >"$log" 2>&1 &
pid=$!
stop() { kill -- -"$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; rm -rf "$work"; }
trap stop EXIT
for _ in $(seq 1 300); do
  curl -fsS -o /dev/null "http://127.0.0.1:$port/health/live" 2>/dev/null && break
  kill -0 "$pid" 2>/dev/null || { echo "make run died:"; tail -40 "$log"; exit 1; }
  sleep 1
done
grep -q "wachtwoord 'beheer'" "$log" || { echo "make run did not print how to sign in"; exit 1; }
section=$(curl -fsS "http://127.0.0.1:$port/hulpmiddelen/" | grep -o 'href="/hulpmiddelen/[a-z0-9-]*/"' | head -n 1 | cut -d'"' -f2 || true)
failed=0
for path in / "${section:-/hulpmiddelen/}" /kaart/ /beheer/login/; do
  code=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port$path")
  echo "smoke: $path -> $code"
  [ "$code" = 200 ] || failed=1
done
[ "$failed" = 0 ] || { tail -40 "$log"; exit 1; }
echo "smoke: make run answers on a fresh clone"
