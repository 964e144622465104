# Two commands matter: `make run` (open the app on seeds/) and `make test` (the whole suite).
# Both create .venv with everything they need on first use, so a fresh clone needs only python3 >= 3.11.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

.PHONY: run test lint bench clean

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "un-reader needs Python 3.11 or newer (set PYTHON=python3.11)")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test,dev]'
	@touch $(STAMP)

run: $(STAMP)
	$(BIN)/un-reader $(ARGS)

# the suite waits on terminals, subprocesses and servers more than it computes: four workers keep it
# under three minutes on two cores (PYTEST_WORKERS=0 runs it in one process)
PYTEST_WORKERS ?= 4

test: $(STAMP)
	$(BIN)/python -m pytest -q -n $(PYTEST_WORKERS) $(PYTEST_ARGS)

lint: $(STAMP)
	$(BIN)/ruff check reader tests benchmarks
	$(BIN)/ruff format --check reader tests benchmarks
	$(BIN)/mypy reader

bench: $(STAMP)
	$(BIN)/python benchmarks/run_all.py

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
