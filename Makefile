# The two commands a new user needs are `make run` and `make test`; both create .venv when missing.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
export DIARIUM_HOME ?= $(CURDIR)/.diarium

.PHONY: run test lint dev bench clean venv

venv: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	# The compact Swedish lexicon, built now rather than on the first search.
	$(BIN)/python -m search.swedish
	touch $@

## Ingest the sample corpus (../shared/corpus when present, else the bundled sample) and show searches.
run: venv
	$(BIN)/diarium demo

## The whole test suite.
test: venv
	$(BIN)/pytest

lint: venv
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

## The Dagster UI on http://127.0.0.1:3000, with the same instance the CLI records its runs in.
dev: venv
	$(BIN)/diarium dagster-home
	DAGSTER_HOME=$(DIARIUM_HOME)/dagster $(BIN)/dagster dev -m pipelines.definitions -h 127.0.0.1 -p 3000

bench: venv
	$(BIN)/python benchmarks/cli.py
	$(BIN)/python benchmarks/ingest.py
	$(BIN)/python benchmarks/search.py
	$(BIN)/python benchmarks/extraction.py
	$(BIN)/python benchmarks/nightly.py
	$(BIN)/python benchmarks/pdf.py
	$(BIN)/python benchmarks/tables.py

clean:
	rm -rf $(DIARIUM_HOME) .pytest_cache .mypy_cache .ruff_cache
