"""Table 三 of the annual report (收到和处理政府信息公开申请情况) from application records.

For a report year Y, each application that was received by the end of Y and was not already
finished before Y contributes:
- to exactly one of 一、本年新收 (received in Y) or 二、上年结转 (received before Y), and
- to exactly one of its outcome row (finished in Y) or 四、结转下年度 (still open at the end of Y),
all in its applicant's column. The （七）总计 row and the 总计 column are sums. So T3-BAL, T3-OUT and
T3-ROW hold for any records, by construction.

``finished`` is the date that decides the year of the outcome — the caller passes the reply
(decision) date, or the date the application lapsed or was withdrawn. [I: 30号 does not say
whether the reply or the delivery date counts.]
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from ..annual.layout import APPLICANT_PARTS, LAYOUT_2021, FormatLayout, outcome_keys, outcome_rows
from ..annual.model import Table
from .rules import OUTCOMES


@dataclass(frozen=True)
class ApplicationRecord:
    applicant: str  # table-三 column key (rules.APPLICANT_TYPES)
    received: date
    outcome: str | None = None  # table-三 outcome row key; None while still open
    finished: date | None = None  # when the outcome was reached

    def __post_init__(self) -> None:
        if self.applicant not in APPLICANT_PARTS:
            raise ValueError(f"未知的申请人类型：{self.applicant!r}")
        if (self.outcome is None) != (self.finished is None):
            raise ValueError("办理结果与办结日期须同时填写或同时为空")
        if self.outcome is not None and self.outcome not in OUTCOMES:
            raise ValueError(f"未知的办理结果：{self.outcome!r}")
        if self.finished is not None and self.finished < self.received:
            raise ValueError(f"办结日期 {self.finished} 早于收到申请日期 {self.received}")


def tally(records: Iterable[ApplicationRecord], year: int, layout: FormatLayout = LAYOUT_2021) -> Table:
    """Table 三 for ``year`` from one agency's ``records`` (every cell filled, none blank)."""
    start, end = date(year, 1, 1), date(year, 12, 31)

    def groups():
        for r in records:
            if r.received > end or (r.finished is not None and r.finished < start):
                continue  # not yet received, or finished before the year: not in this year's table
            done = r.finished is not None and r.finished <= end
            yield r.applicant, r.received >= start, r.outcome if done else None, 1

    return tally_groups(groups(), year, layout)


def tally_groups(
    groups: Iterable[tuple[str, bool, str | None, int]], year: int, layout: FormatLayout = LAYOUT_2021
) -> Table:
    """Table 三 from counted groups ``(applicant, received in the year, outcome or None, count)`` of
    the applications that belong to the year's table (received by its end, not finished before it).

    Each group adds its count to exactly one of 新收/上年结转 and exactly one of its outcome row or
    结转下年度 (None), so the same balances hold as for ``tally`` — which is this function over
    groups of one. The database computes the groups with one GROUP BY (``queries.table_three``).
    """
    grid = layout.applications
    if grid is None:
        raise ValueError(f"{layout.name} 没有表三")
    counts = {(row, column): 0 for row in grid.row_keys for column in APPLICANT_PARTS}
    row_of = outcome_rows(grid)  # the 2019 format counts the 2021 （六） rows in one row
    for applicant, new, outcome, n in groups:
        if applicant not in APPLICANT_PARTS:
            raise ValueError(f"未知的申请人类型：{applicant!r}")
        if outcome is not None and outcome not in OUTCOMES:
            raise ValueError(f"未知的办理结果：{outcome!r}")
        counts[("new_received" if new else "carried_over_in", applicant)] += n
        if outcome is None:
            counts[("carried_over_out", applicant)] += n
        else:
            counts[(row_of[outcome], applicant)] += n
    outcomes = outcome_keys(grid.rows)
    table = Table(grid)
    for column in APPLICANT_PARTS:
        counts[("r_total", column)] = sum(counts[(row, column)] for row in outcomes)
    for row in grid.row_keys:
        for column in APPLICANT_PARTS:
            table.set(row, column, counts[(row, column)])
        table.set(row, "total", sum(counts[(row, column)] for column in APPLICANT_PARTS))
    return table
