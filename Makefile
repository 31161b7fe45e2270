# Pažanga — the README's two commands are `make run` and `make test`.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed
# The development tools run with the development settings (and so the development key).
MANAGE := DEBUG=1 $(BIN)/python manage.py
PY_SOURCES := src bench security manage.py gunicorn.conf.py
PG_URL ?= postgres://postgres@127.0.0.1:5432/pazanga
HOST ?= 127.0.0.1
PORT ?= 8000
# Development defaults for `make run`; production sets its own environment (README).
RUN_ENV := DEBUG=1 EMAIL_BACKEND=$${EMAIL_BACKEND:-django.core.mail.backends.console.EmailBackend}

.DEFAULT_GOAL := help
.PHONY: help install run setup test test-postgres lint fmt docs messages check-messages bench clean

help: ## List the targets
	@grep -hE '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk 'BEGIN{FS=":.*## "}{printf "  make %-16s %s\n", $$1, $$2}'

$(INSTALLED): pyproject.toml requirements.lock
	@test -n "$(PYTHON)" || { echo "Python 3.11 is needed (python3.11 or python3)."; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
	touch $@

install: $(INSTALLED) ## Create the virtual environment and install the locked dependencies

setup: $(INSTALLED) ## Migrate and load the real reference data and the demo data (idempotent)
	@mkdir -p var
	$(RUN_ENV) $(MANAGE) migrate --noinput -v 0
	$(RUN_ENV) $(MANAGE) load_reference
	$(RUN_ENV) $(MANAGE) load_demo

run: setup ## Set everything up and serve the platform on http://127.0.0.1:8000
	@$(RUN_ENV) $(MANAGE) print_demo_logins --url http://$(HOST):$(PORT)/
	$(RUN_ENV) $(MANAGE) runserver $(HOST):$(PORT)

test: $(INSTALLED) ## Run the whole test suite (SQLite)
	$(BIN)/pytest -n auto -q

test-postgres: $(INSTALLED) ## Run the whole test suite on PostgreSQL ($$PG_URL)
	DATABASE_URL=$(PG_URL) $(BIN)/pytest -n auto -q

lint: $(INSTALLED) ## ruff, import contracts, status writes, mypy, migrations, translations
	$(BIN)/ruff check $(PY_SOURCES)
	$(BIN)/ruff format --check $(PY_SOURCES)
	$(BIN)/lint-imports
	PYTHONPATH=src $(BIN)/python -m pazanga.common.lint
	DEBUG=1 $(BIN)/mypy src/stats src/pazanga/*/workflow.py src/pazanga/grants/solvers
	$(MANAGE) makemigrations --check --dry-run
	$(MANAGE) document_workflows --check
	$(MAKE) check-messages

fmt: $(INSTALLED) ## Format and auto-fix the code
	$(BIN)/ruff check --fix $(PY_SOURCES)
	$(BIN)/ruff format $(PY_SOURCES)

docs: $(INSTALLED) ## Regenerate docs/workflows.md from the workflow tables
	$(MANAGE) document_workflows

messages: $(INSTALLED) ## Extract the interface texts into the .po files and compile them
	$(MANAGE) update_messages

check-messages: $(INSTALLED) ## Fail if a text is untranslated or the compiled catalogues are stale
	$(MANAGE) update_messages --check

bench: $(INSTALLED) ## Run the benchmarks under bench/
	@for script in bench/[!_]*.py; do echo "== $$script"; $(BIN)/python $$script || exit 1; done

.PHONY: mutants
mutants: $(INSTALLED) ## Mutation testing of the workflows and services of events, training and grants (slow)
	$(BIN)/mutmut run --max-children 2; $(BIN)/mutmut results

clean: ## Remove the virtual environment and local data
	rm -rf $(VENV) var
