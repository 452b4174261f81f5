# Two commands take a fresh clone to a working tool: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
BENCH_DATA ?= ../shared/wcxb-dev
TRAFEVAL_DATA ?= ../shared/trafeval
SAMPLES := $(sort $(dir $(wildcard samples/*/input.*)))

.PHONY: install demo test lint bench snapshot regen train-html train-text clean fuzz chromium test-browser screenshot

install: $(STAMP)

# The editable install is a plain path in a .pth file (pyproject's package-dir), which type checkers
# outside the repo follow (setuptools' import hook is invisible to them). pip is upgraded first: the machine's pip 23.2 drops lxml's html-clean extra that trafilatura needs.
$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip uninstall --quiet --yes cleaner 2>/dev/null || true  # the distribution's name until 0.1.0
	$(PY) -m pip install --quiet -e '.[dev,bench,dask,parquet,zstd,datatrove]'
	touch $(STAMP)

demo: install
	@for dir in $(SAMPLES); do \
		echo "==> $$dir"; \
		$(VENV)/bin/cleaner clean --format json $$dir/input.* || exit 1; \
		$(VENV)/bin/cleaner clean $$dir/input.* || exit 1; \
		echo; \
	done
	@echo "cleaner is installed in $(VENV): run $(VENV)/bin/cleaner, or activate the venv first"
	@echo "(. $(VENV)/bin/activate), then: cleaner clean page.html"

test: install
	$(PY) -m pytest -q

lint: install
	$(VENV)/bin/ruff check cleaner tests bench
	$(VENV)/bin/ruff format --check cleaner tests bench
	$(VENV)/bin/mypy

# The long robustness run, outside `make test`: the property tests on 100,000 generated inputs (two
# processes, one per core), the tests marked `large`, then atheris where it installs.
FUZZ_PYTEST := HYPOTHESIS_PROFILE=fuzz $(PY) -m pytest -q -p no:cacheprovider --hypothesis-show-statistics
ATHERIS_RUNS ?= 20000
fuzz: install
	mkdir -p .fuzz
	$(FUZZ_PYTEST) tests/test_properties.py -k "bytes or only_removes" > .fuzz/first-half.log 2>&1 & first=$$!; \
	$(FUZZ_PYTEST) tests/test_properties.py -k "str_gives or again"; second=$$?; \
	wait $$first; first=$$?; cat .fuzz/first-half.log; test $$first = 0 && test $$second = 0
	$(PY) -m pytest -q -p no:cacheprovider -m large
	if $(PY) -m pip install --quiet -e '.[fuzz]'; then \
		$(PY) -m tests.fuzz_atheris -runs=$(ATHERIS_RUNS) -max_len=4096 -len_control=0 -artifact_prefix=.fuzz/; \
	else echo "atheris did not install here: coverage-guided fuzzing skipped"; fi

# WCXB dev (BENCH_DATA), then trafilatura's evaluation set (TRAFEVAL_DATA; skipped with a message if absent).
bench: install
	$(PY) -m bench.run --data $(BENCH_DATA)
	$(PY) -m bench.batch --data $(BENCH_DATA)
	$(PY) -m bench.metadata --data $(BENCH_DATA) --trafeval $(TRAFEVAL_DATA)
	$(PY) -m bench.text_speed --data $(BENCH_DATA)
	$(PY) -m bench.trafeval --data $(TRAFEVAL_DATA)
	$(PY) -m bench.segment_eval --data $(BENCH_DATA)
	$(PY) -m pip install --quiet -e '.[train]'
	$(PY) -m bench.text_eval --data $(BENCH_DATA) --trafeval $(TRAFEVAL_DATA)
	$(PY) -m bench.html_eval --wcxb $(BENCH_DATA) --trafeval $(TRAFEVAL_DATA)

# Every output on every dev page (WCXB + trafeval, 3 modes) for byte-identical before/after checks (--compare).
snapshot: install
	$(PY) -m bench.snapshot --out bench/out/snapshot.jsonl.gz $(SNAPSHOT_ARGS)

# Rebuilds cleaner/html/model.json from WCXB dev and trafeval (a few minutes; the figures: bench.html_eval).
train-html: install
	$(PY) -m pip install --quiet -e '.[train]'
	$(PY) -m bench.train_html --wcxb $(BENCH_DATA) --trafeval $(TRAFEVAL_DATA)

# Rebuilds cleaner/text/model.json (the text-dump segment scorer) from WCXB dev and trafeval (a few minutes).
train-text: install
	$(PY) -m pip install --quiet -e '.[train]'
	$(PY) -m bench.train_text --data $(BENCH_DATA) --trafeval $(TRAFEVAL_DATA)

regen: install
	$(PY) -m tests.regen

# Debian's chromium renders the HTML report in the browser test and for the README's screenshot.
chromium:
	command -v chromium >/dev/null || (apt-get update && apt-get install -y chromium)

test-browser: install chromium
	$(PY) -m pytest -q -m browser

screenshot: install chromium
	$(PY) -m tests.screenshot

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .mypy_cache .ruff_cache .hypothesis .fuzz
