"""A report's tables as the pages show them: rows of cells with their values, paths, links and
whether a finding cites them; and the printed name of each cited place. Plain Python, so that every
app that shows a report's tables (the reports workspace, the batch checker) builds them one way and
renders them with the one template ``includes/report_grids.html``."""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass, field

from .layout import cell_label
from .model import Report, cell_path


@dataclass
class CellView:
    value: object
    path: str
    url: str
    marked: bool = False  # cited by the finding in hand


@dataclass
class GridView:
    key: str
    title: str
    columns: list
    rows: list = field(default_factory=list)  # (row, [CellView])


def grid_views(
    report: Report, url: Callable[[str], str] | None = None, marked: Collection[str] = ()
) -> list[GridView]:
    """The report's tables; ``url(path)`` links each cell (no links without it), ``marked`` are the
    paths to highlight (a finding's cells)."""
    marked = set(marked)
    out = []
    for grid in report.layout.grids:
        table = report.tables[grid.key]
        view = GridView(grid.key, grid.title, list(grid.columns))
        for row in grid.rows:
            cells = []
            for column in grid.columns:
                path = cell_path(grid, row.key, column.key)
                cells.append(
                    CellView(table.get(row.key, column.key), path, url(path) if url else "", path in marked)
                )
            view.rows.append((row, cells))
        out.append(view)
    return out


def place_labels(cells: Iterable[str], report: Report | None = None) -> list[str]:
    """The printed names of the places a finding or a note cites (the registry figures by their
    own label), in order, without repeats."""
    facts = {f"facts.{f.key}": f.label for f in report.facts} if report is not None else {}
    layout = report.layout if report is not None else None
    return list(dict.fromkeys(facts.get(c) or cell_label(c, layout) for c in cells))
