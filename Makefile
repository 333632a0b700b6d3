# The two commands a newcomer needs:  `make run`  and  `make test`.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint bench reliability install clean

$(STAMP): pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

## Set up and try the product on the embedded SQLite database: a demo firm and the console chat.
run: $(STAMP)
	$(BIN)/zhangfang demo

## Set up and run the whole test suite (SQLite always; PostgreSQL too when ZHANGFANG_TEST_POSTGRES_URL is set).
test: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/pytest -n 2

lint: $(STAMP)
	$(BIN)/ruff check .

## Benchmarks (figures quoted in README.md).
bench: $(STAMP)
	$(BIN)/python benchmarks/run_all.py

## The reliability suite against a real `zhangfang serve` (docs/reliability.md); BACKEND=postgresql for PostgreSQL.
reliability: $(STAMP)
	$(BIN)/python -m benchmarks.reliability --backend $(or $(BACKEND),sqlite)

clean:
	rm -rf $(VENV) *.egg-info .ruff_cache
