# Two commands take a fresh clone to a working tool: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
BENCH_DATA ?= ../shared/wcxb-dev
SAMPLES := $(sort $(dir $(wildcard samples/*/input.*)))

.PHONY: install demo test lint bench regen clean

install: $(STAMP)

# pip is upgraded first: the machine's pip 23.2 drops lxml's html-clean extra that trafilatura needs.
$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev,bench]'
	touch $(STAMP)

demo: install
	@for dir in $(SAMPLES); do \
		echo "==> $$dir"; \
		$(VENV)/bin/cleaner clean --format json $$dir/input.* || exit 1; \
		$(VENV)/bin/cleaner clean $$dir/input.* || exit 1; \
		echo; \
	done

test: install
	$(PY) -m pytest -q

lint: install
	$(VENV)/bin/ruff check cleaner tests bench
	$(VENV)/bin/ruff format --check cleaner tests bench
	$(VENV)/bin/mypy

bench: install
	$(PY) -m bench.run --data $(BENCH_DATA)
	$(PY) -m bench.text_speed --data $(BENCH_DATA)

regen: install
	$(PY) -m tests.regen

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .mypy_cache .ruff_cache
