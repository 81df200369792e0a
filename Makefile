# credcat: `make help` lists the targets.
SHELL := /bin/bash
VENV ?= .venv
PYTHON := $(VENV)/bin/python
CREDCAT := $(VENV)/bin/credcat
STAMP := $(VENV)/.installed

.DEFAULT_GOAL := help
.PHONY: help install validate test serve bench

help: ## list the targets
	@grep -hE '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml
	python3 -m venv $(VENV)
	$(PYTHON) -m pip install --quiet --upgrade pip
	$(PYTHON) -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP) ## create .venv and install credcat (editable) with its dev tools

validate: install ## check every catalog file against the contract
	$(CREDCAT) validate

test: install ## run the test suite
	$(PYTHON) -m pytest

serve: validate ## validate the catalog (the site build comes with the site issue)
	@echo "catalog is valid; the browsable site is the next step (make serve will build and serve it)"

bench: install ## time validation on synthetic catalogs (1,000 and 10,000 listings)
	$(PYTHON) -m credcat.bench
