# ipenforce — the two commands are `make demo` and `make test` (see README).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEMO_ENV := IPENFORCE_DEBUG=1
PORT ?= 8000

.PHONY: demo test venv openapi messages bench bench-data bench-small clean

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "ipenforce needs Python 3.11 or newer (found %s)" % sys.version.split()[0])'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $(STAMP)

venv: $(STAMP)

demo: $(STAMP)
	$(DEMO_ENV) $(BIN)/python manage.py migrate --noinput
	$(DEMO_ENV) $(BIN)/python manage.py seed_demo
	@echo "ipenforce: http://127.0.0.1:$(PORT)  (Ctrl-C to stop; the task worker runs beside it)"
	$(DEMO_ENV) $(BIN)/python manage.py db_worker & worker=$$!; trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	$(DEMO_ENV) $(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

# The suite over the machine's cores (TEST_WORKERS=0 runs it in one process).
TEST_WORKERS ?= auto
test: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/python -m pytest -n $(TEST_WORKERS)

# Regenerate the committed OpenAPI schema after an API change (a test fails while it is stale).
openapi: $(STAMP)
	$(DEMO_ENV) $(BIN)/python manage.py export_openapi > docs/openapi.json

# Re-extract and compile the English translation (needs GNU gettext).
messages: $(STAMP)
	$(DEMO_ENV) $(BIN)/python manage.py makemessages -l en --no-obsolete --ignore=.venv --ignore=staticfiles
	$(DEMO_ENV) $(BIN)/python manage.py compilemessages -l en --ignore=.venv

# The province benchmark on PostgreSQL (README "Performance"): `make bench-data` generates BENCH_CASES cases
# (default 1,000,000) set-based into IPENFORCE_DATABASE_URL, then `make bench` drives gunicorn over HTTP beside the
# raw SQL and writes bench/results/latest.md (non-zero exit on a missed target). `make bench-small` is the old
# in-process city benchmark (SQLite by default).
BENCH_DB ?= postgres://postgres@127.0.0.1:5432/ipenforce_bench
bench-data: $(STAMP)
	$(DEMO_ENV) IPENFORCE_DATABASE_URL=$${IPENFORCE_DATABASE_URL:-$(BENCH_DB)} nice $(BIN)/python bench/generate.py --cases $${BENCH_CASES:-1000000}

bench: $(STAMP)
	$(DEMO_ENV) IPENFORCE_DATABASE_URL=$${IPENFORCE_DATABASE_URL:-$(BENCH_DB)} nice $(BIN)/python bench/run.py --requests $${BENCH_REQUESTS:-200}

bench-small: $(STAMP)
	$(DEMO_ENV) IPENFORCE_DATABASE_URL=$${IPENFORCE_DATABASE_URL:-sqlite:///var/bench.sqlite3} $(BIN)/python bench/cases.py --cases $${BENCH_CASES:-20000}

clean:
	rm -rf $(VENV) var staticfiles
