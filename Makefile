# Sodium Registry. The README's two commands: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
# `make run` is for a developer's machine: debug on unless the caller says otherwise.
DJANGO_DEBUG ?= 1
# PostgreSQL for the second test run; override to point elsewhere.
TEST_POSTGRES_URL ?= postgres://postgres@127.0.0.1:5432/sodium_registry
export PYTHONDONTWRITEBYTECODE := 1

.DEFAULT_GOAL := help

# Where backups go and which one `make restore` reads.
BACKUP ?=

.PHONY: help install run test backup restore test-sqlite test-postgres lint format migrations-check serve collectstatic bench

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-18s %s\n", $$1, $$2}'

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# Reinstall only when the declared dependencies change.
$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $@

install: $(VENV)/.installed ## Create .venv and install the dependencies

# runserver is for development only: with debug off (DJANGO_DEBUG=0 exported or given),
# refuse before installing or migrating anything, and point at the production way.
run: ## Migrate, load the demo content and serve on http://127.0.0.1:$(PORT)
	@case "$$(printf '%s' '$(DJANGO_DEBUG)' | tr -d ' ' | tr A-Z a-z)" in \
		1|true|yes|on) ;; \
		*) echo "make run refuses to start: DJANGO_DEBUG=$(DJANGO_DEBUG) turns debug off, and make run is the development server."; \
		   echo "To serve in production, use make serve (gunicorn; needs DJANGO_SECRET_KEY, see the README)."; \
		   echo "For development, unset DJANGO_DEBUG or set DJANGO_DEBUG=1."; exit 2 ;; \
	esac
	@$(MAKE) --no-print-directory install
	DJANGO_DEBUG=$(DJANGO_DEBUG) $(BIN)/python manage.py migrate --no-input
	DJANGO_DEBUG=$(DJANGO_DEBUG) $(BIN)/python manage.py load_demo
	DJANGO_DEBUG=$(DJANGO_DEBUG) $(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

test: install ## Run the whole suite on SQLite, then on PostgreSQL when it is reachable
	@$(MAKE) --no-print-directory test-sqlite
	@if $(BIN)/python -c "import psycopg, sys; psycopg.connect(sys.argv[1].replace('/sodium_registry', '/postgres'), connect_timeout=3).close()" "$(TEST_POSTGRES_URL)" 2>/dev/null; then \
		$(MAKE) --no-print-directory test-postgres; \
	elif [ -n "$$REQUIRE_POSTGRESQL" ]; then \
		echo "PostgreSQL is required (REQUIRE_POSTGRESQL is set) but not reachable at $(TEST_POSTGRES_URL)."; exit 1; \
	else \
		echo "PostgreSQL is not reachable at $(TEST_POSTGRES_URL): the suite ran on SQLite only."; \
	fi

# Debian's Chromium (apt package chromium), which the browser tests in tests/browser drive.
# They run once, in the SQLite run; without it they are skipped, and the run says so.
CHROMIUM ?= /usr/bin/chromium

# The suite runs in parallel (pytest-xdist), one test file per worker at a time so that a
# file's fixtures are set up once; each worker has its own test database. TEST_WORKERS=auto
# uses every core, TEST_WORKERS=0 runs in one process.
TEST_WORKERS ?= 2
PARALLEL := -n $(TEST_WORKERS) --dist loadfile

test-sqlite: install ## Run the suite on SQLite, with the browser tests when Chromium is present
	@echo "== Test suite on SQLite"
	@if [ -x "$(CHROMIUM)" ]; then echo "Browser tests: driving $(CHROMIUM)"; else echo "Chromium not found at $(CHROMIUM): browser tests skipped"; fi
	@echo "DATABASE_URL=sqlite:///$(CURDIR)/db.sqlite3 $(BIN)/python -m pytest $(PARALLEL) $(PYTEST_ARGS)"
	@DATABASE_URL=sqlite:///$(CURDIR)/db.sqlite3 CHROMIUM_PATH=$(CHROMIUM) $(BIN)/python -m pytest $(PARALLEL) $(PYTEST_ARGS); status=$$?; \
	if [ ! -x "$(CHROMIUM)" ]; then echo "Chromium not found at $(CHROMIUM): browser tests skipped"; fi; \
	exit $$status

test-postgres: install ## Run the suite on PostgreSQL (TEST_POSTGRES_URL); the browser tests run on SQLite only
	@echo "== Test suite on PostgreSQL (browser tests: in the SQLite run only)"
	DATABASE_URL=$(TEST_POSTGRES_URL) $(BIN)/python -m pytest $(PARALLEL) -m "not browser" $(PYTEST_ARGS)

lint: install ## Check code style and migrations
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	DJANGO_DEBUG=1 $(BIN)/python manage.py makemigrations --check --dry-run

format: install ## Format the code and fix what ruff can
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

collectstatic: install
	DJANGO_DEBUG=$(DJANGO_DEBUG) $(BIN)/python manage.py collectstatic --no-input --verbosity 0

serve: install ## Serve in production mode behind gunicorn (needs DJANGO_SECRET_KEY)
	DJANGO_DEBUG=0 $(BIN)/python manage.py collectstatic --no-input --verbosity 0
	DJANGO_DEBUG=0 $(BIN)/python manage.py migrate --no-input
	DJANGO_DEBUG=0 $(BIN)/gunicorn config.wsgi --bind 127.0.0.1:$(PORT) --workers $${WEB_CONCURRENCY:-3} --access-logfile -

backup: install ## Back up the database to backups/ (pg_dump on PostgreSQL, a copy on SQLite)
	DJANGO_DEBUG=$(DJANGO_DEBUG) $(BIN)/python manage.py backup $(BACKUP)

restore: install ## Restore the database from BACKUP=path (asks to confirm)
	@test -n "$(BACKUP)" || { echo "Say which backup: make restore BACKUP=backups/registry-….dump"; exit 2; }
	DJANGO_DEBUG=$(DJANGO_DEBUG) $(BIN)/python manage.py restore $(BACKUP)

bench: install ## Benchmark public pages (scales 1 and 5), cached traffic, the admin and CSV on PostgreSQL behind gunicorn; writes docs/performance.md
	@command -v wrk >/dev/null 2>&1 || apt-get install -y wrk || { apt-get update && apt-get install -y wrk; }
	$(BIN)/python bench/run_bench.py $(BENCH_ARGS)
