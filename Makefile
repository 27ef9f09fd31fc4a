# Newsdesk: `make run` serves the app at http://127.0.0.1:8000, `make test` runs the suite.
# Each target installs what it needs (venv, Python packages, Debian packages) first.

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
PORT ?= 8000

.PHONY: run test lint format migrations-check bench-ingest bench-pages bench-quality bench-matching install clean

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

# Browser tests drive Debian's Chromium through Playwright and check pages with axe-core.
CHROMIUM := /usr/bin/chromium
AXE := node_modules/axe-core/axe.min.js

$(CHROMIUM):
	command -v apt-get >/dev/null || { echo "install Chromium at $(CHROMIUM)"; exit 1; }
	apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium

$(AXE): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $(AXE)

install: $(STAMP)

run: $(STAMP)
	PORT=$(PORT) $(PY) -m newsdesk.launch

test: $(STAMP) $(CHROMIUM) $(AXE)
	$(PY) -m pytest

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	# (settings are read, no database is used: a placeholder keeps the embedded one asleep)
	DATABASE_URL=$${DATABASE_URL:-postgres://lint@localhost/lint} $(VENV)/bin/mypy

format: $(STAMP)
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

migrations-check: $(STAMP)
	$(PY) manage.py makemigrations --check --dry-run

bench-ingest: $(STAMP)
	$(PY) bench/ingest.py

bench-pages: $(STAMP)
	$(PY) bench/pages.py

bench-quality: $(STAMP)
	$(PY) bench/quality.py

bench-matching: $(STAMP)
	$(PY) bench/matching.py

clean:
	rm -rf $(VENV) staticfiles tests/artifacts node_modules
