"""What a figure of the annual report is made of: the one drill-down type of every table.

Tables 二 (gongkai.records), 三 (gongkai.applications) and 四 (gongkai.appeals) each answer "which
records are behind this cell?" with a ``Drilldown``; the pages of those apps and the report
workspace render it. Plain Python, no app imports, so any app may build one.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True)
class DrillItem:
    """One record behind a figure, as listed: what it is, its date, a line about it, its page."""

    label: str
    date: date | None
    detail: str
    url: str


@dataclass(frozen=True)
class Drilldown:
    path: str  # the cell, as gongkai.annual.model.cell_path writes it
    title: str
    value: object
    rule: str  # how the value was obtained, in the active language
    source: str  # "records" | "applications" | "yearly_total" | "fees" | "catalogue"
    items: list[DrillItem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
