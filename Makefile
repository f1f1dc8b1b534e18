# `make site` and `make test` do all the set-up on a fresh clone: they create .venv and
# install the package with the versions pinned in constraints.txt.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: site test check lint format clean readme

$(STAMP): pyproject.toml constraints.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[dev]'
	touch $(STAMP)

site: $(STAMP)
	$(BIN)/glossator build

check: $(STAMP)
	$(BIN)/glossator check

lint: $(STAMP)
	$(BIN)/ruff check scripts tests benchmarks
	$(BIN)/ruff format --check scripts tests benchmarks

format: $(STAMP)
	$(BIN)/ruff format scripts tests benchmarks
	$(BIN)/ruff check --fix scripts tests benchmarks

test: lint
	$(BIN)/pytest

readme: $(STAMP)
	$(BIN)/python -m glossator.reference README.md

clean:
	rm -rf site build .pytest_cache
