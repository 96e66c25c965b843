# gongkai — every target installs what it needs into .venv (and Debian packages when missing).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PORT ?= 8000
export GONGKAI_CORPUS ?= $(abspath ../shared/corpus)

.PHONY: run test test-pg lint format bench sysdeps browser-deps clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[test]'
	touch $(STAMP)

# Fonts for Chinese PDF output, harfbuzz subsetting (WeasyPrint speed), pdftotext for checks.
sysdeps:
	@bash scripts/apt-ensure.sh fonts-noto-cjk libharfbuzz-subset0 poppler-utils

browser-deps:
	@bash scripts/apt-ensure.sh chromium

run: $(STAMP) sysdeps
	$(BIN)/gongkai example out/
	@if [ -d "$(GONGKAI_CORPUS)/reports" ]; then $(BIN)/gongkai check "$(GONGKAI_CORPUS)" || true; fi
	PORT=$(PORT) $(BIN)/gongkai demo

lint: $(STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench

format: $(STAMP)
	$(BIN)/ruff format src tests bench
	$(BIN)/ruff check --fix src tests bench

test: $(STAMP) sysdeps browser-deps lint
	$(BIN)/pytest

test-pg: $(STAMP) sysdeps browser-deps
	bash scripts/test-pg.sh

bench: $(STAMP) sysdeps
	$(BIN)/python bench/run.py

clean:
	rm -rf out var test-output bench-output .pytest_cache .ruff_cache
