"""A report's key figures, declared once, and what its peers are compared on.

The key figures are the cells a reader of the report looks at first: table 三's 新收, 予以公开,
部分公开 and 办理结果总计, table 四's totals, table 二's counts. The quality checks compare them
with last year's (XY-JUMP) and with the quartiles of agencies like this one (PEER-RANGE).

A ``Digest`` is all that the comparison needs of a report — its key figures and its prose
fingerprint — so a batch of hundreds of reports can be compared with memory flat (the reports
themselves are not kept).
"""

from __future__ import annotations

import statistics
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from .layout import FormatLayout, layout_for
from .model import AgencyKind, AgencyLevel, Number, Report
from .similarity import Fingerprint, report_fingerprint


@dataclass(frozen=True)
class KeyFigure:
    key: str
    grid: str
    row: str
    column: str
    label_en: str

    def present(self, layout: FormatLayout) -> bool:
        """Whether the format has this cell (2019's table 二 counts other things)."""
        try:
            grid = layout.grid(self.grid)
        except KeyError:
            return False
        return self.row in grid.row_keys and self.column in grid.column_keys

    def label(self, layout: FormatLayout) -> str:
        """As printed: 表三“一、本年新收政府信息公开申请数量”总计."""
        grid = layout.grid(self.grid)
        row, column = grid.row(self.row), grid.column(self.column)
        if self.grid == "applications":
            return f"表三“{row.label}”{column.label}"
        if self.grid == "review_litigation":
            block = f"{row.block}·" if row.block and row.block != row.text else ""
            return f"表四“{block}{row.text}”{column.label}"
        return f"表二{grid.title}“{row.text}”{column.label}"

    def value(self, report: Report) -> Number | None:
        table = report.tables.get(self.grid)
        if table is None or not self.present(report.layout):
            return None
        return table.get(self.row, self.column)


KEY_FIGURES = (
    KeyFigure("new_received", "applications", "new_received", "total", "table 3: new applications"),
    KeyFigure("r_open", "applications", "r_open", "total", "table 3: disclosed"),
    KeyFigure("r_partial", "applications", "r_partial", "total", "table 3: partly disclosed"),
    KeyFigure("r_total", "applications", "r_total", "total", "table 3: applications decided (total)"),
    KeyFigure(
        "reconsideration", "review_litigation", "reconsideration", "total", "table 4: administrative reviews"
    ),
    KeyFigure(
        "litigation_direct",
        "review_litigation",
        "litigation_direct",
        "total",
        "table 4: lawsuits without review",
    ),
    KeyFigure(
        "litigation_after_reconsideration",
        "review_litigation",
        "litigation_after_reconsideration",
        "total",
        "table 4: lawsuits after review",
    ),
    KeyFigure(
        "normative_docs_made", "art20_1", "normative_docs", "made", "table 2: normative documents made"
    ),
    KeyFigure(
        "normative_docs_valid", "art20_1", "normative_docs", "valid", "table 2: normative documents in force"
    ),
    KeyFigure("admin_licensing", "art20_5", "admin_licensing", "decisions", "table 2: licensing decisions"),
    KeyFigure("admin_penalty", "art20_6", "admin_penalty", "decisions", "table 2: penalty decisions"),
    KeyFigure("admin_coercion", "art20_6", "admin_coercion", "decisions", "table 2: coercion decisions"),
)
KEY_FIGURES_BY_KEY = {f.key: f for f in KEY_FIGURES}


def key_figures(report: Report) -> dict[str, Number]:
    """The key figures the report prints (blank cells and cells its format lacks left out)."""
    values = {}
    for figure in KEY_FIGURES:
        value = figure.value(report)
        if value is not None:
            values[figure.key] = value
    return values


@dataclass(frozen=True)
class Digest:
    """What a report's peers need of it (see the module docstring)."""

    key: str  # what to call it: a file path, or the agency's name
    name: str | None
    kind: AgencyKind | None
    level: AgencyLevel | None
    year: int | None
    format: str
    figures: dict[str, Number] = field(default_factory=dict)
    fingerprint: Fingerprint = field(default_factory=lambda: Fingerprint(frozenset()))


def digest(report: Report, key: str | None = None) -> Digest:
    key = key if key is not None else report.agency.name or report.source or ""
    return Digest(
        key,
        report.agency.name,
        report.agency.kind,
        report.agency.level,
        report.year,
        report.format,
        key_figures(report),
        report_fingerprint(report, key),
    )


def as_digests(peers: Iterable[Report | Digest]) -> list[Digest]:
    return [p if isinstance(p, Digest) else digest(p) for p in peers]


_REGION_ENDS = tuple("省市州盟县区旗")


def _squeezed(name: str | None) -> str:
    return "".join((name or "").split())


def same_agency(a_name: str | None, b_name: str | None) -> bool:
    """The same agency, whether or not a name carries the region above it: 淮安市洪泽区人民政府
    is 洪泽区人民政府 (one year's title has the prefix, the next year's not)."""
    a, b = _squeezed(a_name), _squeezed(b_name)
    if not a or not b:
        return False
    if a == b:
        return True
    short, long = sorted((a, b), key=len)
    return len(short) >= 4 and long.endswith(short) and long[: -len(short)].endswith(_REGION_ENDS)


def like(
    peers: Iterable[Digest],
    *,
    kind: AgencyKind | None = None,
    level: AgencyLevel | None = None,
    year: int | None = None,
    match: Sequence[str] = ("kind", "level"),
    exclude: str | None = None,
) -> list[Digest]:
    """The peers "like" an agency: the same kind and level where they are known and named in
    ``match``, the same year where both are known, the agency itself (by name) left out."""
    wanted = {"kind": kind, "level": level}
    out = []
    for p in peers:
        if exclude and same_agency(p.name, exclude):
            continue
        if year is not None and p.year is not None and p.year != year:
            continue
        if any(wanted.get(a) is not None and getattr(p, a) != wanted[a] for a in match):
            continue
        out.append(p)
    return out


@dataclass(frozen=True)
class Quartiles:
    figure: KeyFigure
    n: int  # peers that print the figure
    q1: float
    median: float
    q3: float
    fence: float  # k in [Q1 − k·IQR, Q3 + k·IQR]

    @property
    def iqr(self) -> float:
        return self.q3 - self.q1

    @property
    def low(self) -> float:
        return self.q1 - self.fence * self.iqr

    @property
    def high(self) -> float:
        return self.q3 + self.fence * self.iqr


def quartiles(values: Sequence[Number], figure: KeyFigure, fence: float = 3.0) -> Quartiles:
    data = sorted(float(v) for v in values)
    if len(data) == 1:
        q1 = median = q3 = data[0]
    else:
        q1, median, q3 = statistics.quantiles(data, n=4, method="inclusive")
    return Quartiles(figure, len(data), q1, median, q3, fence)


def quartile_table(
    peers: Iterable[Report | Digest], *, fence: float = 3.0, min_peers: int = 8, format: str | None = None
) -> list[Quartiles]:
    """Per key figure, the quartiles over ``peers`` (those that print it; a figure printed by fewer
    than ``min_peers`` is left out) — what a supervisor's page shows beside each agency's figure.
    ``format`` (default: the most common among the peers) decides which figures exist."""
    digests = as_digests(peers)
    if not digests:
        return []
    if format is None:
        format = statistics.mode(d.format for d in digests)
    layout = layout_for(format)
    table = []
    for figure in KEY_FIGURES:
        if not figure.present(layout):
            continue
        values = [d.figures[figure.key] for d in digests if figure.key in d.figures]
        if len(values) >= max(1, min_peers):
            table.append(quartiles(values, figure, fence))
    return table


__all__ = [
    "KEY_FIGURES",
    "Digest",
    "KeyFigure",
    "Quartiles",
    "as_digests",
    "digest",
    "key_figures",
    "like",
    "quartile_table",
    "quartiles",
]
