#!/usr/bin/env bash
# The engine tests once more through Wagtail's `elasticsearch7` backend, driven by elasticsearch-py
# 7.13.4 (the last client before the product check) against the same OpenSearch node.
#
# elasticsearch-py 7.13 needs urllib3 < 2, which the main environment does not have, so this uses a
# virtualenv of its own under .run/venv-es7. The node must be running (`make search-engine`).
#   make test-es7                     # node on 127.0.0.1:9200
#   SEARCH_NODE_PORT=9210 make test-es7
set -euo pipefail
cd "$(dirname "$0")/.."
venv=${ES7_VENV:-.run/venv-es7}
port=${SEARCH_NODE_PORT:-9200}
if [ ! -f "$venv/.installed" ]; then
  mkdir -p "$(dirname "$venv")"
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q --upgrade pip
  "$venv/bin/pip" install -q -c constraints.txt -e ".[test]"
  # Deliberately outside constraints.txt: this client pins urllib3 below 2.
  "$venv/bin/pip" install -q "elasticsearch==7.13.4" "urllib3==1.26.20"
  touch "$venv/.installed"
fi
export SEARCH_TEST_URL="elasticsearch7://127.0.0.1:$port"
unset SEARCH_URL CELERY_BROKER_URL
# The worker tests (a Celery worker and PostgreSQL) are about indexing through the queue, not the
# client; they stay with `make test`.
exec "$venv/bin/pytest" -m "engine and not celery" tests/search "$@"
