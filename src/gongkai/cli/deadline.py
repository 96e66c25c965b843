"""``gongkai deadline DATE N``: the N-th working day after DATE, as an ISO date."""

from __future__ import annotations

import argparse
import sys
from datetime import date

from ..workdays import CalendarMissing, nth_working_day_after


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
    try:
        print(nth_working_day_after(start, n).isoformat())
    except CalendarMissing as exc:
        print(str(exc), file=sys.stderr)
        return 1
    return 0


def register(commands: argparse._SubParsersAction) -> None:
    p = commands.add_parser(
        "deadline",
        help="计算期限：某日之后第 N 个工作日",
        description=(
            "输出 DATE 之后第 N 个工作日（ISO 日期）。开始当日不计入（民法典第二百零一条），"
            "按国务院公布的节假日和调休安排计算；没有节假日数据的年份拒绝计算。"
        ),
    )
    p.add_argument("date", metavar="DATE", help="起算日（收到申请之日等），YYYY-MM-DD")
    p.add_argument("n", metavar="N", help="工作日数，如 20")
    p.set_defaults(handler=cmd_deadline)
