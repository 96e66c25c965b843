"""Evaluating the layout's arithmetic relations on a table.

Shared by the checks (does a relation hold?), the readers (which single lost cell makes every
relation hold again?) and the sum (totals are recomputed, never trusted).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from .layout import Relation
from .model import Number, Table


@dataclass(frozen=True)
class Line:
    """One instance of a relation: the relation applied at one column (axis rows) or one row."""

    relation: Relation
    at: str  # the column key (axis "rows") or row key (axis "columns")
    lhs: tuple[tuple[str, str], ...]  # (row, column) cells
    rhs: tuple[tuple[str, str], ...]

    @property
    def cells(self) -> tuple[tuple[str, str], ...]:
        return self.lhs + self.rhs


def lines(table: Table, relation: Relation) -> Iterator[Line]:
    grid = table.grid
    if relation.axis == "rows":
        for column in grid.column_keys:
            yield Line(
                relation,
                column,
                tuple((r, column) for r in relation.lhs),
                tuple((r, column) for r in relation.rhs),
            )
    else:
        for row in grid.row_keys:
            yield Line(
                relation,
                row,
                tuple((row, c) for c in relation.lhs),
                tuple((row, c) for c in relation.rhs),
            )


def all_lines(table: Table) -> Iterator[Line]:
    for relation in table.grid.relations:
        yield from lines(table, relation)


def sums(table: Table, line: Line) -> tuple[Number, Number] | None:
    """Both sides of a line, or None when a cell is missing."""
    left = [table.get(*cell) for cell in line.lhs]
    right = [table.get(*cell) for cell in line.rhs]
    if any(v is None for v in left + right):
        return None
    return sum(left), sum(right)  # type: ignore[arg-type]


def holds(table: Table, line: Line) -> bool | None:
    both = sums(table, line)
    return None if both is None else both[0] == both[1]


def solve_missing(table: Table, cell: tuple[str, str]) -> Number | None:
    """The value a single missing cell must have so that every complete line through it holds.

    Returns None when no line determines it, when the lines disagree, or when the value would be
    negative — the caller then leaves the cell missing and says so.
    """
    candidates: set[Number] = set()
    for line in all_lines(table):
        if cell not in line.cells:
            continue
        others = [c for c in line.cells if c != cell]
        if any(table.get(*c) is None for c in others):
            continue
        left = sum(table.get(*c) for c in line.lhs if c != cell)  # type: ignore[misc]
        right = sum(table.get(*c) for c in line.rhs if c != cell)  # type: ignore[misc]
        candidates.add(right - left if cell in line.lhs else left - right)
    if len(candidates) != 1:
        return None
    value = candidates.pop()
    return value if value >= 0 else None


def violations(table: Table) -> Iterator[tuple[Line, Number, Number]]:
    for line in all_lines(table):
        both = sums(table, line)
        if both is not None and both[0] != both[1]:
            yield line, both[0], both[1]
