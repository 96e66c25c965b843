"""Shared test fixtures: where the shared corpus is, and where test output goes."""

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORPUS = Path(os.environ.get("GONGKAI_CORPUS", ROOT.parent / "shared" / "corpus"))
OUTPUT = ROOT / "test-output"


@pytest.fixture(scope="session")
def corpus() -> Path:
    if not (CORPUS / "reports").is_dir():
        pytest.skip(
            f"the shared corpus is absent (looked in {CORPUS.name}/ beside the repository; set GONGKAI_CORPUS)"
        )
    return CORPUS


@pytest.fixture(scope="session")
def output_dir() -> Path:
    OUTPUT.mkdir(exist_ok=True)
    return OUTPUT
