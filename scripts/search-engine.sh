#!/usr/bin/env bash
# Local single-node OpenSearch 2.19.x, run in a plain JVM from Maven Central jars (search-node/).
#
#   scripts/search-engine.sh build    compile search-node/ and copy its jars to search-node/target/lib
#   scripts/search-engine.sh start    build if needed, start in the background, wait until yellow
#   scripts/search-engine.sh stop     SIGTERM via the pid file, then SIGKILL after a grace period
#   scripts/search-engine.sh status   say whether the node answers (exit 0 if it does, 3 if not)
#   scripts/search-engine.sh restart  stop + start
#
# Environment:
#   SEARCH_NODE_PORT            HTTP port                         (default 9200)
#   SEARCH_NODE_TRANSPORT_PORT  transport port                    (default 9300)
#   SEARCH_NODE_HOME            pid file, log, data               (default <repo>/.run/search-node)
#   SEARCH_NODE_HEAP            -Xms/-Xmx, e.g. 512m or 1g        (default 768m)
#   SEARCH_NODE_START_TIMEOUT   seconds to wait for yellow        (default 120)
#   SEARCH_NODE_KEEP_DATA       1: keep the data of the last run  (default: start empty)
#
# The node listens on 127.0.0.1 only; its URL is http://127.0.0.1:$SEARCH_NODE_PORT.
# Every start gets a fresh, empty data directory, unless SEARCH_NODE_KEEP_DATA=1 (a restart after
# a crash, as the search tests do to check that the portal catches up).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
MODULE="$ROOT/search-node"
TARGET="$MODULE/target"
STAMP="$TARGET/.search-engine-build.sha256"

HOST=127.0.0.1
PORT="${SEARCH_NODE_PORT:-9200}"
TRANSPORT_PORT="${SEARCH_NODE_TRANSPORT_PORT:-9300}"
NODE_HOME="${SEARCH_NODE_HOME:-$ROOT/.run/search-node}"
HEAP="${SEARCH_NODE_HEAP:-768m}"
START_TIMEOUT="${SEARCH_NODE_START_TIMEOUT:-120}"
KEEP_DATA="${SEARCH_NODE_KEEP_DATA:-0}"
MAIN_CLASS=nl.aanpakeenzaamheid.searchnode.SearchNode

mkdir -p "$NODE_HOME"
NODE_HOME="$(cd "$NODE_HOME" && pwd)"
PID_FILE="$NODE_HOME/search-node.pid"
LOG_FILE="$NODE_HOME/search-node.log"
URL="http://$HOST:$PORT"

log() { echo "search-engine: $*" >&2; }

# Hash of everything the build depends on; the build is skipped when it is unchanged.
source_hash() {
    (cd "$MODULE" && find pom.xml src -type f -print0 | LC_ALL=C sort -z | xargs -0 sha256sum) | sha256sum | cut -d' ' -f1
}

is_built() {
    [[ -f "$STAMP" ]] && [[ -d "$TARGET/classes" ]] \
        && compgen -G "$TARGET/lib/opensearch-*.jar" >/dev/null \
        && [[ "$(cat "$STAMP")" == "$(source_hash)" ]]
}

do_build() {
    command -v mvn >/dev/null || { log "mvn not found"; exit 1; }
    log "building search-node (first run downloads ~50 MB from Maven Central)"
    rm -rf "$TARGET/lib"   # no stale jars after a version change
    local out
    # -q prints only errors; Debian's Maven 3.8.7 still emits bare ANSI resets, so strip them
    if ! out="$(mvn -B -q -f "$MODULE/pom.xml" -DskipTests package 2>&1)"; then
        printf '%s\n' "$out" | sed 's/\x1b\[[0-9;]*m//g' >&2
        log "build failed"
        exit 1
    fi
    source_hash >"$STAMP"
}

ensure_built() {
    if is_built; then
        return 0
    fi
    do_build
}

# Pid of our node if it is alive (and really is our JVM), else nothing.
running_pid() {
    [[ -f "$PID_FILE" ]] || return 1
    local pid
    pid="$(cat "$PID_FILE" 2>/dev/null || true)"
    [[ "$pid" =~ ^[0-9]+$ ]] || return 1
    kill -0 "$pid" 2>/dev/null || return 1
    tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q "$MAIN_CLASS" || return 1
    echo "$pid"
}

healthy() {
    curl -fsS --max-time 5 "$URL/_cluster/health?wait_for_status=yellow&timeout=2s" >/dev/null 2>&1
}

port_busy() {
    ss -Htln "sport = :$1" 2>/dev/null | grep -q .
}

show_log_tail() {
    if [[ -f "$LOG_FILE" ]]; then
        log "last lines of $LOG_FILE:"
        tail -n 40 "$LOG_FILE" >&2
    fi
}

wait_healthy() {
    local pid="$1" deadline=$((SECONDS + START_TIMEOUT))
    while ((SECONDS < deadline)); do
        if healthy; then
            return 0
        fi
        if ! kill -0 "$pid" 2>/dev/null; then
            log "node (pid $pid) died during start-up"
            rm -f "$PID_FILE"
            show_log_tail
            return 1
        fi
        sleep 0.5
    done
    log "node did not become healthy within ${START_TIMEOUT}s"
    show_log_tail
    do_stop >/dev/null 2>&1 || true
    return 1
}

do_start() {
    local pid
    if pid="$(running_pid)"; then
        if healthy; then
            log "already running (pid $pid) at $URL"
            return 0
        fi
        log "already started (pid $pid), waiting for it to become healthy"
        wait_healthy "$pid" && { log "healthy at $URL"; return 0; }
        return 1
    fi
    rm -f "$PID_FILE"

    for p in "$PORT" "$TRANSPORT_PORT"; do
        if port_busy "$p"; then
            log "port $p is already in use by another process; set SEARCH_NODE_PORT / SEARCH_NODE_TRANSPORT_PORT"
            return 1
        fi
    done
    command -v java >/dev/null || { log "java not found"; return 1; }
    command -v curl >/dev/null || { log "curl not found"; return 1; }

    ensure_built

    # fresh data every start, unless asked to keep it
    if [[ "$KEEP_DATA" != 1 ]]; then
        rm -rf "$NODE_HOME/node"
    fi
    rm -rf "$NODE_HOME/tmp"
    mkdir -p "$NODE_HOME/node" "$NODE_HOME/tmp"

    local started=$SECONDS
    nohup java \
        "-Xms$HEAP" "-Xmx$HEAP" -Xss1m \
        -XX:+UseG1GC -XX:+ExitOnOutOfMemoryError \
        "-Djava.io.tmpdir=$NODE_HOME/tmp" \
        -Djava.awt.headless=true -Dfile.encoding=UTF-8 -Djna.nosys=true \
        -Dopensearch.set.netty.runtime.available.processors=false \
        -Dio.netty.noUnsafe=true -Dio.netty.noKeySetOptimization=true \
        -Dio.netty.recycler.maxCapacityPerThread=0 \
        -Dlog4j2.disable.jmx=true -Dlog4j.shutdownHookEnabled=false \
        "-Dsearchnode.home=$NODE_HOME/node" \
        "-Dsearchnode.host=$HOST" \
        "-Dsearchnode.http.port=$PORT" \
        "-Dsearchnode.transport.port=$TRANSPORT_PORT" \
        -cp "$TARGET/classes:$TARGET/lib/*" \
        "$MAIN_CLASS" </dev/null >"$LOG_FILE" 2>&1 &
    pid=$!
    echo "$pid" >"$PID_FILE"
    log "started pid $pid (heap $HEAP, log $LOG_FILE), waiting up to ${START_TIMEOUT}s for $URL"

    wait_healthy "$pid" || return 1
    log "healthy at $URL after $((SECONDS - started))s"
}

do_stop() {
    local pid
    if ! pid="$(running_pid)"; then
        rm -f "$PID_FILE"
        log "not running"
        return 0
    fi
    kill -TERM "$pid" 2>/dev/null || true
    local i
    for ((i = 0; i < 150; i++)); do   # 30 s grace
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.2
    done
    if kill -0 "$pid" 2>/dev/null; then
        log "pid $pid ignored SIGTERM for 30s, sending SIGKILL"
        kill -KILL "$pid" 2>/dev/null || true
        for ((i = 0; i < 10; i++)); do
            kill -0 "$pid" 2>/dev/null || break
            sleep 1
        done
    fi
    rm -f "$PID_FILE"
    log "stopped (pid $pid)"
}

do_status() {
    local pid=""
    pid="$(running_pid)" || pid=""
    if healthy; then
        echo "running${pid:+ (pid $pid)} at $URL: $(curl -fsS --max-time 5 "$URL/_cluster/health" 2>/dev/null)"
        return 0
    fi
    if [[ -n "$pid" ]]; then
        echo "process $pid is alive but $URL does not answer (yet)"
    else
        echo "not running ($URL does not answer)"
    fi
    return 3
}

case "${1:-}" in
    build) do_build ;;
    start) do_start ;;
    stop) do_stop ;;
    status) do_status ;;
    restart) do_stop && do_start ;;
    *)
        echo "usage: $0 {build|start|stop|status|restart}" >&2
        exit 2
        ;;
esac
