# `make site` and `make test` do all the set-up on a fresh clone: they create .venv, install the
# package with the versions pinned in constraints.txt, and pagefind's program (pinned in
# scripts/glossator/search/binary.py).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: site test check lint format clean readme axe pagefind

$(STAMP): pyproject.toml constraints.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[dev]'
	touch $(STAMP)

# pagefind's program, downloaded once (nothing to do, and nothing printed, when it is there).
pagefind: $(STAMP)
	$(BIN)/python -m glossator.search.binary

site: pagefind
	$(BIN)/glossator build

check: $(STAMP)
	$(BIN)/glossator check

lint: $(STAMP)
	$(BIN)/ruff check scripts tests benchmarks
	$(BIN)/ruff format --check scripts tests benchmarks

format: $(STAMP)
	$(BIN)/ruff format scripts tests benchmarks
	$(BIN)/ruff check --fix scripts tests benchmarks

# axe-core for the browser tests' accessibility checks, at the version pinned in
# tests/axe/package-lock.json (test-only; never published with the site).
AXE := tests/axe/node_modules/axe-core/axe.min.js
$(AXE): tests/axe/package.json tests/axe/package-lock.json
	npm ci --prefix tests/axe --no-audit --no-fund
	touch $(AXE)

axe: $(AXE)

test: lint axe pagefind
	$(BIN)/pytest

readme: $(STAMP)
	$(BIN)/python -m glossator.reference README.md

clean:
	rm -rf site build .pytest_cache
