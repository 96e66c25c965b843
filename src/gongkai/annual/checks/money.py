"""UNIT-MONEY: 本年收费金额 is printed in 万元 (table 二, 第二十条第（八）项; spec §1.4)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

from ..model import Report
from .base import CheckContext, Finding, Severity, check, finding, skipped

_LEVEL_ZH = {"township": "乡镇级", "county": "县级", "city": "市级", "province": "省级", "ministry": "部委"}
_YUAN = re.compile(r"(?<!万)元")  # 元 on its own, not as part of 万元


def _decimals(value: Decimal) -> int:
    exponent = value.normalize().as_tuple().exponent
    return -exponent if isinstance(exponent, int) and exponent < 0 else 0


@check("UNIT-MONEY", "收费金额以万元为单位", "Fee amount is in 万元")
def money_unit(report: Report, context: CheckContext) -> Iterator[Finding]:
    """Heuristics only (a warning): an amount too large for the agency's level, an amount more
    precise than 1 元, or a reader note that the cell was written in 元."""
    table = report.tables.get("art20_8")
    # a grid has every (row, column) pair as a cell: no need to list them
    if table is None or "admin_fees" not in table.grid.row_keys or "amount" not in table.grid.column_keys:
        yield skipped(
            "UNIT-MONEY",
            "本格式没有“本年收费金额（单位：万元）”一栏",
            "this format has no fee-amount cell (万元)",
        )
        return
    path = table.path("admin_fees", "amount")
    for note in report.notes:
        about_fees = path in note.cells or "收费" in note.message or "金额" in note.message
        if about_fees and _YUAN.search(note.message):
            yield finding(
                "UNIT-MONEY",
                Severity.WARNING,
                f"本年收费金额原文以“元”为单位，应换算为万元（读取说明：{note.message}）",
                f"the fee amount was written in 元, not 万元 (reader note: {note.message})",
                [path],
            )
            return
    value = table.get("admin_fees", "amount")
    if value is None:
        yield skipped("UNIT-MONEY", "本年收费金额为空，无法核对单位", "fee amount blank: unit not checked")
        return
    amount = Decimal(value)
    options = context.options
    level = report.agency.level.value if report.agency.level else None
    limit = options.money_wan_limits.get(level or "default", options.money_wan_limits.get("default"))
    if limit is not None and amount >= Decimal(str(limit)):
        who = _LEVEL_ZH.get(level or "", "级别未知的")
        yield finding(
            "UNIT-MONEY",
            Severity.WARNING,
            f"本年收费金额 {amount} 万元（即 {amount / 10000:.2f} 亿元）对{who}机关而言过大，"
            f"疑似误以“元”填写（核对阈值 {limit} 万元）",
            f"fee amount {amount} (万元) is implausibly large for a {level or 'unknown-level'} agency; "
            f"probably written in 元 (threshold {limit})",
            [path],
        )
        return
    if _decimals(amount) > options.money_max_decimals:
        yield finding(
            "UNIT-MONEY",
            Severity.WARNING,
            f"本年收费金额 {amount} 万元精确到 1 元以下，疑似单位换算有误",
            f"fee amount {amount} (万元) is more precise than 1 元: a unit conversion slip?",
            [path],
        )
