#!/usr/bin/env bash
# Back up the portal: the database and the uploaded media, into one new folder.
# Usage: scripts/backup.sh [BACKUP_DIR]     (default: $BACKUP_DIR or ./backups)
# Reads DATABASE_URL and MEDIA_ROOT like the portal does (unset: the embedded SQLite db.sqlite3 and
# media/). Writes BACKUP_DIR/portal-YYYYmmdd-HHMMSS/ with database.dump (PostgreSQL, pg_dump's custom
# format) or database.sqlite3 (SQLite, an online copy), media.tar.gz and SHA256SUMS; prints its path.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-$( [ -x .venv/bin/python ] && echo .venv/bin/python || echo python3 )}
target_root=${1:-${BACKUP_DIR:-backups}}
stamp=$(date -u +%Y%m%d-%H%M%S)
target="$target_root/portal-$stamp"
mkdir -p "$target"
chmod 700 "$target"
eval "$("$PY" scripts/dbinfo.py)"

case "$DB_ENGINE" in
  postgresql)
    PGPASSWORD="$DB_PASSWORD" pg_dump --format=custom --no-owner --no-privileges \
      --host "$DB_HOST" --port "$DB_PORT" --username "$DB_USER" --dbname "$DB_NAME" \
      --file "$target/database.dump"
    ;;
  sqlite)
    "$PY" - "$DB_NAME" "$target/database.sqlite3" <<'PYEOF'
import sqlite3, sys
source, target = sqlite3.connect(sys.argv[1]), sqlite3.connect(sys.argv[2])
with target:
    source.backup(target)  # a consistent copy, also while the site is running
source.close(); target.close()
PYEOF
    ;;
  *) echo "backup.sh: database engine '$DB_ENGINE' is not supported" >&2; exit 2 ;;
esac

if [ -d "$MEDIA_ROOT" ]; then
  tar -czf "$target/media.tar.gz" -C "$MEDIA_ROOT" .
else
  tar -czf "$target/media.tar.gz" --files-from /dev/null
fi
(cd "$target" && sha256sum database.* media.tar.gz > SHA256SUMS)
echo "$target"
