# Quick start: `make run` serves the web app at http://127.0.0.1:7860, `make test` runs the tests.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: run test test-fast index bench clean

$(STAMP): requirements.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	touch $(STAMP)

index: $(STAMP)
	$(PY) -m index build --if-stale

run: index
	$(PY) app.py

# The browser tests (marked `browser`) need Debian's Chromium: `apt-get install chromium fonts-noto-cjk` (.ci/run does it);
# without /usr/bin/chromium they are skipped with that hint.
test: $(STAMP)
	$(PY) -m pytest -q

# Benchmarks (about 40 minutes on 2 cores): results are written to bench/RESULTS.md.
bench: $(STAMP)
	$(PY) bench/index_build.py --runs 5
	$(PY) bench/scale.py
	$(PY) bench/formats.py --runs 3
	$(PY) bench/search_cold.py

clean:
	rm -rf var .pytest_cache
