"""Many people applying at once through the real public form of a live gunicorn server: every
submission is stored once, with its own 申请编号 (gongkai.serials under concurrent writers: on
SQLite, IMMEDIATE transactions and a busy timeout; on PostgreSQL, the counter row's lock)."""

from __future__ import annotations

import os
from concurrent.futures import ThreadPoolExecutor

import pytest

from .live import AGENCY, free_port, submit

pytestmark = pytest.mark.ops

# The test's size; bench/load.py (make bench) runs it with 500 from 50 clients.
SUBMISSIONS = int(os.environ.get("GONGKAI_OPS_SUBMISSIONS", "100"))
CLIENTS = int(os.environ.get("GONGKAI_OPS_CLIENTS", "20"))


def test_concurrent_submissions_all_stored_with_unique_numbers(site):
    port = free_port()
    site.serve(port, workers=3)  # the production default: sync workers
    base = f"http://127.0.0.1:{port}"
    with ThreadPoolExecutor(CLIENTS) as pool:
        receipts = list(pool.map(lambda n: submit(base, n, timeout=60), range(SUBMISSIONS)))

    refused = [n for n, r in enumerate(receipts) if r is None]
    assert not refused, (
        f"{len(refused)} submissions got no receipt; server log:\n{site.log(f'server-{port}.log')[-3000:]}"
    )
    numbers = [tracking for tracking, _ in receipts]
    assert len(set(numbers)) == SUBMISSIONS, "two receipts carry the same 申请编号"
    stored = [row[0] for row in site.sql("SELECT tracking_no FROM applications_application")]
    assert sorted(stored) == sorted(numbers), "stored applications differ from the receipts"
    # One sequence, no gap and no number spent twice: 00001 … N.
    serials = sorted(int(n.rsplit("-", 1)[1]) for n in numbers)
    assert serials == list(range(1, SUBMISSIONS + 1))
    assert all(n.startswith(f"{AGENCY}-") for n in numbers)
    assert "database is locked" not in site.log(f"server-{port}.log")
