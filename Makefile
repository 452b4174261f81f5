# Two commands take a fresh clone to a working tool: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
BENCH_DATA ?= ../shared/wcxb-dev
SAMPLES := $(sort $(dir $(wildcard samples/*/input.*)))

.PHONY: install demo test lint bench snapshot regen train-html train-text clean fuzz chromium test-browser screenshot

install: $(STAMP)

# pip is upgraded first: the machine's pip 23.2 drops lxml's html-clean extra that trafilatura needs.
$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev,bench,dask]'
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

bench: install
	$(PY) -m bench.run --data $(BENCH_DATA)
	$(PY) -m bench.batch --data $(BENCH_DATA)
	$(PY) -m bench.metadata --data $(BENCH_DATA)
	$(PY) -m bench.text_speed --data $(BENCH_DATA)

# Every output on every dev page (WCXB + trafeval, 3 modes) for byte-identical before/after checks (--compare).
snapshot: install
	$(PY) -m bench.snapshot --out bench/out/snapshot.jsonl.gz $(SNAPSHOT_ARGS)

# Rebuilds cleaner/html_model.json from the WCXB data, with a domain-grouped CV estimate (a few minutes).
train-html: install
	$(PY) -m pip install --quiet -e '.[train]'
	$(PY) -m bench.train_html --data $(BENCH_DATA)

# Rebuilds cleaner/text_model.json (the text-dump segment scorer) from the WCXB data (a few minutes).
train-text: install
	$(PY) -m pip install --quiet -e '.[train]'
	$(PY) -m bench.train_text --data $(BENCH_DATA)

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
