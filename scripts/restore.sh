#!/usr/bin/env bash
# Restore a backup made by scripts/backup.sh: the database and the media, replacing what is there.
# Usage: scripts/restore.sh BACKUP_FOLDER [--yes]
# Stop the web server, worker and beat first. Reads DATABASE_URL and MEDIA_ROOT like the portal.
# Afterwards run `python manage.py migrate` (a backup of an older release) and
# `python manage.py update_index` (the search engine is not part of the backup).
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-$( [ -x .venv/bin/python ] && echo .venv/bin/python || echo python3 )}
source_dir=${1:?usage: scripts/restore.sh BACKUP_FOLDER [--yes]}
[ -f "$source_dir/SHA256SUMS" ] || { echo "restore.sh: $source_dir is not a backup folder" >&2; exit 2; }
(cd "$source_dir" && sha256sum --quiet --check SHA256SUMS)
eval "$("$PY" scripts/dbinfo.py)"
if [ "${2:-}" != "--yes" ]; then
  read -r -p "Replace database '$DB_NAME' and media in '$MEDIA_ROOT' with $source_dir? [y/N] " answer
  [ "$answer" = y ] || [ "$answer" = Y ] || { echo "Nothing changed."; exit 1; }
fi

case "$DB_ENGINE" in
  postgresql)
    [ -f "$source_dir/database.dump" ] || { echo "restore.sh: no database.dump (PostgreSQL)" >&2; exit 2; }
    export PGPASSWORD="$DB_PASSWORD"
    conn=(--host "$DB_HOST" --port "$DB_PORT" --username "$DB_USER")
    # Create the database if it was lost, then replace everything in it.
    psql "${conn[@]}" --dbname postgres -v ON_ERROR_STOP=1 -q -tA \
      -c "SELECT 1 FROM pg_database WHERE datname = '$DB_NAME'" | grep -q 1 \
      || createdb "${conn[@]}" "$DB_NAME"
    pg_restore "${conn[@]}" --dbname "$DB_NAME" --clean --if-exists --no-owner --no-privileges \
      --single-transaction --exit-on-error "$source_dir/database.dump"
    ;;
  sqlite)
    [ -f "$source_dir/database.sqlite3" ] || { echo "restore.sh: no database.sqlite3 (SQLite)" >&2; exit 2; }
    mkdir -p "$(dirname "$DB_NAME")"
    "$PY" - "$source_dir/database.sqlite3" "$DB_NAME" <<'PYEOF'
import sqlite3, sys
source, target = sqlite3.connect(sys.argv[1]), sqlite3.connect(sys.argv[2])
with target:
    source.backup(target)  # replaces every page of the target database
source.close(); target.close()
PYEOF
    ;;
  *) echo "restore.sh: database engine '$DB_ENGINE' is not supported" >&2; exit 2 ;;
esac

mkdir -p "$MEDIA_ROOT"
find "$MEDIA_ROOT" -mindepth 1 -delete
tar -xzf "$source_dir/media.tar.gz" -C "$MEDIA_ROOT"
echo "Restored $source_dir. Now run: python manage.py migrate && python manage.py update_index"
