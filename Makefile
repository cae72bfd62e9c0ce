# SAM — two commands on a fresh machine (only python3.11 and make needed):
#   make demo   set up, generate the demo data, dbt build on DuckDB, print a per-channel summary
#   make test   set up, then every check and test (what CI runs: .ci/run)
#   make check / make report   the data-quality gate and the KPI-myopia report on the build
# Both are idempotent: a second run reinstalls nothing (the venv is rebuilt only when
# pyproject.toml or uv.lock change).

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

PYTHON ?= python3.11
UV_VERSION := 0.13.8
TOOLS := .tools
UV := $(TOOLS)/bin/uv
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.sam-installed

DEMO_DIR ?= data/demo

export DBT_PROFILES_DIR := $(CURDIR)/profiles
export DBT_SEND_ANONYMOUS_USAGE_STATS := false
export DBT_VERSION_CHECK := false
export GX_ANALYTICS_ENABLED := false
export UV_PYTHON_DOWNLOADS := never
export UV_PROJECT_ENVIRONMENT := $(CURDIR)/$(VENV)
export SAM_DATA_DIR ?= $(CURDIR)/$(DEMO_DIR)
export SAM_DUCKDB_PATH ?= $(CURDIR)/data/sam.duckdb

.PHONY: help install demo demo-data build test lint sql-lint py-lint bq-check dbt-build semantic-check \
	pytest clean check report browser

help:
	@echo "make demo   - install, generate demo data, dbt build on DuckDB, print the channel summary"
	@echo "make test   - install, then lint, offline BigQuery check, dbt build + tests, MetricFlow check, sam check, pytest"
	@echo "make check  - sam check (great-expectations gate) on the build; data docs in reports/"
	@echo "make report - sam report: reports/sam-report.html and its PNG charts"
	@echo "make quick  - the inner loop (< 5 min): lint, dbt unit tests, the pytest files that build no dbt project"

# uv itself comes from PyPI into a small bootstrap venv (no curl | sh installers).
$(UV):
	$(PYTHON) -m venv $(TOOLS)
	$(TOOLS)/bin/pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)

$(STAMP): pyproject.toml uv.lock | $(UV)
	$(UV) sync --frozen --python $(PYTHON)
	@touch $@

install: $(STAMP)

# The demo data is regenerated only when the generator's code or data changed (Google's channel
# rule table and source list included; manifest.json is written last, so an interrupted run is
# redone).
DEMO_MANIFEST := $(DEMO_DIR)/manifest.json
GENERATOR_SRC := $(shell find src/sam/demo src/sam/ga4 -name '*.py' -o -name '*.csv' 2>/dev/null) \
	seeds/ga4_source_categories.csv

$(DEMO_MANIFEST): $(STAMP) $(GENERATOR_SRC)
	$(BIN)/sam demo-data --out $(DEMO_DIR)

demo-data: $(DEMO_MANIFEST)

build: install
	$(BIN)/sam build

demo: demo-data build
	$(BIN)/sam summary
	$(BIN)/sam report
	@$(MAKE) --no-print-directory export-dry-run

lint: sql-lint py-lint

sql-lint: install
	@mkdir -p $(dir $(SAM_DUCKDB_PATH))
	$(BIN)/sqlfluff lint models tests analyses --processes 2
	@# the Salesforce models are disabled under the default sam_crm: lint them with it switched
	$(BIN)/sqlfluff lint --config .sqlfluff-salesforce models/staging/salesforce \
		models/intermediate/crm/salesforce tests/crm --processes 2

py-lint: install
	$(BIN)/ruff check src tests scripts
	$(BIN)/ruff format --check src tests scripts
	$(BIN)/mypy

bq-check: install demo-data
	$(BIN)/sam bq-check

dbt-build: demo-data
	$(BIN)/sam build

# MetricFlow on the built database: the semantic models and metrics validate (also against the
# warehouse), and the README's example query returns rows. mf reads target/semantic_manifest.json
# (a fixed path), which dbt parse writes.
MF_CHECK_CSV := target/mf_revenue_roi_by_channel.csv

semantic-check: install
	$(BIN)/dbt parse --quiet
	$(BIN)/mf validate-configs
	$(BIN)/mf query --metrics revenue,roi --group-by channel --csv $(MF_CHECK_CSV)
	@test "$$(wc -l < $(MF_CHECK_CSV))" -gt 1 || { echo "mf query returned no rows"; exit 1; }

# The demo is frozen in time: its freshness is judged against its own as-of date (manifest.json),
# so the gate gives the same answer any day. Other data: today (or SAM_CHECK_AS_OF).
CHECK_AS_OF = $(shell [ -f $(DEMO_MANIFEST) ] && [ "$(abspath $(SAM_DATA_DIR))" = "$(abspath $(DEMO_DIR))" ] \
	&& $(PYTHON) -c 'import json,sys; print(json.load(open(sys.argv[1]))["as_of"])' $(DEMO_MANIFEST))

check: dbt-build
	$(BIN)/sam check $(if $(CHECK_AS_OF),--as-of $(CHECK_AS_OF))

report: build
	$(BIN)/sam report

# The report's browser test needs Chromium: install the Debian package when none is on PATH.
browser:
	@command -v chromium >/dev/null || command -v chromium-browser >/dev/null \
	|| command -v google-chrome >/dev/null || { \
		echo "installing chromium (Debian package) for the report's browser test"; \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq --no-install-recommends chromium; }

# The marts' demo test reads the database dbt-build just made (SAM_TEST_BUILT_DUCKDB) instead of
# building the same models again.
# Two phases: the tests that plant a probe model in the project's own models/ folder (every other
# dbt run would parse it) run alone first; the rest run on two workers, one test file per worker
# (each file's fixtures build once), every dbt run in its own target folder and database.
SERIAL_TESTS := tests/test_bq_check.py tests/test_zetasql_gate.py
PYTEST_WORKERS ?= 2

PYTEST_SERIAL = SAM_TEST_BUILT_DUCKDB=$(SAM_DUCKDB_PATH) $(BIN)/pytest -q --durations=5 $(SERIAL_TESTS)
PYTEST_PARALLEL = SAM_TEST_BUILT_DUCKDB=$(SAM_DUCKDB_PATH) $(BIN)/pytest -q --durations=15 \
	-n $(PYTEST_WORKERS) --dist loadfile $(addprefix --ignore=,$(SERIAL_TESTS))

pytest: install dbt-build
	$(PYTEST_SERIAL)
	$(PYTEST_PARALLEL)

# make test: the serial tests first, alone; then the parallel pytest beside the BigQuery emulator
# and, once one of those is done, the scheduler recipes. The emulator works in its own venv,
# data/demo-small and target/bq_emulator/, the recipes in target/recipes/, every pytest dbt run in
# private folders, and none plants anything in models/: their mostly single-threaded minutes fill
# the cores pytest's two workers leave idle (dbt start-up, the last test file running alone).
# --output-sync keeps each one's output in one piece. A sub-make, so the phony dbt-build is not
# run again (pytest-after-build has no prerequisites).
.PHONY: pytest-after-build
pytest-after-build:
	$(PYTEST_PARALLEL)

test: install lint bq-check dbt-build semantic-check check browser
	$(PYTEST_SERIAL)
	@$(MAKE) --no-print-directory -j2 --output-sync=target pytest-after-build bq-emulator recipes-test
	@echo "make test: all checks passed"

# Closing the loop (docs/closing-the-loop.md): what GA4, Google Ads and Meta would receive from the
# built database - a dry run (nothing sent), as of the demo's own last day; the request bodies go to
# target/exports/<destination>/.
.PHONY: export-dry-run
export-dry-run: install
	@for destination in ga4 google-ads meta; do \
		$(BIN)/sam export $$destination $(if $(CHECK_AS_OF),--as-of $(CHECK_AS_OF)); done

# --- Scheduler recipes (issue 19, docs/scheduling.md) -----------------------------------------
# Airflow + astronomer-cosmos, Dagster + dagster-dbt, the scheduled GitHub Actions workflow. Each
# recipe is its own uv project with its own lock and venv under recipes/<name>/ (SAM's lock stays
# lean); its tests load the DAG / the definitions from the manifest of SAM's project (dbt parse),
# no server, no warehouse.
RECIPES := airflow dagster github-actions
RECIPE_DIR := $(CURDIR)/target/recipes

.PHONY: recipes-test
recipes-test: install
	$(BIN)/ruff check recipes
	$(BIN)/ruff format --check recipes
	@# A private DuckDB path: in make test this runs beside pytest, which reads data/sam.duckdb, and
	@# a process opening the profile's file read-write locks readers out (sqlfluff's dbt templater
	@# does; dbt parse does not, but nothing the recipes run can then).
	@mkdir -p $(RECIPE_DIR)
	SAM_DUCKDB_PATH=$(RECIPE_DIR)/sam.duckdb $(BIN)/dbt parse --quiet --target-path $(RECIPE_DIR)
	@mkdir -p $(RECIPE_DIR)/airflow-home $(RECIPE_DIR)/dagster-home
	@for recipe in $(RECIPES); do \
		echo "recipes/$$recipe: sync + pytest"; \
		( cd recipes/$$recipe \
		  && UV_PROJECT_ENVIRONMENT=$$PWD/.venv $(CURDIR)/$(UV) sync --frozen --quiet --python $(PYTHON) \
		  && SAM_ROOT=$(CURDIR) SAM_DBT_MANIFEST=$(RECIPE_DIR)/manifest.json SAM_DUCKDB_PATH=$(RECIPE_DIR)/sam.duckdb \
		     AIRFLOW_HOME=$(RECIPE_DIR)/airflow-home DAGSTER_HOME=$(RECIPE_DIR)/dagster-home \
		     .venv/bin/pytest -q -p no:cacheprovider ) || exit 1; \
	done

# dbt source freshness of the data directory, judged as of the demo's own day (sam freshness).
.PHONY: freshness
freshness: demo-data
	$(BIN)/sam freshness

# In `make test` (about 30 s warm: dbt parse ~15 s, the three recipes' tests ~15 s), beside the
# parallel pytest (the test recipe's -j2 sub-make).

clean:
	rm -rf target data/sam.duckdb .pytest_cache .mypy_cache .ruff_cache

# --- BigQuery on an emulator (issue 15) ------------------------------------------------------------
# bqemulator 1.4.0 in its own venv (every package pinned in scripts/bqemulator-requirements.txt;
# it pins an older sqlglot than SAM's), patched to run offline and to run SAM's BigQuery SQL with
# the patch from the shared tools folder (../shared beside the clone in CI; SHARED_DIR=... to move).
# `make bq-emulator` loads a small demo (2.5 % scale) into it, runs dbt seed / run (and test) with
# --target bigquery, and compares every mart with a DuckDB build of the same data (src/sam/bq_emulator.py).
SHARED_DIR ?= ../shared
BQEMU_VENV := .bqemu
BQEMU_STAMP := $(BQEMU_VENV)/.sam-installed
BQEMU_PATCH := $(SHARED_DIR)/tools/bqemulator-1.4.0-offline.patch
BQEMU_DEMO_DIR := data/demo-small
BQEMU_DEMO_MANIFEST := $(BQEMU_DEMO_DIR)/manifest.json
# CRMs run on the emulator, those whose dbt tests also run there, and which tests (singular |
# singular+unit | data | all: unit tests are the slow part, see src/sam/bq_emulator.py); the CRMs
# after the first run only the tests on their CRM-specific models (crm-only) or the same (same).
BQEMU_CRMS ?= hubspot salesforce
BQEMU_TEST_CRMS ?= hubspot salesforce
BQEMU_TESTS ?= data
BQEMU_LATER_CRM_TESTS ?= crm-only

.PHONY: bq-emulator

$(BQEMU_STAMP): scripts/bqemulator-requirements.txt
	@test -f $(BQEMU_PATCH) || { echo "missing $(BQEMU_PATCH): set SHARED_DIR"; exit 1; }
	rm -rf $(BQEMU_VENV)
	$(PYTHON) -m venv $(BQEMU_VENV)
	$(BQEMU_VENV)/bin/pip install --quiet --disable-pip-version-check -r scripts/bqemulator-requirements.txt
	patch -p1 --forward -d "$$($(BQEMU_VENV)/bin/python -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')" < $(BQEMU_PATCH)
	@touch $@

$(BQEMU_DEMO_MANIFEST): $(STAMP) $(GENERATOR_SRC)
	$(BIN)/sam demo-data --out $(BQEMU_DEMO_DIR) --scale 0.025 --quiet

bq-emulator: install $(BQEMU_STAMP) $(BQEMU_DEMO_MANIFEST)
	$(BIN)/python -m sam.bq_emulator --emulator $(BQEMU_VENV)/bin/bqemulator --data-dir $(BQEMU_DEMO_DIR) \
		$(foreach c,$(BQEMU_CRMS),--crm $(c)) $(foreach c,$(BQEMU_TEST_CRMS),--test-crm $(c)) \
		--tests $(BQEMU_TESTS) --later-crm-tests $(BQEMU_LATER_CRM_TESTS)

# --- dbt-score (issue 20): metadata score of every model, source, seed and macro -------------
# dbt-score's rules and SAM's own (src/sam/score_rules.py: no intermediate -> mart refs, a
# primary-key test on every model, freshness on every source or a listed reason). Fails when the
# project scores under 9.0 or any item under dbt-score's default 5; scored under both CRMs (the
# Salesforce models are disabled under the default sam_crm). Two dbt parses, ~20 s.
.PHONY: score
score: install
	$(BIN)/dbt parse --quiet --target-path target/score
	$(BIN)/dbt-score lint --manifest target/score/manifest.json --show failing-items \
		--fail-project-under 9.0
	$(BIN)/dbt parse --quiet --target-path target/score-salesforce --vars '{sam_crm: salesforce}'
	$(BIN)/dbt-score lint --manifest target/score-salesforce/manifest.json --show failing-items \
		--fail-project-under 9.0

test: score

# --- make quick (issue 20): the inner loop, under 5 minutes after `make install` -------------
# lint (sqlfluff, ruff, mypy --strict), the dbt unit tests (every model they cover built empty
# from the 2.5 % demo the emulator uses, then `dbt test --select test_type:unit`) and the pytest
# files that build nothing in DuckDB (QUICK_SKIP lists those that do; the parse / compile-only
# ones stay: docs, layers, compiled lines, channel rules). What it leaves
# out: the demo build with its data tests, bq-check (BigQuery compile + ZetaSQL), semantic-check,
# sam check, the browser test, the emulator, the recipes and the pytest files in QUICK_SKIP
# (dbt builds of generated demos, the fault suite, the incremental replays): `make test` runs them.
QUICK_DIR := $(CURDIR)/target/quick
QUICK_SKIP := $(SERIAL_TESTS) tests/test_attribution_data_driven.py tests/test_attribution_demo.py \
	tests/test_bench.py tests/test_bigquery_portability.py tests/test_check.py \
	tests/test_crm_demo.py tests/test_crm_fivetran_samples.py tests/test_dbt_runner_user_id.py \
	tests/test_export_demo.py tests/test_faults.py tests/test_freshness.py \
	tests/test_ga4_bigquery_sql.py tests/test_ga4_edge_cases.py tests/test_ga4_incremental.py \
	tests/test_ga4_public_sample.py tests/test_incremental_bigquery_sql.py \
	tests/test_incremental_chain.py tests/test_marts_demo.py tests/test_multi_sources.py \
	tests/test_multi_sources_bigquery.py tests/test_multi_sources_faults.py \
	tests/test_package_host.py tests/test_report.py tests/test_spend_dbt.py tests/test_truth_demo.py \
	tests/test_multi_crm.py tests/test_ga4_properties_freshness.py

.PHONY: quick unit-tests
unit-tests: install $(BQEMU_DEMO_MANIFEST)
	@mkdir -p $(QUICK_DIR)
	SAM_DATA_DIR=$(CURDIR)/$(BQEMU_DEMO_DIR) SAM_DUCKDB_PATH=$(QUICK_DIR)/sam.duckdb $(BIN)/sam build \
		--empty --exclude-resource-type test --exclude-resource-type unit_test \
		--target-path $(QUICK_DIR) --quiet
	SAM_DATA_DIR=$(CURDIR)/$(BQEMU_DEMO_DIR) SAM_DUCKDB_PATH=$(QUICK_DIR)/sam.duckdb $(BIN)/sam build \
		--select test_type:unit --target-path $(QUICK_DIR) --quiet

quick: install lint unit-tests
	$(BIN)/pytest -q -p no:cacheprovider --durations=5 -n $(PYTEST_WORKERS) --dist loadfile \
		$(addprefix --ignore=,$(QUICK_SKIP))
	@echo "make quick: lint, dbt unit tests and the build-free pytest files passed (make test runs the rest)"
