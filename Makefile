# credcat: `make help` lists the targets.
SHELL := /bin/bash
VENV ?= .venv
PYTHON := $(VENV)/bin/python
CREDCAT := $(VENV)/bin/credcat
STAMP := $(VENV)/.installed

.DEFAULT_GOAL := help
.PHONY: help install lock validate lint test test-quick serve site browser-deps editor-deps bench bench-full

help: ## list the targets
	@grep -hE '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml constraints.txt
	python3 -m venv $(VENV)
	$(PYTHON) -m pip install --quiet --upgrade pip -c constraints.txt
	$(PYTHON) -m pip install --quiet -e '.[dev]' -c constraints.txt --build-constraint constraints.txt
	touch $(STAMP)

install: $(STAMP) ## create .venv and install credcat (editable) with its dev tools, at the versions in constraints.txt

LOCK_VENV := build/lock-venv

lock: ## rewrite constraints.txt with the newest versions pyproject.toml allows (resolved in a scratch venv)
	rm -rf $(LOCK_VENV)
	python3 -m venv $(LOCK_VENV)
	$(LOCK_VENV)/bin/python -m pip install --quiet --upgrade pip
	$(LOCK_VENV)/bin/python -m pip install --quiet -e '.[dev]'
	{ sed '/^[^#]/,$$d' constraints.txt; $(LOCK_VENV)/bin/python -m pip freeze --all --exclude-editable; } > $(LOCK_VENV)/constraints.txt
	mv $(LOCK_VENV)/constraints.txt constraints.txt
	rm -rf $(LOCK_VENV)

validate: install ## check every catalog file against the contract, as CI does (warnings fail too)
	$(CREDCAT) validate --strict

lint: install ## run ruff and mypy --strict (settings in pyproject.toml)
	$(VENV)/bin/ruff check scripts/credcat tests
	$(VENV)/bin/mypy

test: install lint browser-deps editor-deps ## run the test suite (installs chromium, axe-core and the YAML language server first)
	CREDCAT_CHROMIUM=$(CHROMIUM) $(PYTHON) -m pytest

test-quick: install lint ## the tests that need no browser, no npm and no whole site build
	$(PYTHON) -m pytest -m "not browser and not editor and not slow"

PORT ?= 8000

serve: install ## build the catalog site and serve it on http://127.0.0.1:8000 (PORT=8001 for another port; PROVIDER="id ..." for only those providers and what they name), rebuilding on every change
	$(CREDCAT) serve --dev-addr 127.0.0.1:$(PORT)$(if $(PROVIDER), $(foreach provider,$(PROVIDER),--provider $(provider)))

site: install ## build the site into site/ (pages, search index, feeds) for any static host
	$(CREDCAT) build --site-dir site

AXE := node_modules/axe-core/axe.min.js
# The browser the tests drive: Debian's, installed when missing, or yours (make test CHROMIUM=...)
DEBIAN_CHROMIUM := /usr/bin/chromium
CHROMIUM ?= $(DEBIAN_CHROMIUM)
APT_LOG := build/apt-get.log
NO_CHROMIUM := make: no Chromium at $(CHROMIUM) for the browser tests: install Debian's chromium (as root: apt-get install chromium), or give yours with make test CHROMIUM=/path/to/chromium, or run make test-quick
NO_NPM := make: the browser and editor tests need Node.js and npm (Debian: apt-get install nodejs npm), or run make test-quick

browser-deps: ## install Debian's chromium (as root) and axe-core for the browser tests, when missing
	@if [ ! -x "$(CHROMIUM)" ] && [ "$(CHROMIUM)" = $(DEBIAN_CHROMIUM) ] && [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		echo "installing Debian's chromium (apt-get's output: $(APT_LOG))"; mkdir -p $(dir $(APT_LOG)); \
		{ apt-get update && apt-get install -y chromium; } >$(APT_LOG) 2>&1 || true; \
	fi
	@test -x "$(CHROMIUM)" || { echo "$(NO_CHROMIUM)" >&2; exit 1; }
	@test -f $(AXE) || { command -v npm >/dev/null || { echo "$(NO_NPM)" >&2; exit 1; }; \
		npm install --no-save --no-package-lock --no-audit --no-fund axe-core@4; }

EDITOR_SERVER := tests/editor/node_modules/.package-lock.json

editor-deps: $(EDITOR_SERVER) ## install the YAML language server the editor test drives (npm ci in tests/editor)

$(EDITOR_SERVER): tests/editor/package.json tests/editor/package-lock.json
	@command -v npm >/dev/null || { echo "$(NO_NPM)" >&2; exit 1; }
	cd tests/editor && npm ci --no-audit --no-fund
	touch $@

bench: install ## time validate and site builds on 1,000 and 10,000 synthetic listings, the listing history read, and credcat serve's first page and save-to-page (not a test)
	PYTHONPATH=scripts $(PYTHON) -m measure.bench --skip-100k
	PYTHONPATH=scripts $(PYTHON) -m measure.history --count 10000
	PYTHONPATH=scripts $(PYTHON) -m measure.serve --count 10000

bench-full: install ## make bench plus the 100,000-listing builds (about 40 more minutes, 13 GB of memory)
	PYTHONPATH=scripts $(PYTHON) -m measure.bench
