"""``gongkai deadline DATE N``: the N-th working day after DATE, as an ISO date.

Counted on the platform's calendar (the table staff edit) when a database is configured, so the
command and the web app answer alike; on the packaged chinese-calendar data otherwise, or with
``--packaged``. A date in a year whose holiday notice is not entered yet is counted on the
statutory holidays alone and printed with the word 暂定 after it (stderr says why).
"""

from __future__ import annotations

import argparse
import sys
from datetime import date

from gongkai.datadir import database_configured
from gongkai.workdays import CalendarMissing, WorkCalendar, default_calendar


def _calendar(packaged: bool) -> WorkCalendar:
    if packaged or not database_configured():
        return default_calendar().with_provisional(date.today())
    from .django_setup import setup_django

    setup_django()
    from django.db import DatabaseError

    from gongkai.workdays.services import db_calendar

    try:
        return db_calendar()
    except DatabaseError:
        print("数据库中还没有工作日日历（尚未初始化），按软件自带的节假日数据计算。", file=sys.stderr)
        return default_calendar().with_provisional(date.today())


def cmd_deadline(args: argparse.Namespace) -> int:
    try:
        start = date.fromisoformat(args.date)
    except ValueError:
        print(f"日期格式错误：{args.date!r}，应为 YYYY-MM-DD，如 2024-02-08", file=sys.stderr)
        return 2
    try:
        n = int(args.n)
    except ValueError:
        n = -1
    if n < 0:
        print(f"工作日数应为非负整数，实为 {args.n!r}", file=sys.stderr)
        return 2
    calendar = _calendar(args.packaged)
    try:
        due = calendar.nth_working_day_after(start, n)
    except CalendarMissing as exc:
        print(str(exc), file=sys.stderr)
        return 1
    if calendar.is_provisional(due):
        print(f"{due.isoformat()} 暂定")
        print(
            f"暂定：{due.year}年的节假日安排尚未录入，该日期仅按法定节假日计算，"
            "以国务院办公厅公布的安排为准。",
            file=sys.stderr,
        )
    else:
        print(due.isoformat())
    return 0


def register(commands: argparse._SubParsersAction) -> None:
    p = commands.add_parser(
        "deadline",
        help="计算期限：某日之后第 N 个工作日",
        description=(
            "输出 DATE 之后第 N 个工作日（ISO 日期）。开始当日不计入（民法典第二百零一条），"
            "按国务院公布的节假日和调休安排计算；下一年的安排公布前，该年的日期仅按法定节假日计算并标明“暂定”。"
            "配置了数据库时（DATABASE_URL，或数据目录中已有平台数据库）按平台的工作日日历计算，与网页一致。"
        ),
    )
    p.add_argument("date", metavar="DATE", help="起算日（收到申请之日等），YYYY-MM-DD")
    p.add_argument("n", metavar="N", help="工作日数，如 20")
    p.add_argument(
        "--packaged",
        action="store_true",
        help="不读平台数据库，按软件自带的节假日数据（chinese-calendar）计算",
    )
    p.set_defaults(handler=cmd_deadline)
