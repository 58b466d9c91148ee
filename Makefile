# caseload: `make run` serves the demo practice; `make test` runs the whole suite.
SHELL := /bin/bash
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
export PORT

.PHONY: run test test-fast e2e lint format types types-baseline bench install install-dev vendor clean

# Each step says what it is doing; pip prints a line per package (the first install
# takes about a minute).
PIP_INSTALL := $(BIN)/pip install --progress-bar off --disable-pip-version-check

$(BIN)/python:
	@echo "==> Creating the virtual environment in $(VENV)/"
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: $(BIN)/python requirements.lock pyproject.toml
	@echo "==> Installing the pinned dependencies (requirements.lock)"
	$(PIP_INSTALL) -r requirements.lock
	@echo "==> Installing caseload itself"
	$(PIP_INSTALL) --no-deps -e .
	touch $@

$(VENV)/.installed-dev: $(VENV)/.installed requirements-dev.lock
	@echo "==> Installing the test dependencies (requirements-dev.lock)"
	$(PIP_INSTALL) -r requirements-dev.lock
	touch $@

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

# The demo: local secrets under var/, the SQLite database migrated and seeded once, then
# served with the tick loop (alerts escalate) until Ctrl-C. The port is checked first,
# with the system Python, before anything is installed or changed.
run:
	@$(PYTHON) src/caseload/core/ports.py 127.0.0.1 $(PORT)
	@$(MAKE) --no-print-directory --silent $(VENV)/.installed
	@echo "==> Preparing the demo database (var/caseload.sqlite3)"
	@CASELOAD_DEMO=1 $(BIN)/caseload migrate --verbosity 0
	@echo "==> Seeding the demo practice (first run only)"
	@CASELOAD_DEMO=1 $(BIN)/caseload demo
	@echo "==> Starting the server"
	@CASELOAD_DEMO=1 $(BIN)/caseload serve --with-tick

test: $(VENV)/.installed-dev
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench
	$(BIN)/lint-imports
	$(MAKE) --no-print-directory types
	CASELOAD_DEMO=1 $(BIN)/caseload makemigrations --check --dry-run
	$(BIN)/pytest $(PYTEST_ARGS)

# mypy over src (strict modules in pyproject.toml), checked against mypy-baseline.txt:
# fails on any error not in the baseline, and on a baseline entry that has been fixed.
types: $(VENV)/.installed-dev
	CASELOAD_DEMO=1 $(BIN)/mypy | $(BIN)/mypy-baseline filter

# Records mypy's current errors as the baseline; run it after fixing some.
types-baseline: $(VENV)/.installed-dev
	CASELOAD_DEMO=1 $(BIN)/mypy | $(BIN)/mypy-baseline sync

# Everything except the browser tests, for a quick loop while editing.
test-fast: $(VENV)/.installed-dev
	$(BIN)/pytest -m "not e2e" $(PYTEST_ARGS)

# Only the browser tests (needs /usr/bin/chromium).
e2e: $(VENV)/.installed-dev
	$(BIN)/pytest -m e2e $(PYTEST_ARGS)

lint: $(VENV)/.installed-dev
	$(BIN)/ruff check src tests bench
	$(BIN)/lint-imports

format: $(VENV)/.installed-dev
	$(BIN)/ruff format src tests bench
	$(BIN)/ruff check --fix src tests bench

bench: $(VENV)/.installed-dev
	$(BIN)/python bench/run.py
	$(BIN)/python bench/bench_timeline.py
	$(BIN)/python bench/bench_measures.py
	$(BIN)/python bench/bench_fhir.py
	$(BIN)/python bench/bench_audit.py

# Refreshes the committed front-end files from the npm registry (pinned, checksummed).
vendor:
	bash scripts/vendor-assets.sh

clean:
	rm -rf $(VENV) var/static
