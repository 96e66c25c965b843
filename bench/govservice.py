"""政务服务事项 benchmark: importing a 10,000-item provincial export, and the section 一 metrics.

In a child process on a fresh SQLite database: an .xlsx export of N items (built with openpyxl, as
the platform writes it) is previewed and confirmed as an officer would (time and the peak of
Python memory, tracemalloc); then re-imported with a tenth of the items changed (new versions).
``gongkai.govservice.metrics.compute`` (one aggregated query) is timed against one hand-written
GROUP BY that counts the same figures, in the same run; the figure is the ratio. Target: ≤ 2×.

    .venv/bin/python bench/govservice.py [--items N]
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
import tracemalloc
from datetime import date

try:  # imported as bench.<name> (bench/run.py), or run as a script from bench/
    from bench._child import run_child
except ImportError:  # pragma: no cover
    from _child import run_child

TARGET = 2.0
REPEAT = 5
AS_OF = date(2025, 12, 31)


def _export(n: int, changed_every: int = 0) -> bytes:
    from gongkai.govservice.tests.exports import row, xlsx

    rows = []
    for i in range(1, n + 1):
        over = {"承诺时限": "即办", "办件类型": "即办件"} if i % 5 else {}
        if i % 10 == 0:
            over["跑动次数"], over["必须现场办理原因说明"] = 1, "现场核验原件"
        if i % 50 == 0:
            over["计算机端在线办理跳转地址"], over["是否网办"] = "", "否"
        if changed_every and i % changed_every == 0:
            over["承诺时限"], over["办件类型"] = "3工作日", "承诺件"
        rows.append(row(i, 事项类型="公共服务" if i % 7 == 0 else "行政许可", **over))
    return xlsx(rows)


def _import(actor, agency, content: bytes) -> tuple[float, float, dict]:
    from gongkai.govservice import importing

    t0 = time.perf_counter()
    batch = importing.preview(actor, agency, "实施清单.xlsx", content)
    t1 = time.perf_counter()
    assert not batch.errors, batch.errors[:3]
    counts = importing.confirm(actor, batch)
    return t1 - t0, time.perf_counter() - t1, counts


def _timed_import(actor, timed, traced, content: bytes) -> dict:
    """The same file into two agencies: timed without tracemalloc (which slows Python several
    times over), then traced for the peak of Python memory."""
    preview_s, confirm_s, counts = _import(actor, timed, content)
    tracemalloc.start()
    _import(actor, traced, content)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return {"preview_s": preview_s, "confirm_s": confirm_s, "peak_mb": peak / 1024 / 1024, **counts}


def _handwritten(agency_id: int) -> tuple:
    from django.db import connection

    from gongkai.govservice.codes import ON_REQUEST_TYPES, UNITS
    from gongkai.govservice.models import ServiceItem

    types = ",".join(f"'{t}'" for t in sorted(ON_REQUEST_TYPES))
    day = AS_OF.isoformat()
    days7 = " ".join(f"WHEN '{unit}' THEN {{v}} * {factor}" for unit, factor in UNITS.items())
    units = ",".join(f"'{u}'" for u in UNITS)
    limited = (
        f"statutory_limit > 0 AND statutory_unit IN ({units}) AND promised_limit IS NOT NULL"
        f" AND (promised_limit = 0 OR promised_unit IN ({units}))"
    )
    statute = "CASE statutory_unit " + days7.format(v="statutory_limit") + " END"
    promise = (
        "CASE WHEN promised_limit = 0 THEN 0 ELSE CASE promised_unit "
        + days7.format(v="promised_limit")
        + " END END"
    )
    sql = f"""SELECT COUNT(*),
                     SUM(online_url = '' AND mobile_url = '' AND online_exempt_reason = ''),
                     SUM(promised_limit = 0), SUM(visits = 0), SUM(is_online),
                     SUM(online_exempt_reason <> ''), SUM((online_url <> '' OR mobile_url <> '') AND online_exempt_reason = ''),
                     SUM(CASE WHEN {limited} THEN {statute} END), SUM(CASE WHEN {limited} THEN {promise} END)
              FROM {ServiceItem._meta.db_table}
              WHERE agency_id = %s AND valid_from <= %s AND (valid_to IS NULL OR valid_to > %s)
                AND status = 'in_use' AND (cancel_on IS NULL OR cancel_on > %s) AND item_type IN ({types})
              GROUP BY agency_id"""
    with connection.cursor() as cursor:
        cursor.execute(sql, [agency_id, day, day, day])
        return cursor.fetchone()


def _best(function) -> float:
    times = []
    for _ in range(REPEAT):
        t0 = time.perf_counter()
        function()
        times.append(time.perf_counter() - t0)
    return min(times)


def child(data_dir: str, items: int) -> dict:
    os.environ["GONGKAI_DATA"] = data_dir
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.web.settings")
    os.environ.pop("DATABASE_URL", None)
    import django

    django.setup()
    from django.core.management import call_command

    from gongkai.agencies.models import Agency, Membership, Role
    from gongkai.agencies.testing import make_user
    from gongkai.govservice.metrics import compute

    call_command("migrate", interactive=False, verbosity=0)
    agency = Agency.objects.create(code="zwfwj", name="政务服务局", kind="department", level="county")
    traced = Agency.objects.create(code="traced", name="另一政务服务局", kind="department", level="county")
    clerk = make_user("clerk")
    for a in (agency, traced):
        Membership.objects.create(user=clerk, agency=a, role=Role.CLERK)

    t0 = time.perf_counter()
    first_file = _export(items)
    second_file = _export(items, changed_every=10)
    build_s = time.perf_counter() - t0
    first = _timed_import(clerk, agency, traced, first_file)
    second = _timed_import(clerk, agency, traced, second_file)

    def metrics():
        return compute([agency.pk], AS_OF, online_rate="exempt_achieved", scope="on_request")

    m = metrics()
    total, unmet, immediate, zero, *_rest = _handwritten(agency.pk)
    assert m.get("count").value == total and m.get("immediate_rate").numerator == immediate
    assert m.get("zero_visit_rate").numerator == zero and m.get("online_rate").numerator == total - unmet
    computed = _best(metrics)
    sql = _best(lambda: _handwritten(agency.pk))
    return {
        "file_mb": len(first_file) / 1024 / 1024,
        "build_s": build_s,
        "first": first,
        "second": second,
        "metrics_s": computed,
        "sql_s": sql,
        "ratio": computed / sql,
        "count": total,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=10_000)
    parser.add_argument("--child", metavar="DIR", help=argparse.SUPPRESS)
    args = parser.parse_args(argv if argv is not None else [])
    if args.child:
        print(json.dumps(child(args.child, args.items)))
        return 0
    r = run_child(__file__, "govservice", {"items": args.items})
    if r is None:
        return 1
    print(f"export: {args.items:,} items, {r['file_mb']:.1f} MB .xlsx (built in {r['build_s']:.0f} s)")
    for key, label in (("first", "first import"), ("second", "re-import, 1 in 10 changed")):
        x = r[key]
        print(
            f"{label}: preview {x['preview_s']:.1f} s + confirm {x['confirm_s']:.1f} s, "
            f"peak Python memory {x['peak_mb']:.0f} MB (new {x['new']:,}, updated {x['update']:,}, "
            f"unchanged {x['same']:,})"
        )
    verdict = "ok" if r["ratio"] <= TARGET else "OVER TARGET"
    print(
        f"metrics over {r['count']:,} items in force: {r['metrics_s'] * 1000:.1f} ms vs hand-written GROUP BY "
        f"{r['sql_s'] * 1000:.1f} ms = {r['ratio']:.2f}× (target ≤ {TARGET:.0f}×) {verdict}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
