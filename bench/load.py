"""Load benchmark (issue 13 §4): the public pages under 64 connections for 60 s, on SQLite and on
PostgreSQL, served the way production serves them.

For each database a fresh one is made (SQLite in a temporary data folder; PostgreSQL: a throwaway
UTF-8 database with pg_trgm on the local server, dropped afterwards) and filled with the demo
county (``gongkai demo --no-serve``: agencies, catalogue, applications, reports). Then
``gongkai serve`` starts gunicorn with its production defaults on 127.0.0.1 and wrk (loopback
only, bounded by ``--duration``) requests, round-robin per connection, the public pages: home,
catalogue list, search, an entry, an agency's guide, the reports list and the tracking page. The
/healthz floor (a trivial Django view through the same middleware) is measured in the same run,
same connections and duration. Printed: requests/s, p50/p99, non-2xx, socket errors, timeouts.

Targets: 0 errors (non-2xx, socket errors, timeouts at 2 s) and p99 < 100 ms over the mix.

Then, for each database, the submissions run: ``tests/ops/test_concurrency.py`` at bench size
(500 submissions of the real public form from 50 clients through a live ``gongkai serve``; the
test asserts 500 receipts, 500 stored rows, numbers 00001–00500 with no gap); printed: its time.

    .venv/bin/python bench/load.py [--duration S] [--connections C] [--db sqlite,postgresql]
                                   [--submissions N (0: skip)] [--clients N] [--per-page]
    GONGKAI_BENCH_QUICK=1 …   10 s per run instead of 60
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import unicodedata
import urllib.parse
import urllib.request
from pathlib import Path

try:  # imported as bench.<name> (bench/run.py), or run as a script from bench/
    from bench.web import _free_port, _get, _wait_up, run_wrk
except ImportError:  # pragma: no cover
    from web import _free_port, _get, _wait_up, run_wrk

ROOT = Path(__file__).resolve().parent.parent
TARGET_P99_MS = 100.0
TIMEOUT_S = 2  # a request not answered in 2 s counts as a timeout (what an impatient visitor does)
PG = {"host": "127.0.0.1", "port": "5432", "user": "postgres"}

# wrk: each connection walks the page list in turn (one Lua state per wrk thread).
MIX_LUA = """
paths = {%s}
i = 0
request = function()
  i = i + 1
  return wrk.format("GET", paths[(i %% #paths) + 1])
end
"""


def _pad(text: str, width: int) -> str:
    """``text`` left-aligned in ``width`` terminal columns (a Chinese character takes two)."""
    used = sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)
    return text + " " * max(width - used, 1)


def _gongkai() -> list[str]:
    exe = Path(sys.executable).with_name("gongkai")
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "gongkai.cli"]


def _psql(sql: str, db: str = "postgres") -> subprocess.CompletedProcess:
    return subprocess.run(
        ["psql", "-q", "-v", "ON_ERROR_STOP=1", "-h", PG["host"], "-p", PG["port"], "-U", PG["user"]]
        + ["-d", db, "-c", sql],
        capture_output=True,
        text=True,
        check=False,
    )


def _pg_up() -> bool:
    return shutil.which("psql") is not None and _psql("SELECT 1").returncode == 0


def _make_pg(name: str) -> str:
    out = _psql(
        f"CREATE DATABASE {name} TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8'"
    )
    if out.returncode:
        raise RuntimeError(out.stderr)
    _psql("CREATE EXTENSION IF NOT EXISTS pg_trgm", db=name)
    return f"postgres://{PG['user']}@{PG['host']}:{PG['port']}/{name}"


def _pages(base: str) -> list[tuple[str, str]]:
    """The public pages of the mix, found on the site itself (an entry and a guide from the home page)."""
    with urllib.request.urlopen(base + "/", timeout=30) as r:
        home = r.read().decode("utf-8")
    entry = re.search(r'href="(/catalogue/\d+/)"', home).group(1)
    guide = re.search(r'href="(/agencies/[^"/]+/guide/)"', home)
    if guide is None:
        with urllib.request.urlopen(base + "/agencies/", timeout=30) as r:
            guide = re.search(r'href="(/agencies/[^"/]+/guide/)"', r.read().decode("utf-8"))
    return [
        ("home", "/"),
        ("catalogue list", "/catalogue/"),
        ("search 预算", "/catalogue/?q=" + urllib.parse.quote("预算")),
        ("entry", entry),
        ("guide", guide.group(1)),
        ("reports list", "/reports/"),
        ("tracking page", "/apply/track/"),
    ]


def run_backend(db: str, connections: int, duration: int, per_page: bool) -> dict:
    data_dir = tempfile.mkdtemp(prefix=f"gongkai-bench-load-{db}-")
    env = {
        **os.environ,
        "GONGKAI_DATA": data_dir,
        "GONGKAI_SECRET_KEY": "bench-" + os.urandom(16).hex(),
        "GONGKAI_DEBUG": "0",
        "PYTHONPATH": str(ROOT / "src") + os.pathsep + os.environ.get("PYTHONPATH", ""),
        # wrk is one address asking thousands of times a second: the per-address limits (made for
        # one visitor) would answer it 429; the load of many visitors is what is measured
        "GONGKAI_RATE_LIMITS": "search=,track=",
    }
    env.pop("DATABASE_URL", None)
    pg_name = None
    server = None
    try:
        if db == "postgresql":
            pg_name = f"gongkai_bench_load_{os.getpid()}"
            env["DATABASE_URL"] = _make_pg(pg_name)
        t = time.perf_counter()
        out = subprocess.run(
            [*_gongkai(), "demo", "--no-serve"], env=env, capture_output=True, text=True, check=False
        )
        if out.returncode:
            sys.stderr.write(out.stderr[-3000:])
            raise RuntimeError("loading the demo county failed")
        print(f"  [{db}] demo county loaded in {time.perf_counter() - t:.0f} s", flush=True)
        port = _free_port()
        server = subprocess.Popen(
            [*_gongkai(), "serve", "--port", str(port)],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        base = f"http://127.0.0.1:{port}"
        _wait_up(base + "/healthz", timeout=120)
        pages = _pages(base)
        for _, path in pages:  # warm every worker (each has its own cache) and check the pages work
            for _ in range(30):
                if _get(base + path) != 200:
                    raise RuntimeError(f"{path} did not return 200")
        script = Path(data_dir) / "mix.lua"
        script.write_text(MIX_LUA % ", ".join(f'"{p}"' for _, p in pages))
        results = {"floor /healthz": run_wrk(base + "/healthz", connections, duration, timeout=TIMEOUT_S)}
        results["public mix"] = run_wrk(base + "/", connections, duration, timeout=TIMEOUT_S, script=script)
        if per_page:
            for name, path in pages:
                results[name] = run_wrk(base + path, connections, max(5, duration // 6), timeout=TIMEOUT_S)
        return {"pages": pages, "results": results}
    finally:
        if server is not None:
            try:
                os.killpg(server.pid, signal.SIGTERM)
                server.wait(timeout=20)
            except (ProcessLookupError, subprocess.TimeoutExpired):
                os.killpg(server.pid, signal.SIGKILL)
        if pg_name:
            _psql(f"DROP DATABASE IF EXISTS {pg_name} WITH (FORCE)")
        shutil.rmtree(data_dir, ignore_errors=True)


def run_submissions(db: str, submissions: int, clients: int) -> tuple[bool, float, str]:
    """The concurrency test at bench size on ``db``: (passed, seconds, the end of pytest's output)."""
    env = {
        **os.environ,
        "GONGKAI_OPS_SUBMISSIONS": str(submissions),
        "GONGKAI_OPS_CLIENTS": str(clients),
        "PYTHONPATH": str(ROOT / "src") + os.pathsep + os.environ.get("PYTHONPATH", ""),
    }
    env.pop("DATABASE_URL", None)
    test = ["tests/ops/test_concurrency.py", "-q", "-p", "no:cacheprovider"]
    if db == "postgresql":  # the script makes and drops a throwaway database with the right locale
        cmd = ["bash", "scripts/test-pg.sh", *test]
    else:
        cmd = [sys.executable, "-m", "pytest", *test]
    t = time.perf_counter()
    out = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, check=False)
    return out.returncode == 0, time.perf_counter() - t, (out.stdout + out.stderr)[-2000:]


def main(argv: list[str] | None = None) -> dict:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    quick = os.environ.get("GONGKAI_BENCH_QUICK") == "1"
    ap.add_argument("--duration", type=int, default=10 if quick else 60)
    ap.add_argument("--connections", type=int, default=64)
    ap.add_argument("--db", default="sqlite,postgresql")
    ap.add_argument("--per-page", action="store_true", help="also each page alone (shorter runs)")
    ap.add_argument("--submissions", type=int, default=500, help="form submissions at once (0: skip)")
    ap.add_argument("--clients", type=int, default=50, help="concurrent clients of the submissions")
    args = ap.parse_args(argv)
    if shutil.which("wrk") is None:
        print("load bench: wrk is missing (make bench installs it); skipped")
        return {}
    report = {}
    for db in args.db.split(","):
        if db == "postgresql" and not _pg_up():
            print("load bench: PostgreSQL is not reachable on 127.0.0.1:5432; skipped")
            continue
        report[db] = run_backend(db, args.connections, args.duration, args.per_page)
        res = report[db]["results"]
        floor = res["floor /healthz"]["rps"]
        print(
            f"\nload bench: {db}, gongkai serve (production gunicorn settings), {args.connections} "
            f"connections × {args.duration} s, wrk, {os.cpu_count()} CPUs, timeout {TIMEOUT_S} s"
        )
        print(
            f"  {'run':<16}{'req/s':>8}{'ratio':>7}{'p50 ms':>8}{'p99 ms':>8}"
            f"{'non2xx':>8}{'errors':>8}{'timeouts':>9}  target"
        )
        for name, r in res.items():
            errors = r["non2xx"] + r["errors"]
            if name.startswith("floor"):
                verdict = "(baseline)"
            else:
                ok = errors == 0 and r["timeouts"] == 0 and r["p99_ms"] < TARGET_P99_MS
                verdict = "ok" if ok else f"MISSED (0 errors, p99 < {TARGET_P99_MS:.0f} ms)"
            print(
                f"  {_pad(name, 16)}{r['rps']:>8.0f}{r['rps'] / floor:>7.2f}{r['p50_ms']:>8.1f}{r['p99_ms']:>8.1f}"
                f"{r['non2xx']:>8}{r['errors']:>8}{r['timeouts']:>9}  {verdict}",
                flush=True,
            )
        if args.submissions:
            ok, seconds, tail = run_submissions(db, args.submissions, args.clients)
            verdict = "ok" if ok else "FAILED:\n" + tail
            print(
                f"  {args.submissions} submissions from {args.clients} clients (tests/ops/test_concurrency.py): "
                f"{seconds:.0f} s, all stored with unique numbers and no gap: {verdict}",
                flush=True,
            )
            report[db]["submissions"] = {"passed": ok, "seconds": seconds}
    return report


if __name__ == "__main__":
    main()
