"""双公示 benchmark: importing 100,000 records from the platform's xlsx layout (preview + confirm:
time, peak memory of the process), then the 及时率 and the 报送 counts over them, timed against hand-written
GROUP BY queries for the same figures in the same run. Target: ratio ≤ 2×.

    .venv/bin/python bench/credit.py [--records N]
"""

from __future__ import annotations

import argparse
import gc
import io
import json
import os
import random
import resource
import sys
import time
from datetime import date, timedelta

try:  # imported as bench.<name> (bench/run.py), or run as a script from bench/
    from bench._child import run_child
except ImportError:  # pragma: no cover
    from _child import run_child

YEAR = 2025
TARGET = 2.0
REPEAT = 5


def _file(n: int) -> bytes:
    from openpyxl import Workbook

    from gongkai.credit.importing import import_columns
    from gongkai.credit.rules import Kind
    from gongkai.credit.testing import AUTHORITY, licence_values, uscc

    rng = random.Random(2026)
    headers = [c.header for c in import_columns(Kind.LICENCE)]
    book = Workbook(write_only=True)
    sheet = book.create_sheet("行政许可")
    sheet.append(headers)
    code = uscc()
    for i in range(n):
        decided = date(YEAR, 1, 2) + timedelta(days=rng.randrange(360))
        published = decided + timedelta(days=rng.choice((1, 2, 3, 5, 7, 9, 14)))
        row = licence_values(
            行政许可决定文书号=f"示许〔{YEAR}〕{i}号",
            统一社会信用代码=code,
            许可机关统一社会信用代码=AUTHORITY,
            许可决定日期=decided.isoformat(),
            有效期自=decided.isoformat(),
            公示日期=published.isoformat() if published < date(YEAR + 1, 1, 1) else "",
        )
        sheet.append([row.get(h, "") for h in headers])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _best(function, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        function()
        times.append(time.perf_counter() - t0)
    return min(times)


def _peak_rss() -> int:
    """The process's peak resident memory so far, in bytes (Linux reports KiB). It counts what
    tracemalloc cannot see (calamine reads the sheet in Rust) and slows nothing down."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def _measured(function):
    t0 = time.perf_counter()
    result = function()
    return result, time.perf_counter() - t0, _peak_rss()


def child(data_dir: str, records: int, repeat: int) -> dict:
    os.environ["GONGKAI_DATA"] = data_dir
    os.environ["DJANGO_SETTINGS_MODULE"] = "gongkai.web.settings"
    os.environ.pop("DATABASE_URL", None)
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection

    from gongkai.agencies.models import Agency
    from gongkai.agencies.testing import make_user
    from gongkai.credit import importing, queries, services
    from gongkai.credit.rules import Kind

    call_command("migrate", interactive=False, verbosity=0)
    settings.GONGKAI_CREDIT_IMPORT_MAX_MB = 200
    agency = Agency.objects.create(
        code="sfx-scjgj", name="示例县市场监督管理局", kind="department", level="county"
    )
    clerk = make_user("clerk", agency, "clerk")
    t0 = time.perf_counter()
    content = _file(records)
    file_s = time.perf_counter() - t0
    gc.collect()
    base_rss = _peak_rss()
    source, preview_s, preview_peak = _measured(
        lambda: importing.preview(clerk, agency, Kind.LICENCE, "bench.xlsx", content)
    )
    imported, confirm_s, confirm_peak = _measured(lambda: importing.confirm(clerk, source))
    # a batch a month of what was published that month
    for month in range(1, 13):
        batch = services.create_batch(clerk, agency, decided_until=date(YEAR, month, 28))
        services.send_batch(clerk, batch, date(YEAR, month, 28))
    ids = (agency.pk,)

    def ours():
        return queries.timeliness(ids, YEAR), queries.submission_counts(ids, [YEAR])

    def by_hand():
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT COUNT(*), SUM(published_on <= due_on) FROM credit_creditrecord "
                "WHERE agency_id = %s AND published_on BETWEEN %s AND %s",
                [agency.pk, f"{YEAR}-01-01", f"{YEAR}-12-31"],
            )
            rate = cursor.fetchone()
            cursor.execute(
                "SELECT strftime('%%Y', b.sent_on), COUNT(DISTINCT b.id), "
                "SUM(r.kind = 'licence' AND NOT i.rejected), SUM(r.kind = 'penalty' AND NOT i.rejected), "
                "SUM(i.rejected) FROM credit_batchitem i JOIN credit_submissionbatch b ON b.id = i.batch_id "
                "JOIN credit_creditrecord r ON r.id = i.record_id WHERE b.agency_id = %s "
                "AND b.state IN ('sent', 'feedback') AND b.sent_on BETWEEN %s AND %s GROUP BY 1",
                [agency.pk, f"{YEAR}-01-01", f"{YEAR}-12-31"],
            )
            return rate, cursor.fetchall()

    (rate, counts), hand = ours(), by_hand()
    assert (rate.total, rate.on_time) == (hand[0][0], hand[0][1]), (rate, hand)
    assert counts[0].batches == hand[1][0][1] and counts[0].licences == hand[1][0][2]
    t_ours, t_hand = _best(ours, repeat), _best(by_hand, repeat)
    return {
        "records": imported,
        "file_mb": len(content) / 1e6,
        "file_s": file_s,
        "base_rss": base_rss,
        "preview_s": preview_s,
        "preview_peak": preview_peak,
        "confirm_s": confirm_s,
        "confirm_peak": confirm_peak,
        "rate": str(rate.rate),
        "on_time": rate.on_time,
        "total": rate.total,
        "batches": counts[0].batches,
        "ours_s": t_ours,
        "hand_s": t_hand,
        "ratio": t_ours / t_hand,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=REPEAT)
    parser.add_argument("--child", metavar="DIR", help=argparse.SUPPRESS)
    args = parser.parse_args(argv if argv is not None else [])
    if args.child:
        print(json.dumps(child(args.child, args.records, args.repeat)))
        return 0
    r = run_child(__file__, "credit", {"records": args.records, "repeat": args.repeat})
    if r is None:
        return 1
    mb = 1024 * 1024
    n = r["records"]
    print(
        f"data: {n:,} 行政许可 records from one {r['file_mb']:.1f} MB xlsx "
        f"(written in {r['file_s']:.0f} s, not counted), SQLite"
    )
    for step in ("preview", "confirm"):
        print(
            f"  import {step}: {r[step + '_s']:.1f} s ({n / r[step + '_s']:,.0f} rows/s), "
            f"peak memory of the process {r[step + '_peak'] / mb:.0f} MB"
        )
    print(f"  (peak before the import, with Django and the file in memory: {r['base_rss'] / mb:.0f} MB)")
    total = r["preview_s"] + r["confirm_s"]
    print(f"  import, both steps: {total:.1f} s ({n / total:,.0f} rows/s)")
    print(
        f"  及时率 {r['rate']}% ({r['on_time']:,} / {r['total']:,}) + 报送 counts ({r['batches']} batches): "
        f"{r['ours_s'] * 1000:.1f} ms vs GROUP BY {r['hand_s'] * 1000:.1f} ms = {r['ratio']:.2f}× "
        f"(target ≤ {TARGET:.0f}×) {'ok' if r['ratio'] <= TARGET else 'SLOW'}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
