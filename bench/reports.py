"""Annual-report benchmark: building the full report (tables 二、三、四) from live data.

A fresh SQLite database in a temporary folder gets (1) one agency with 100,000 applications over
two years plus decisions, fees and appeals, and (2) a county of 50 agencies with 2,000 applications
each. ``gongkai.reports.build.compute_tables`` (what the workspace, the checks and publishing use)
for the one agency, and ``compute_tables_by_agency`` (the county summary) for the 50, are timed
against hand-written GROUP BY queries that fetch the same counts, in the same run; the figure is
the ratio. Target: ≤ 2×.

    .venv/bin/python bench/reports.py [--applications N] [--agencies N] [--per-agency N]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import time
from datetime import date, timedelta

try:  # imported as bench.<name> (bench/run.py), or run as a script from bench/
    from bench._child import run_child
except ImportError:  # pragma: no cover
    from _child import run_child

YEAR = 2025
TARGET = 2.0
REPEAT = 3


def _fill(agencies, per_agency: int, rng: random.Random) -> None:
    from django.utils import timezone

    from gongkai.appeals.models import Appeal
    from gongkai.applications.models import Application
    from gongkai.applications.rules import OUTCOMES
    from gongkai.records.models import Decision, FeeCollection

    outcomes = list(OUTCOMES)
    applicants = ["natural_person"] * 8 + ["org_commercial", "org_legal_service", "org_other", "org_research"]
    now = timezone.now()
    start = date(YEAR - 1, 1, 1)
    for agency in agencies:
        rows = []
        for i in range(per_agency):
            received = start + timedelta(days=rng.randrange(730))
            done = rng.random() < 0.93
            finished = received + timedelta(days=rng.randrange(1, 40)) if done else None
            rows.append(
                Application(
                    agency=agency,
                    tracking_no=f"{agency.code}-{i:07d}",
                    query_code_hash="0" * 64,
                    channel="in_person",
                    state="closed" if done else "registered",
                    applicant_type=rng.choice(applicants),
                    name="申请人",
                    id_type="other_personal",
                    id_number="X",
                    phone="13900000000",
                    description="bench",
                    delivery_form="paper",
                    delivery_channel="pickup",
                    submitted_at=now,
                    received_on=received,
                    finished_on=finished,
                    outcome=rng.choice(outcomes) if done else "",
                )
            )
        Application.objects.bulk_create(rows, batch_size=5000)
        Decision.objects.bulk_create(
            [
                Decision(
                    agency=agency,
                    kind=rng.choice(["admin_licensing", "admin_penalty", "admin_coercion"]),
                    number=f"D{i}",
                    decided_on=start + timedelta(days=rng.randrange(730)),
                )
                for i in range(per_agency // 20)
            ],
            batch_size=5000,
        )
        FeeCollection.objects.bulk_create(
            [FeeCollection(agency=agency, year=YEAR, item=f"收费{i}", amount_yuan=1000 + i) for i in range(5)]
        )
        Appeal.objects.bulk_create(
            [
                Appeal(
                    agency=agency,
                    kind=rng.choice(
                        ["reconsideration", "litigation_direct", "litigation_after_reconsideration"]
                    ),
                    body="示例县人民政府",
                    case_number=f"{agency.code}-A{i}",
                    received_on=start + timedelta(days=rng.randrange(700)),
                    stage="registered",
                )
                for i in range(max(1, per_agency // 1000))
            ]
        )


def _handwritten(agency_ids: list[int]) -> int:
    """The same counts by hand-written GROUP BY queries (one per source table, all agencies at once)."""
    from django.db import connection

    from gongkai.appeals.models import Appeal
    from gongkai.applications.models import Application
    from gongkai.catalogue.models import Entry
    from gongkai.records.models import Decision, FeeCollection, YearlyTotal

    start, end = date(YEAR, 1, 1).isoformat(), date(YEAR, 12, 31).isoformat()
    ids = ",".join(str(i) for i in agency_ids)
    queries = [
        f"""SELECT agency_id, applicant_type, received_on >= %s,
                   CASE WHEN outcome <> '' AND finished_on <= %s THEN outcome ELSE 'carried_over_out' END, COUNT(*)
            FROM {Application._meta.db_table}
            WHERE agency_id IN ({ids}) AND received_on IS NOT NULL AND received_on <= %s AND state <> 'merged'
              AND (finished_on IS NULL OR finished_on >= %s)
            GROUP BY 1, 2, 3, 4""",
        f"""SELECT agency_id, kind, COUNT(*) FROM {Decision._meta.db_table}
            WHERE agency_id IN ({ids}) AND decided_on BETWEEN %s AND %s GROUP BY 1, 2""",
        f"SELECT agency_id, kind, count FROM {YearlyTotal._meta.db_table} WHERE agency_id IN ({ids}) AND year = %s",
        f"""SELECT agency_id, SUM(amount_yuan) FROM {FeeCollection._meta.db_table}
            WHERE agency_id IN ({ids}) AND year = %s GROUP BY 1""",
        f"""SELECT agency_id, doc_type,
                   SUM(created_date BETWEEN %s AND %s),
                   SUM(validity = 'repealed' AND invalid_date BETWEEN %s AND %s),
                   SUM(created_date <= %s AND (validity = 'valid' OR invalid_date > %s))
            FROM {Entry._meta.db_table}
            WHERE agency_id IN ({ids}) AND status = 'published' AND doc_type IN ('regulation', 'normative')
            GROUP BY 1, 2""",
        f"""SELECT agency_id, kind, stage, decision, decided_on <= %s, COUNT(*) FROM {Appeal._meta.db_table}
            WHERE agency_id IN ({ids}) AND received_on <= %s AND (decided_on IS NULL OR decided_on >= %s)
              AND review_body_co_defendant = 0
            GROUP BY 1, 2, 3, 4, 5""",
    ]
    params = [
        [start, end, end, start],
        [start, end],
        [YEAR],
        [YEAR],
        [start, end, start, end, end, end],
        [end, end, start],
    ]
    n = 0
    with connection.cursor() as cursor:
        for sql, p in zip(queries, params, strict=True):
            cursor.execute(sql, p)
            n += len(cursor.fetchall())
    return n


def _best(function) -> float:
    times = []
    for _ in range(REPEAT):
        t0 = time.perf_counter()
        function()
        times.append(time.perf_counter() - t0)
    return min(times)


def child(data_dir: str, applications: int, agencies: int, per_agency: int) -> dict:
    os.environ["GONGKAI_DATA"] = data_dir
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.web.settings")
    os.environ.pop("DATABASE_URL", None)
    import django

    django.setup()
    from django.core.management import call_command

    from gongkai.agencies.models import Agency
    from gongkai.reports.build import compute_tables, compute_tables_by_agency

    call_command("migrate", interactive=False, verbosity=0)
    rng = random.Random(2025)
    big = Agency.objects.create(code="big", name="大机关", kind="department", level="county")
    county = [
        Agency.objects.create(code=f"c{i:02d}", name=f"机关{i:02d}", kind="department", level="county")
        for i in range(agencies)
    ]
    t0 = time.perf_counter()
    _fill([big], applications, rng)
    _fill(county, per_agency, rng)
    fill_s = time.perf_counter() - t0

    def build_one():
        tables = compute_tables(big, YEAR)
        assert tables["applications"].get("r_total", "total") is not None

    def build_county():
        tables = compute_tables_by_agency(county, YEAR)
        assert len(tables) == len(county)

    out = {"fill_s": fill_s}
    for name, build, ids in (("one", build_one, [big.pk]), ("county", build_county, [a.pk for a in county])):
        build()  # warm caches
        built = _best(build)
        sql = _best(lambda ids=ids: _handwritten(ids))
        each = _best(lambda ids=ids: [_handwritten([i]) for i in ids])  # the same queries, agency by agency
        out[name] = {
            "build_s": built,
            "sql_s": sql,
            "ratio": built / sql,
            "each_s": each,
            "each_ratio": built / each,
        }
    tables = compute_tables(big, YEAR)
    out["check"] = int(tables["applications"].get("new_received", "total"))
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--applications", type=int, default=100_000)
    parser.add_argument("--agencies", type=int, default=50)
    parser.add_argument("--per-agency", type=int, default=2_000)
    parser.add_argument("--child", metavar="DIR", help=argparse.SUPPRESS)
    args = parser.parse_args(argv if argv is not None else [])
    if args.child:
        print(json.dumps(child(args.child, args.applications, args.agencies, args.per_agency)))
        return 0
    r = run_child(
        __file__,
        "reports",
        {"applications": args.applications, "agencies": args.agencies, "per_agency": args.per_agency},
    )
    if r is None:
        return 1
    print(
        f"data: {args.applications:,} applications in one agency; {args.agencies} agencies × {args.per_agency:,}"
        f" (filled in {r['fill_s']:.0f} s, SQLite)"
    )
    for key, label in (
        ("one", f"one agency, {args.applications:,} applications"),
        ("county", f"county of {args.agencies} agencies"),
    ):
        x = r[key]
        verdict = "ok" if x["ratio"] <= TARGET else "OVER TARGET"
        print(
            f"full report tables, {label}: {x['build_s'] * 1000:.0f} ms vs hand-written GROUP BY "
            f"{x['sql_s'] * 1000:.0f} ms = {x['ratio']:.2f}× (target ≤ {TARGET:.0f}×) {verdict}"
        )
        if key == "county":
            print(
                f"  (against the same GROUP BY queries run agency by agency, {x['each_s'] * 1000:.0f} ms: "
                f"{x['each_ratio']:.2f}×)"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
