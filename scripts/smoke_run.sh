#!/usr/bin/env bash
# Smoke run of the embedded default: a fresh clone, no environment, the runtime dependencies only
# (no [test] extras), `make run`; then the home page, a hulpmiddelen section, the sociale kaart
# and the admin login must answer 200.
set -euo pipefail
src=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d /tmp/portal-smoke.XXXXXX)
port=8000
pid=""
stop() {
  if [ -n "$pid" ]; then kill -- -"$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap stop EXIT
git clone -q "$src" "$work/portal"
cd "$work/portal"
log="$work/run.log"
# A clean environment: only what a newcomer's shell has.
clean=(env -i PATH="$PATH" HOME="$HOME" LANG=C.UTF-8)
# The runtime dependencies only, as docs/deploy.md installs them (no [test] extras); the stamp
# tells `make run` that .venv is installed, so the demo below is loaded without any test package.
"${clean[@]}" python3 -m venv .venv
# The wheels come from a folder built once per pyproject.toml, constraints.txt and Python (with
# the caller's pip settings: index, proxy, certificates); the clean install reads only that folder.
key=$(cat pyproject.toml constraints.txt <(python3 -VV) | sha256sum | cut -c1-16)
wheels=${SMOKE_WHEELS:-${XDG_CACHE_HOME:-$HOME/.cache}/portal-smoke}/wheels-$key
if [ ! -e "$wheels/.complete" ]; then
  rm -rf "$(dirname "$wheels")"/wheels-* && mkdir -p "$wheels"  # older folders go
  .venv/bin/pip wheel -q -c constraints.txt --wheel-dir "$wheels" . "setuptools>=69" \
    >"$work/wheels.log" 2>&1 || { echo "pip wheel failed:"; tail -40 "$work/wheels.log"; exit 1; }
  rm -f "$wheels"/aanpak_eenzaamheid_portal-*.whl  # the project itself is installed from the clone
  touch "$wheels/.complete"
fi
"${clean[@]}" .venv/bin/pip install -q --no-index --find-links "$wheels" -c constraints.txt -e . \
  >"$work/install.log" 2>&1 || { echo "pip install -e . failed:"; tail -40 "$work/install.log"; exit 1; }
touch .venv/.installed
if .venv/bin/python -c "import factory" 2>/dev/null; then
  echo "smoke: a test-only package (factory_boy) is installed; the smoke run must not have it"
  exit 1
fi
"${clean[@]}" setsid make run >"$log" 2>&1 &
pid=$!
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
