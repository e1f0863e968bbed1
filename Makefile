# Astana: the two commands are `make demo` and `make test`; everything else supports them.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat requirements.lock pyproject.toml | sha256sum | cut -c1-16)

# Python keeps each module's compiled form, in var/pycache (not beside the sources), even where
# the environment says not to write it (PYTHONDONTWRITEBYTECODE): otherwise every process that
# `make test` starts (the test workers, each `astana` command a test runs) compiles Django and
# the platform from source again, about 2.5 s of CPU each here.
export PYTHONPYCACHEPREFIX := $(CURDIR)/var/pycache
unexport PYTHONDONTWRITEBYTECODE

.PHONY: help install demo test coverage fuzz lint types imports unit check-browser test-sqlite test-postgres bench lock messages screenshots clean

help:
	@echo "make demo   set up everything and serve the archive and sandbox on http://127.0.0.1:8000"
	@echo "make test   the whole suite: lint, types, import contract, tests on SQLite and PostgreSQL"
	@echo "make bench  the benchmarks in bench/"
	@echo "make coverage  every test on SQLite (browser stories too) measured: the total, and var/coverage/html/"
	@echo "make fuzz   the hostile-input suite at length (ASTANA_FUZZ_CASES per operation, default 10000)"
	@echo "make lock   re-resolve requirements.lock from pyproject.toml"
	@echo "make screenshots  play the whole-round browser story and copy its pictures to docs/screenshots/"

# The virtual environment, installed exactly from the lock file (hashes checked). Without
# byte-compiling every installed module up front (half the install's time): Python compiles
# each module the first time it is imported and keeps it.
$(STAMP): requirements.lock pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-compile --require-hashes -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	@rm -f $(VENV)/.installed-*
	@touch $@

install: $(STAMP)

demo: install
	@bash scripts/ensure-system-packages --demo
	$(BIN)/astana demo

test: install
	bash scripts/run-tests

# What the suite runs of the platform's code: every test on SQLite, the browser stories
# included, in the test processes and in each Python process they start (pyproject.toml:
# [tool.coverage]); prints the total (branch coverage) and writes var/coverage/html/.
coverage: install
	@bash scripts/ensure-system-packages
	rm -rf var/coverage && mkdir -p var/coverage
	$(BIN)/python -m pytest -q -p no:cacheprovider -n $(shell nproc) --dist loadgroup --cov --cov-report=html
	@echo "coverage of src/astana (lines and branches): $$($(BIN)/coverage report --format=total)%"

# The hostile-input suite of `make test` (tests/integration/fuzz) with many more cases, on SQLite
# and on a throw-away PostgreSQL, in FUZZ_WORKERS processes (default: one per CPU); the table of
# what it sent and found, added up over the workers, is in var/fuzz-report.txt. Then the unit
# tests with every property test at its full budget (`make test` tries half: tests/helpers/examples.py).
FUZZ_CASES ?= $(or $(ASTANA_FUZZ_CASES),10000)
FUZZ_WORKERS ?= $(shell nproc)
FUZZ_PYTEST = $(BIN)/python -m pytest -q -p no:cacheprovider -n $(FUZZ_WORKERS) tests/integration/fuzz
fuzz: install
	@mkdir -p var && rm -rf var/fuzz-parts var/fuzz-report.txt
	export ASTANA_FUZZ_CASES=$(FUZZ_CASES) ASTANA_FUZZ_PARTS=var/fuzz-parts; \
	$(FUZZ_PYTEST); s1=$$?; \
	$(BIN)/python scripts/throwaway-postgres -- $(FUZZ_PYTEST); s2=$$?; \
	$(BIN)/python tests/integration/fuzz/tally.py var/fuzz-parts | tee var/fuzz-report.txt; \
	ASTANA_PROPERTY_EXAMPLES=full $(BIN)/python -m pytest -q -p no:cacheprovider -n $(FUZZ_WORKERS) tests/unit; s3=$$?; \
	test $$s1 = 0 -a $$s2 = 0 -a $$s3 = 0

lint: install
	$(BIN)/ruff check src tests bench scripts
	$(BIN)/ruff format --check src tests bench scripts

types: install
	$(BIN)/mypy

imports: install
	$(BIN)/lint-imports

bench: install
	@for f in bench/*.py; do echo "== $$f"; $(BIN)/python $$f || exit 1; done

lock: install
	$(BIN)/python -m pip install --quiet uv
	@# The index is the environment's own: pip's configured index-url if any, else uv's default
	@# (and its UV_* variables). No host is named here.
	index="$${PIP_INDEX_URL:-$$($(BIN)/python -m pip config get global.index-url 2>/dev/null)}"; \
	$(BIN)/uv pip compile pyproject.toml --extra dev --extra bench --python-version 3.11 \
		--generate-hashes --no-strip-extras $${index:+--index-url "$$index"} -o requirements.lock

# The README's pictures: the whole-round browser story in English and Arabic, its window-sized
# screenshots copied to docs/screenshots/.
SHOTS := story-en-select story-ar-select story-en-grid story-ar-grid story-en-redline story-ar-redline
screenshots: install
	@bash scripts/ensure-system-packages
	$(BIN)/python -m pytest -q -p no:cacheprovider -n 0 tests/system/browser/test_whole_round_browser.py
	@mkdir -p docs/screenshots
	for shot in $(SHOTS); do cp var/screenshots/$$shot.png docs/screenshots/; done

messages: install
	cd src/astana/web && ../../../$(BIN)/django-admin compilemessages --ignore=.venv

clean:
	rm -rf $(VENV) var .mypy_cache .ruff_cache .pytest_cache .hypothesis
