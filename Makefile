# gongkai — every target installs what it needs into .venv (and Debian packages when missing).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
TEST_STAMP := $(VENV)/.installed-test
PORT ?= 8000
export GONGKAI_CORPUS ?= $(abspath ../shared/corpus)

.PHONY: run test test-pg lint format bench sysdeps browser-deps clean

$(STAMP): pyproject.toml constraints.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -c constraints.txt -e '.[ocr]'
	touch $(STAMP)

# The test tools (pytest, Playwright's driver, ruff, hypothesis, celery) only where tests run.
$(TEST_STAMP): $(STAMP)
	$(BIN)/pip install -q -c constraints.txt -e '.[ocr,test]'
	touch $(TEST_STAMP)

# Fonts for Chinese PDF output, harfbuzz subsetting (WeasyPrint speed), pdftotext for checks.
sysdeps:
	@bash scripts/apt-ensure.sh fonts-noto-cjk libharfbuzz-subset0 poppler-utils

browser-deps:
	@bash scripts/apt-ensure.sh chromium

run: $(STAMP) sysdeps
	$(BIN)/gongkai example out/
	@if [ -d "$(GONGKAI_CORPUS)/reports" ]; then $(BIN)/gongkai check "$(GONGKAI_CORPUS)" || true; fi
	PORT=$(PORT) $(BIN)/gongkai demo

lint: $(TEST_STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench
	$(BIN)/lint-imports --no-cache --no-logo

format: $(TEST_STAMP)
	$(BIN)/ruff format src tests bench
	$(BIN)/ruff check --fix src tests bench

test: $(TEST_STAMP) sysdeps browser-deps lint
	$(BIN)/pytest

test-pg: $(TEST_STAMP) sysdeps browser-deps
	bash scripts/test-pg.sh

bench: $(TEST_STAMP) sysdeps
	@bash scripts/apt-ensure.sh wrk
	$(BIN)/python bench/run.py

clean:
	rm -rf out var test-output bench-output .pytest_cache .ruff_cache
