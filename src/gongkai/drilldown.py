"""What a figure of the annual report is made of: the one drill-down type of every table.

Tables 二 (gongkai.records), 三 (gongkai.applications) and 四 (gongkai.appeals) each answer "which
records are behind this cell?" with a ``Drilldown``; the pages of those apps and the report
workspace render it. Plain Python, no app imports, so any app may build one.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date


def cell_keys(cell, table: str, count: int) -> tuple[str, ...]:
    """The ``count`` keys naming a cell of ``table``: from a path such as
    ``"applications.r_open.natural_person"`` (the table's own key first, or left out) or from a
    tuple of keys (its last ``count``). KeyError for a path of another shape."""
    if not isinstance(cell, str):
        return tuple(cell)[-count:]
    parts = cell.split(".")
    if parts[0] == table:
        parts = parts[1:]
    if len(parts) != count:
        raise KeyError(f"not a cell of {table}: {cell!r}")
    return tuple(parts)


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
