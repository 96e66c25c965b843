"""Applications benchmark (issue 4): the daily deadline scan and table 三 on a large database.

A fresh SQLite database in a temporary folder gets a county of 50 agencies (one 信息公开专员 each,
with an e-mail address): one agency with 100,000 applications and 49 with 1,000 each, received on
working days from 2024-01-02 to the bench's fixed "today" (2026-11-20, so the figures do not depend on
the day the bench runs), bulk-inserted as raw rows. Most are answered; about 3 in 100 stay open past
their deadline, the recent ones are in progress.

Timed, each against a single hand-written GROUP BY over the same table in the same run (best of
``--repeat``):
- the daily deadline scan (``gongkai.applications.tasks.scan_deadlines``) — its first run, which
  records and e-mails a reminder for every overdue and due-soon application (e-mail through Django's
  dummy backend), and a repeated daily run, which finds nothing new;
  against: open applications with a deadline up to the horizon, counted by agency and deadline kind;
- table 三 (``gongkai.applications.queries.table_three``) of the large agency for 2025, and of
  every agency of the county (``table_three_by_agency``, as the county's report build does);
  against: the agency's applications of the year counted by applicant type, new/carried in and
  outcome/carried out.
Target: ≤ 2×. Peak memory: Python allocations during each operation (tracemalloc, in a separate
untimed run) and the process's peak RSS.

    .venv/bin/python bench/applications.py [--applications N] [--agencies N] [--per-agency N] [--repeat N]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import sys
import time
import tracemalloc
from datetime import date, datetime, timedelta

try:  # imported as bench.<name> (bench/run.py), or run as a script from bench/
    from bench._child import run_child
except ImportError:  # pragma: no cover
    from _child import run_child

TODAY = date(2026, 11, 20)  # a Friday; fixed so the bench never depends on the real date
YEAR = 2025
TARGET = 2.0


# ----------------------------------------------------------------------------- data


def _fill(agencies, per_agency: dict[int, int], rng: random.Random) -> dict:
    """Raw bulk insert of the applications (one transaction, synchronous off: a throwaway database)."""
    import sqlite3

    from django.conf import settings
    from django.db import connection

    from gongkai.applications.models import Application
    from gongkai.applications.rules import OUTCOMES
    from gongkai.workdays.services import db_calendar

    cal = db_calendar()
    connection.close()
    outcomes = list(OUTCOMES)
    weights = [30 if k == "r_open" else 10 if k.startswith("r_partial") else 1 for k in outcomes]
    reply_types = {k: [t.value for t in o.reply_types] for k, o in OUTCOMES.items()}
    applicants = ["natural_person"] * 16 + [
        "org_commercial",
        "org_research",
        "org_public_welfare",
        "org_legal_service",
        "org_other",
    ]
    # Working days from 2024-01-02 up to today: applications arrive on working days.
    days = []
    d = date(2024, 1, 2)
    while d <= TODAY:
        if cal.is_working_day(d):
            days.append(d)
        d += timedelta(days=1)
    fields = [f for f in Application._meta.concrete_fields if f.column != "id"]
    now = datetime.now().strftime("%Y-%m-%d %H:%M:%S")
    fixed = {
        "query_code_hash": "0" * 64,
        "submit_token": None,
        "id_type": "resident_id",
        "id_number": "110105194912310021",
        "contact_person": "",
        "phone": "13912345678",
        "email": "",
        "address": "示例县人民路1号",
        "postcode": "999001",
        "description": "示例县某年度某项工作的实施方案及相关文件",
        "delivery_form": "electronic",
        "delivery_channel": "email",
        "fee_reduction_requested": 0,
        "fee_reduction_reason": "",
        "oral_record_note": "",
        "delivered_on": None,
        "closed_on": None,
        "notice_due": None,
        "assignee_id": None,
        "correction_items": "",
        "correction_until": None,
        "correction_text": "",
        "consultation_party": "",
        "consultation_kind": "",
        "extension_days": 0,
        "extension_reason": "",
        "extension_approved_by": "",
        "fee_basis": "",
        "fee_quantity": None,
        "fee_amount": None,
        "fee_explain": "",
        "payment_due": None,
        "paid_on": None,
        "reply_text": "",
        "referral_agency": "",
        "referral_contact": "",
        "merged_into_id": None,
        "withdrawal_note": "",
        "correction_token": None,
        "created_at": now,
        "updated_at": now,
    }
    columns = [f.column for f in fields]
    sql = (
        f"INSERT INTO {Application._meta.db_table} ({', '.join(columns)}) "
        f"VALUES ({', '.join('?' * len(columns))})"
    )
    counts = {"open": 0, "overdue": 0, "closed": 0, "merged": 0, "unconfirmed": 0}
    db = sqlite3.connect(str(settings.DATABASES["default"]["NAME"]), isolation_level=None)
    db.execute("PRAGMA synchronous=OFF")
    db.execute("PRAGMA journal_mode=MEMORY")
    db.execute("BEGIN")
    for agency in agencies:
        batch = []
        serial: dict[int, int] = {}
        for _ in range(per_agency[agency.pk]):
            received = rng.choice(days)
            serial[received.year] = serial.get(received.year, 0) + 1
            row = dict(fixed)
            row.update(
                agency_id=agency.pk,
                tracking_no=f"{agency.code}-{received.year}-{serial[received.year]:06d}",
                channel="in_person",
                applicant_type=rng.choice(applicants),
                name="申请人",
                submitted_at=f"{received.isoformat()} 01:30:00",
                received_on=received.isoformat(),
                finished_on=None,
                reply_due=None,
                next_due=None,
                next_due_kind="",
                clock_status="done",
                outcome="",
                reply_type="",
            )
            due = cal.nth_working_day_after(received, 20)
            roll = rng.random()
            if roll < 0.004:
                row.update(state="submitted", received_on=None, clock_status="")
                counts["unconfirmed"] += 1
            elif roll < 0.01:
                row.update(state="merged")
                counts["merged"] += 1
            elif due >= TODAY and roll < 0.9 or due < TODAY and roll < 0.04:
                # In progress (recent), or left open past its deadline (overdue).
                row.update(
                    state="registered",
                    reply_due=due.isoformat(),
                    next_due=due.isoformat(),
                    next_due_kind="reply",
                    clock_status="running",
                )
                counts["overdue" if due < TODAY else "open"] += 1
            else:
                finished = min(cal.nth_working_day_after(received, rng.randint(2, 20)), TODAY)
                outcome = rng.choices(outcomes, weights)[0]
                row.update(
                    state="closed",
                    finished_on=finished.isoformat(),
                    closed_on=finished.isoformat(),
                    outcome=outcome,
                    reply_type=rng.choice(reply_types[outcome]),
                )
                counts["closed"] += 1
            batch.append(tuple(row[f.attname] for f in fields))
        db.executemany(sql, batch)
    db.execute("COMMIT")
    db.execute("ANALYZE")
    db.close()
    return counts


def _people(agencies) -> None:
    from django.contrib.auth import get_user_model

    from gongkai.agencies.models import Membership, Role

    User = get_user_model()
    users = User.objects.bulk_create(
        [User(username=f"clerk{a.pk}", email=f"clerk{a.pk}@example.com", password="!") for a in agencies]
    )
    Membership.objects.bulk_create(
        [Membership(user=u, agency=a, role=Role.CLERK) for u, a in zip(users, agencies, strict=True)]
    )


# ----------------------------------------------------------------------------- the hand-written queries


def _scan_sql(horizon: date) -> int:
    from django.db import connection

    from gongkai.applications.models import OPEN_STATES, Application

    marks = ", ".join("%s" for _ in OPEN_STATES)
    with connection.cursor() as cur:
        cur.execute(
            f"SELECT agency_id, next_due_kind, COUNT(*) FROM {Application._meta.db_table} "
            f"WHERE state IN ({marks}) AND next_due <= %s GROUP BY agency_id, next_due_kind",
            [*OPEN_STATES, horizon.isoformat()],
        )
        return len(cur.fetchall())


def _table_sql(agency_ids: list[int]) -> int:
    from django.db import connection

    from gongkai.applications.models import Application

    start, end = date(YEAR, 1, 1).isoformat(), date(YEAR, 12, 31).isoformat()
    ids = ",".join(str(i) for i in agency_ids)
    with connection.cursor() as cur:
        cur.execute(
            f"""SELECT agency_id, applicant_type, received_on >= %s,
                       CASE WHEN outcome <> '' AND finished_on <= %s THEN outcome ELSE '' END, COUNT(*)
                FROM {Application._meta.db_table}
                WHERE agency_id IN ({ids}) AND received_on IS NOT NULL AND received_on <= %s
                  AND state <> 'merged' AND (finished_on IS NULL OR finished_on >= %s)
                GROUP BY 1, 2, 3, 4""",
            [start, end, end, start],
        )
        return len(cur.fetchall())


# ----------------------------------------------------------------------------- measuring


def _best(function, repeat: int, before=None) -> float:
    times = []
    for _ in range(repeat):
        if before is not None:
            before()
        t0 = time.perf_counter()
        function()
        times.append(time.perf_counter() - t0)
    return min(times)


def _peak(function, before=None) -> int:
    if before is not None:
        before()
    tracemalloc.start()
    try:
        function()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def child(data_dir: str, applications: int, agencies: int, per_agency: int, repeat: int) -> dict:
    os.environ["GONGKAI_DATA"] = data_dir
    os.environ["DJANGO_SETTINGS_MODULE"] = "gongkai.web.settings"
    os.environ["GONGKAI_EMAIL_BACKEND"] = "django.core.mail.backends.dummy.EmailBackend"
    os.environ.pop("DATABASE_URL", None)
    import django

    django.setup()
    from django.core.management import call_command

    from gongkai.agencies.models import Agency
    from gongkai.applications import tasks
    from gongkai.applications.models import Reminder
    from gongkai.applications.queries import table_three, table_three_by_agency
    from gongkai.applications.tasks import DEFAULT_DUE_SOON, scan_deadlines
    from gongkai.workdays.services import db_calendar

    t0 = time.perf_counter()
    call_command("migrate", interactive=False, verbosity=0)
    county = Agency.objects.create(code="sfx-gov", name="示例县人民政府", kind="government", level="county")
    rest = [
        Agency.objects.create(
            code=f"sfx-{i:02d}", name=f"示例县第{i}局", kind="department", level="county", parent=county
        )
        for i in range(1, agencies)
    ]
    big = rest[0] if rest else county
    everyone = [county, *rest]
    _people(everyone)
    sizes = {a.pk: (applications if a.pk == big.pk else per_agency) for a in everyone}
    counts = _fill(everyone, sizes, random.Random(2026))
    fill_s = time.perf_counter() - t0

    horizon = db_calendar().nth_working_day_after(TODAY, DEFAULT_DUE_SOON)
    ids = [a.pk for a in everyone]

    def reset():
        Reminder.objects.all().delete()

    def unsend():
        Reminder.objects.update(emailed_at=None)

    def record_only():
        # The scan without its e-mail step (timed apart below: mail delivery is I/O, not the scan).
        real, tasks.send_pending_emails = tasks.send_pending_emails, lambda: 0
        try:
            return scan_deadlines(TODAY)
        finally:
            tasks.send_pending_emails = real

    out: dict = {"fill_s": fill_s, "counts": counts, "total": sum(sizes.values())}
    first = scan_deadlines(TODAY)  # warm-up, and the figures of a first run
    out["reminders"], out["emailed"] = first.reminders, first.emailed
    scan_sql, t3_sql = (lambda: _scan_sql(horizon)), (lambda: _table_sql([big.pk]))
    ops = {
        "scan_first": (record_only, reset, scan_sql),
        "scan_daily": (lambda: scan_deadlines(TODAY), None, scan_sql),
        "email": (tasks.send_pending_emails, unsend, None),
        "t3_one": (lambda: table_three(big, YEAR), None, t3_sql),
        "t3_county": (lambda: table_three_by_agency(everyone, YEAR), None, lambda: _table_sql(ids)),
    }
    for name, (run, before, sql) in ops.items():
        t_run = _best(run, repeat, before)
        out[name] = {"s": t_run, "peak_bytes": _peak(run, before)}
        if sql is not None:
            sql()
            t_sql = _best(sql, repeat)
            out[name].update(sql_s=t_sql, ratio=t_run / t_sql)
    t = table_three(big, YEAR)
    out["check_new"] = int(t.get("new_received", "total"))
    out["maxrss_kb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--applications", type=int, default=100_000)
    parser.add_argument("--agencies", type=int, default=50)
    parser.add_argument("--per-agency", type=int, default=1_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--child", metavar="DIR", help=argparse.SUPPRESS)
    args = parser.parse_args(argv if argv is not None else [])
    if args.child:
        print(json.dumps(child(args.child, args.applications, args.agencies, args.per_agency, args.repeat)))
        return 0
    r = run_child(
        __file__,
        "applications",
        {
            "applications": args.applications,
            "agencies": args.agencies,
            "per_agency": args.per_agency,
            "repeat": args.repeat,
        },
    )
    if r is None:
        return 1
    c = r["counts"]
    print(
        f"data: {r['total']:,} applications, {args.agencies} agencies (one with {args.applications:,}, "
        f"the others {args.per_agency:,} each), SQLite; filled in {r['fill_s']:.1f} s "
        f"({c['closed']:,} answered, {c['open']:,} in progress, {c['overdue']:,} overdue, "
        f"{c['merged']:,} merged, {c['unconfirmed']:,} unconfirmed); today = {TODAY}"
    )
    print(f"  first scan: {r['reminders']:,} reminders recorded, {r['emailed']:,} e-mailed")
    labels = {
        "scan_first": "deadline scan, first run (records reminders)",
        "scan_daily": "deadline scan, daily rerun",
        "t3_one": f"table 三 {YEAR}, one agency ({args.applications:,})",
        "t3_county": f"table 三 {YEAR}, all {args.agencies} agencies",
    }
    print(
        f"  {'operation':<46}{'ms':>9}{'GROUP BY ms':>13}{'ratio':>8}{'peak MiB':>10}  target ≤ {TARGET:.0f}×"
    )
    for key, label in labels.items():
        x = r[key]
        verdict = "ok" if x["ratio"] <= TARGET else "OVER TARGET"
        print(
            f"  {label:<46}{x['s'] * 1000:>9.1f}{x['sql_s'] * 1000:>13.1f}{x['ratio']:>8.2f}"
            f"{x['peak_bytes'] / 2**20:>10.1f}  {verdict}"
        )
    e = r["email"]
    print(
        f"  {'e-mailing the first run’s reminders':<46}{e['s'] * 1000:>9.1f}{'':>13}{'':>8}"
        f"{e['peak_bytes'] / 2**20:>10.1f}  ({e['s'] / max(1, r['emailed']) * 1e6:.0f} µs per e-mail, "
        "dummy backend; not a query, no ratio)"
    )
    print(f"  peak RSS of the bench process: {r['maxrss_kb'] / 1024:.0f} MiB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
