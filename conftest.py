"""Fixtures for every test, under tests/ and src/: each test starts with the rate-limit counters
at zero (they live in a per-process cache, and a run submits far more forms than one visitor)."""

import pytest


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    from django.core.cache import caches

    caches["ratelimit"].clear()
    yield
