# The two commands of the README are `make run` and `make test`; the rest are their parts.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
STAMP := $(VENV)/.installed
# npm's packages for the tests: the Nu HTML Checker (vnu-jar) for pytest, Lighthouse for test-load.
NODE_STAMP := node_modules/.installed

.PHONY: install run test test-load test-es7 lint format check pytest search-engine search-engine-stop bench-kaart bench-nieuwsbrief demo clean

install: $(STAMP)

$(STAMP): pyproject.toml constraints.txt
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -c constraints.txt -e ".[test]"
	touch $(STAMP)

$(NODE_STAMP): package.json package-lock.json
	@if command -v npm >/dev/null 2>&1; then \
	  npm ci --no-audit --no-fund --loglevel=error && touch $(NODE_STAMP); \
	else \
	  echo "npm is not installed: the Nu HTML Checker's test is skipped (in CI it fails)"; \
	fi

demo: install
	$(MANAGE) migrate --noinput
	$(MANAGE) load_demo_content

run: demo
	@echo ""
	@echo "  Portal: http://127.0.0.1:8000/"
	@echo "  Beheer: http://127.0.0.1:8000/beheer/  (alleen voor ontwikkeling: gebruiker 'beheer', wachtwoord 'beheer')"
	@echo ""
	$(MANAGE) runserver 127.0.0.1:8000

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/djhtml --check templates
	$(BIN)/lint-imports

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .
	$(BIN)/djhtml templates

check: install
	DJANGO_SETTINGS_MODULE=portal.settings.test $(MANAGE) check --fail-level WARNING
	DJANGO_SETTINGS_MODULE=portal.settings.test $(MANAGE) makemigrations --check --dry-run

# Outside CI the migrated test database is reused between runs (tests/conftest.py keeps a copy of
# it per state of the migrations); CI, and `make test REUSE_DB=`, migrate afresh.
ifdef CI
REUSE_DB ?=
else
REUSE_DB ?= --reuse-db
endif

# The suite runs on PYTEST_WORKERS processes (pytest-xdist; 1: in this process), each with its own
# databases, Redis database and engine indexes; tests/conftest.py says how the work is shared.
# One by default: on two, a few tests still depend on what ran before them in the same process
# (docs: CONTRIBUTING.md, "The test loop"); `make test PYTEST_WORKERS=2` runs on two.
PYTEST_WORKERS ?= 1
ifeq ($(PYTEST_WORKERS),1)
PARALLEL :=
else
PARALLEL := -n $(PYTEST_WORKERS) --dist loadgroup --no-loadscope-reorder
endif

pytest: install $(NODE_STAMP)
	$(BIN)/pytest $(REUSE_DB) $(PARALLEL) $(PYTEST_ARGS)

test: lint check pytest

# Load and fault tests against gunicorn + PostgreSQL + Redis + OpenSearch on loopback (own ports).
LOAD_SECONDS ?= 15
test-load: install $(NODE_STAMP)
	LOAD_TEST=1 LOAD_SECONDS=$(LOAD_SECONDS) $(BIN)/pytest tests/production/test_load.py -v $(PYTEST_ARGS)

search-engine:
	bash scripts/search-engine.sh start

# The engine tests through elasticsearch-py 7.13 and the elasticsearch7 backend (own virtualenv).
test-es7:
	bash scripts/test_es7.sh $(PYTEST_ARGS)

search-engine-stop:
	bash scripts/search-engine.sh stop

bench-kaart: install
	$(BIN)/python scripts/bench_kaart.py $(BENCH_ARGS)

bench-nieuwsbrief: install
	$(BIN)/python scripts/bench_nieuwsbrief.py $(BENCH_ARGS)

clean:
	rm -rf $(VENV) .run db.sqlite3 media static_collected node_modules
