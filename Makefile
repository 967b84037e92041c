# Two commands for a newcomer: `make serve` and `make test`. Everything else is a step of those.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
HOST   ?= 127.0.0.1
PORT   ?= 8000

.PHONY: install install-test index serve test lint format bench eval browser clean userdict

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: requirements.txt setup.cfg setup.py pyproject.toml engine/_phrase.pyx | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt
	@# -qq: setuptools warns "Editable installation" for any flat layout; errors still show.
	@# Builds engine/_phrase.pyx with Cython (pinned in pyproject.toml) and the C compiler.
	$(BIN)/pip install -qq --no-deps -e .
	touch $@

$(VENV)/.installed-test: requirements-test.txt $(VENV)/.installed
	$(BIN)/pip install --quiet -r requirements-test.txt
	touch $@

$(VENV)/.installed-bench: requirements-bench.txt $(VENV)/.installed-test
	$(BIN)/pip install --quiet -r requirements-bench.txt
	touch $@

install: $(VENV)/.installed

install-test: $(VENV)/.installed-test

## Build (or rebuild when stale) the clause file and the index from data/.
index: install
	$(BIN)/taiyaku build --if-stale

serve: index
	$(BIN)/taiyaku serve --host $(HOST) --port $(PORT)

## Browser tests drive Debian's Chromium; install it when missing (needs root or sudo).
## The accessibility test injects axe-core (npm, pinned in package-lock.json; MPL-2.0).
browser: node_modules/.installed
	@bash scripts/ensure-chromium

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

lint: install-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

format: install-test
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

test: install-test browser lint
	$(BIN)/python -m pytest

bench: $(VENV)/.installed-bench index
	$(BIN)/python bench/run_all.py

## The evaluation (eval/README.md): sentence alignment of the outside monolingual pairs, then
## translation spotting on outside text, per source and kind, with intervals.
## EVAL_ARGS passes options to the spotting run, e.g. EVAL_ARGS="--only tatoeba --misses".
eval: install
	$(BIN)/python -m eval.alignment
	$(BIN)/python -m eval $(EVAL_ARGS)

## Regenerate the Chinese user dictionary from data/ by its rule (analyzers/userdict.py);
## tests/analyzers/test_userdict_rule.py fails when the shipped file is not this output.
userdict: install
	$(BIN)/python -m indexer.userdict --data data --out data/userdict_zh.txt

clean:
	rm -rf var .pytest_cache .ruff_cache tests/artifacts node_modules
