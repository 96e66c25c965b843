"""Web benchmark: the public catalogue with 200,000 entries in SQLite, served by gunicorn.

A fresh database in a temporary folder is filled (the demo county's agencies, then generated
entries through raw bulk inserts and one FTS5 rebuild), ``gongkai serve`` starts gunicorn on
127.0.0.1, and each page is loaded at 16 concurrent connections for a bounded time with wrk (or a
small threaded Python client when wrk is missing). Every figure is also given as a ratio to
/healthz, a trivial Django view served the same way in the same run.

Targets: throughput >= 0.5 of the /healthz floor; p99 < 100 ms.

    .venv/bin/python bench/web.py [--entries N] [--duration S] [--connections C] [--keep]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEARCH_WORD = "预算"
TARGET_RATIO = 0.5
TARGET_P99_MS = 100.0


# ----------------------------------------------------------------------------- data


def prepare(data_dir: str, entries: int) -> dict:
    """Migrate a fresh SQLite database in ``data_dir`` and fill it. Runs in a child process."""
    os.environ["GONGKAI_DATA"] = data_dir
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.web.settings")
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection

    from gongkai.catalogue.demo import counters_for, generate
    from gongkai.catalogue.models import Entry
    from gongkai.catalogue.search import schema
    from gongkai.cli import demo

    t0 = time.perf_counter()
    call_command("migrate", interactive=False, verbosity=0)
    # Only the demo county's agencies: the catalogue is all this bench serves (the rest of the demo —
    # staff with argon2 passwords, applications with their letters, reports — would take longer than the 200,000 entries).
    from gongkai.agencies.models import Agency

    made: dict[str, Agency] = {}
    for index, (short, name, kind, level, office_name) in enumerate(demo.AGENCIES):
        made[short] = Agency.objects.create(
            code=f"{demo.PREFIX}-{short}",
            name=name,
            kind=kind,
            level=level,
            parent=None if short == "gov" else made["gov"],
            is_supervising_office=short == demo.SUPERVISING_OFFICE,
            sort_order=index * 10,
            **demo._office_fields(index, short, office_name),
        )
    agencies = list(Agency.objects.order_by("sort_order", "code"))
    connection.close()
    db_path = str(settings.DATABASES["default"]["NAME"])

    t1 = time.perf_counter()
    fields = [f for f in Entry._meta.concrete_fields if f.column != "id"]
    now = datetime.now(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")
    fixed = {
        "created_by_id": None,
        "created_at": now,
        "updated_at": now,
        "keywords": "",
        "effective_date": None,
    }

    def value(row, f):
        v = row.get(f.attname, row.get(f.name, fixed.get(f.attname)))
        if hasattr(v, "isoformat"):
            return v.isoformat()
        if isinstance(v, bool):
            return int(v)
        return str(v) if hasattr(v, "value") else v

    db = sqlite3.connect(db_path, isolation_level=None)
    # A throwaway database: no journal to speak of and no fsync while loading (WAL again afterwards).
    db.execute("PRAGMA journal_mode=MEMORY")
    db.execute("PRAGMA synchronous=OFF")
    db.execute("PRAGMA cache_size=-262144")  # 256 MiB page cache for the index builds
    # Triggers off during the load; ensure_sqlite_index puts them back and rebuilds the FTS table once.
    for name in schema.SQLITE_TRIGGERS:
        db.execute(f"DROP TRIGGER IF EXISTS {name}")
    sql = f"INSERT INTO catalogue_entry ({', '.join(f.column for f in fields)}) VALUES ({', '.join('?' * len(fields))})"
    top: dict = {}
    batch: list = []
    db.execute("BEGIN")
    for row in generate(agencies, entries, seed=20260101):
        batch.append(tuple(value(row, f) for f in fields))
        for key, serial in counters_for([row]).items():
            top[key] = max(top.get(key, 0), serial)
        if len(batch) >= 5000:
            db.executemany(sql, batch)
            batch.clear()
    if batch:
        db.executemany(sql, batch)
    db.executemany(
        "INSERT INTO catalogue_indexcounter (agency_id, year, last) VALUES (?, ?, ?)",
        [(a, y, n) for (a, y), n in top.items()],
    )
    db.execute("COMMIT")
    t2 = time.perf_counter()
    # The FTS table once, from all rows (the triggers were dropped for the load), then the triggers back.
    db.execute("BEGIN")
    schema_ok = schema.ensure_sqlite_index(_Conn(db))
    db.execute("COMMIT")
    assert schema_ok, "the FTS index was not rebuilt"
    db.execute("ANALYZE")
    db.execute("PRAGMA journal_mode=WAL")
    t3 = time.perf_counter()
    entry_id = db.execute(
        "SELECT id FROM catalogue_entry WHERE status='published' AND disclosure='proactive' "
        "ORDER BY id LIMIT 1 OFFSET ?",
        (entries // 2,),
    ).fetchone()[0]
    published = db.execute("SELECT count(*) FROM catalogue_entry WHERE status='published'").fetchone()[0]
    db.close()
    return {
        "entries": entries,
        "published": published,
        "entry_id": entry_id,
        "migrate_s": round(t1 - t0, 1),
        "generate_insert_s": round(t2 - t1, 1),
        "fts_rebuild_s": round(t3 - t2, 1),
        **_calendar_edit(),
    }


def _calendar_edit() -> dict:
    """A holiday entered in a year the catalogue is full of: every published entry spanning that
    year has its 第二十六条 lag re-counted (the calendar_changed receiver), against the floor of
    reading those entries' dates in one query."""
    from datetime import date

    from gongkai.catalogue.models import Entry
    from gongkai.workdays import services as calendar

    day = date(2025, 6, 3)  # a Tuesday
    spanning = Entry.objects.filter(
        publish_date__isnull=False, created_date__year__lte=day.year, publish_date__year__gte=day.year
    )
    t0 = time.perf_counter()
    rows = len(list(spanning.values_list("created_date", "publish_date", "publish_lag", "late")))
    t1 = time.perf_counter()
    calendar.set_day(None, day, "holiday", source="bench")
    t2 = time.perf_counter()
    spanning_day = Entry.objects.filter(publish_date__gte=day, created_date__lt=day).count()
    calendar.remove_day(None, day)
    return {
        "calendar_rows": rows,
        "calendar_spanning_day": spanning_day,
        "calendar_floor_s": round(t1 - t0, 3),
        "calendar_edit_s": round(t2 - t1, 3),
    }


class _Conn:
    """Enough of a Django connection over a plain sqlite3 one for ``schema.ensure_sqlite_index``."""

    vendor = "sqlite"

    def __init__(self, db):
        self.db = db

    def cursor(self):
        import contextlib

        return contextlib.closing(self.db.cursor())


# ----------------------------------------------------------------------------- load


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _parse_ms(text: str) -> float:
    m = re.match(r"([\d.]+)(us|ms|s)", text)
    value, unit = float(m.group(1)), m.group(2)
    return value / 1000 if unit == "us" else value * 1000 if unit == "s" else value


def run_wrk(url: str, connections: int, duration: int, timeout: int = 5, script: Path | None = None) -> dict:
    """wrk's figures for ``url`` (or the paths ``script`` walks): requests/s, p50/p99, non-2xx,
    socket errors (connect/read/write) and timeouts (no answer within ``timeout`` seconds)."""
    cmd = ["wrk", "-t2", f"-c{connections}", f"-d{duration}s", "--latency", "--timeout", f"{timeout}s"]
    if script is not None:
        cmd += ["-s", str(script)]
    out = subprocess.run([*cmd, url], capture_output=True, text=True, check=True).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    lat = dict(re.findall(r"^\s+(\d+)%\s+(\S+)", out, re.M))
    non2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
    errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    counts = [int(n) for n in errors.groups()] if errors else [0, 0, 0, 0]
    return {
        "rps": rps,
        "p50_ms": _parse_ms(lat["50"]),
        "p99_ms": _parse_ms(lat["99"]),
        "non2xx": int(non2xx.group(1)) if non2xx else 0,
        "errors": sum(counts[:3]),
        "timeouts": counts[3],
        "socket_errors": errors.group(0) if errors else "",
        "tool": "wrk",
    }


def run_python_client(url: str, connections: int, duration: int) -> dict:
    """A fallback load generator: ``connections`` threads with keep-alive HTTP/1.1 connections."""
    import http.client

    parts = urllib.parse.urlsplit(url)
    path = parts.path + ("?" + parts.query if parts.query else "")
    latencies: list[float] = []
    bad = [0]
    lock = threading.Lock()
    stop = time.perf_counter() + duration

    def worker():
        conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=5)
        local = []
        while time.perf_counter() < stop:
            t = time.perf_counter()
            try:
                conn.request("GET", path)
                resp = conn.getresponse()
                resp.read()
                if resp.status >= 400:
                    bad[0] += 1
            except OSError:
                bad[0] += 1
                conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=5)
                continue
            local.append((time.perf_counter() - t) * 1000)
        with lock:
            latencies.extend(local)

    threads = [threading.Thread(target=worker) for _ in range(connections)]
    start = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - start
    latencies.sort()

    def pct(p):
        return latencies[min(len(latencies) - 1, int(len(latencies) * p))] if latencies else float("nan")

    return {
        "rps": len(latencies) / elapsed,
        "p50_ms": pct(0.50),
        "p99_ms": pct(0.99),
        "non2xx": bad[0],
        "errors": 0,
        "timeouts": 0,
        "socket_errors": "",
        "tool": "python",
    }


def _wait_up(url: str, timeout: float = 60) -> None:
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as r:
                if r.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"server did not answer at {url}")


def _get(url: str) -> int:
    with urllib.request.urlopen(url, timeout=30) as r:
        r.read()
        return r.status


# ----------------------------------------------------------------------------- main


def main(argv: list[str] | None = None) -> dict:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--entries", type=int, default=200_000)
    ap.add_argument("--duration", type=int, default=10, help="seconds per page")
    ap.add_argument("--connections", type=int, default=16)
    ap.add_argument("--keep", action="store_true", help="keep the temporary data folder")
    ap.add_argument("--prepare", metavar="DIR", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)

    if args.prepare:  # child process: fill the database, print the facts as JSON
        print(json.dumps(prepare(args.prepare, args.entries)))
        return {}

    data_dir = tempfile.mkdtemp(prefix="gongkai-bench-web-")
    env = {
        **os.environ,
        "GONGKAI_DATA": data_dir,
        "DJANGO_SETTINGS_MODULE": "gongkai.web.settings",
        "GONGKAI_SECRET_KEY": "bench-" + os.urandom(16).hex(),
        "GONGKAI_DEBUG": "0",
    }
    env.pop("DATABASE_URL", None)  # this benchmark is about SQLite
    server = None
    try:
        print(
            f"web bench: filling a fresh SQLite database with {args.entries:,} catalogue entries …",
            flush=True,
        )
        t = time.perf_counter()
        out = subprocess.run(
            [sys.executable, __file__, "--prepare", data_dir, "--entries", str(args.entries)],
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
        if out.returncode != 0:
            sys.stderr.write(out.stderr)
            raise SystemExit("web bench: preparing the database failed")
        facts = json.loads(out.stdout.strip().splitlines()[-1])
        print(
            f"  data ready in {time.perf_counter() - t:.1f} s "
            f"(migrate {facts['migrate_s']} s, generate+insert {facts['generate_insert_s']} s, "
            f"FTS rebuild {facts['fts_rebuild_s']} s; {facts['published']:,} published)",
            flush=True,
        )
        edit, floor_s = facts["calendar_edit_s"], facts["calendar_floor_s"]
        print(
            f"  a holiday entered in 2025: {facts['calendar_rows']:,} entries re-counted in {edit * 1000:.0f} ms "
            f"(reading their dates: {floor_s * 1000:.0f} ms; {edit / floor_s:.1f}×), "
            f"{facts['calendar_spanning_day']:,} span the day",
            flush=True,
        )

        port = _free_port()
        gongkai = Path(sys.executable).with_name("gongkai")
        cmd = [str(gongkai)] if gongkai.exists() else [sys.executable, "-m", "gongkai.cli"]
        server = subprocess.Popen(
            [*cmd, "serve", "--port", str(port)],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        base = f"http://127.0.0.1:{port}"
        _wait_up(base + "/healthz")

        pages = [
            ("floor: /healthz", "/healthz"),
            ("catalogue list", "/catalogue/"),
            (f"search “{SEARCH_WORD}”", "/catalogue/?q=" + urllib.parse.quote(SEARCH_WORD)),
            ("entry page", f"/catalogue/{facts['entry_id']}/"),
        ]
        for _, path in pages:  # warm every worker's caches and check the pages work
            for _ in range(20):
                if _get(base + path) != 200:
                    raise RuntimeError(f"{path} did not return 200")
        have_wrk = shutil.which("wrk") is not None
        runner = run_wrk if have_wrk else run_python_client
        results = {}
        for name, path in pages:
            results[name] = runner(base + path, args.connections, args.duration)
            results[name]["path"] = path

        floor = results["floor: /healthz"]["rps"]
        tool = "wrk" if have_wrk else "python threads"
        print(
            f"\nweb bench: gunicorn (gongkai serve), SQLite, {args.entries:,} entries, "
            f"{args.connections} connections × {args.duration} s each, load by {tool}, {os.cpu_count()} CPUs"
        )
        print(f"  {'page':<22}{'req/s':>9}{'ratio':>8}{'p50 ms':>9}{'p99 ms':>9}  target")
        ok_all = True
        for name, r in results.items():
            ratio = r["rps"] / floor if floor else 0.0
            r["ratio"] = ratio
            if name.startswith("floor"):
                verdict = "(baseline)"
            else:
                ok = ratio >= TARGET_RATIO and r["p99_ms"] < TARGET_P99_MS and r["non2xx"] == 0
                ok_all &= ok
                verdict = "ok" if ok else f"MISSED (≥{TARGET_RATIO} of floor, p99 < {TARGET_P99_MS:.0f} ms)"
            extra = f" non-2xx={r['non2xx']}" if r["non2xx"] else ""
            print(
                f"  {name:<22}{r['rps']:>9.0f}{ratio:>8.2f}{r['p50_ms']:>9.1f}{r['p99_ms']:>9.1f}  {verdict}{extra}"
            )
        return {"facts": facts, "results": results, "targets_met": ok_all}
    finally:
        if server is not None:
            try:
                os.killpg(server.pid, signal.SIGTERM)
                server.wait(timeout=15)
            except (ProcessLookupError, subprocess.TimeoutExpired):
                os.killpg(server.pid, signal.SIGKILL)
        if args.keep:
            print(f"  data kept in {data_dir}")
        else:
            shutil.rmtree(data_dir, ignore_errors=True)


if __name__ == "__main__":
    main()
