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

## Apache ECharts for the board (/board), from the npm registry into a git-ignored static dir: no CDN at run time.
ECHARTS := bot/board/static/vendor/echarts.min.js
$(ECHARTS):
	@if command -v npm >/dev/null 2>&1; then \
	  tmp=$$(mktemp -d) && (cd $$tmp && npm pack --silent echarts@6 >/dev/null && \
	    tar -xzf echarts-*.tgz package/dist/echarts.min.js package/LICENSE) && \
	  mkdir -p $(dir $(ECHARTS)) && cp $$tmp/package/dist/echarts.min.js $(ECHARTS) && \
	  cp $$tmp/package/LICENSE $(dir $(ECHARTS))ECHARTS-LICENSE && rm -rf $$tmp; \
	else echo "npm not found: the board will show its tables without charts"; fi

install: $(STAMP) $(ECHARTS)

## Set up and try the product on the embedded SQLite database: a demo firm and the console chat.
run: $(STAMP) $(ECHARTS)
	$(BIN)/zhangfang demo

## Set up and run the whole test suite (SQLite always; PostgreSQL too when ZHANGFANG_TEST_POSTGRES_URL is set).
test: $(STAMP) $(ECHARTS)
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
