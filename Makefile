# The README's commands. `make test` is what CI runs (.ci/run).
VENV ?= .venv
PYTHON ?= python3
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test lint format bench system-deps clean

$(STAMP): pyproject.toml
	scripts/bootstrap-venv.sh "$(PYTHON)" "$(VENV)"
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

## demo: import the bundled sample mailbox and print its status board
demo: $(STAMP)
	$(BIN)/inbox-monitor demo

## test: the whole suite, with the real Dovecot and SMTP servers on loopback, then lint
test: $(STAMP) system-deps
	$(BIN)/pytest
	$(MAKE) --no-print-directory lint

## lint: ruff and mypy, as configured in pyproject.toml
lint: $(STAMP)
	$(BIN)/ruff check inbox_monitor tests bench
	$(BIN)/ruff format --check inbox_monitor tests bench
	$(BIN)/mypy

format: $(STAMP)
	$(BIN)/ruff format inbox_monitor tests bench
	$(BIN)/ruff check --fix inbox_monitor tests bench

## bench: the benchmark scripts (they print their figures)
bench: $(STAMP) system-deps
	for script in bench/bench_*.py; do $(BIN)/python $$script || exit 1; done

## system-deps: Debian packages the tests need (Dovecot, mbsync), installed when missing and root
system-deps:
	scripts/install-system-deps.sh

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache build dist
