"""Evaluating the layout's arithmetic relations on a table.

Shared by the checks (does a relation hold?), the readers (which single lost cell makes every
relation hold again?) and the sum (totals are recomputed, never trusted).

A relation's lines depend only on the grid, never on the values, and grids are frozen constants of
the layout: so each grid's lines are built once (``_compiled``) and shared by every table and call.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cached_property
from operator import itemgetter
from typing import NamedTuple

from .layout import Grid, Relation
from .model import Number, Table


@dataclass(frozen=True)
class Line:
    """One instance of a relation: the relation applied at one column (axis rows) or one row."""

    relation: Relation
    at: str  # the column key (axis "rows") or row key (axis "columns")
    lhs: tuple[tuple[str, str], ...]  # (row, column) cells
    rhs: tuple[tuple[str, str], ...]

    @cached_property  # lines are shared and frozen, and callers test `cell in line.cells` in loops
    def cells(self) -> tuple[tuple[str, str], ...]:
        return self.lhs + self.rhs


def _build_lines(grid: Grid, relation: Relation) -> Iterator[Line]:
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


# picks a line's cells, lhs then rhs, out of the table's values in grid order; always a tuple
Picker = Callable[[list], tuple]


def _picker(indices: list[int]) -> Picker:
    if len(indices) == 1:  # itemgetter of one index returns the item itself, not a 1-tuple
        (i,) = indices
        return lambda values: (values[i],)
    return itemgetter(*indices)


def _side_slices(grid: Grid, relation: Relation, keys: tuple[str, ...]) -> tuple[slice, ...]:
    """For each row (axis "rows") or column key of one side, the slice of the table's values in
    grid order that holds its cells, one per line, in the lines' order."""
    width = len(grid.column_keys)
    if relation.axis == "rows":
        return tuple(slice(i * width, (i + 1) * width) for i in map(grid.row_keys.index, keys))
    return tuple(slice(j, None, width) for j in map(grid.column_keys.index, keys))


class _RelationLines(NamedTuple):
    """One relation of a grid, compiled: its lines, for ``evaluate`` each line with the picker of
    its cells and how many of them are on the left, and for ``holds_everywhere`` both sides'
    slices of the table's values."""

    relation: Relation
    lines: tuple[Line, ...]
    picks: tuple[tuple[Line, Picker, int], ...]
    sides: tuple[tuple[slice, ...], tuple[slice, ...]]


class _GridLines:
    """Every line of one grid's relations, and how to read each line's cells by position."""

    def __init__(self, grid: Grid):
        self.grid = grid
        position = {cell: i for i, cell in enumerate(grid.cells())}
        self.by_relation: dict[int, _RelationLines] = {}  # by id, checked by identity (``of``)
        for relation in grid.relations:
            built = tuple(_build_lines(grid, relation))
            picks = tuple((line, _picker([position[c] for c in line.cells]), len(line.lhs)) for line in built)
            sides = (_side_slices(grid, relation, relation.lhs), _side_slices(grid, relation, relation.rhs))
            self.by_relation[id(relation)] = _RelationLines(relation, built, picks, sides)
        self.all = tuple(line for compiled in self.by_relation.values() for line in compiled.lines)
        self.related = frozenset(cell for line in self.all for cell in line.cells)

    def of(self, relation: Relation) -> _RelationLines | None:
        """The cached entry of one of the grid's own relations; None for a relation it does not declare."""
        found = self.by_relation.get(id(relation))
        return found if found is not None and found.relation is relation else None


# Keyed by id(): hashing a frozen Grid rehashes every row and column on each lookup. The entry
# holds the grid, so its id cannot be reused while cached. Grids come from the layout (a handful),
# so this stays tiny; the size guard only protects against a caller making grids on the fly.
_COMPILED: dict[int, _GridLines] = {}
_COMPILED_MAX = 64


def _compiled(grid: Grid) -> _GridLines:
    found = _COMPILED.get(id(grid))
    if found is None or found.grid is not grid:
        if len(_COMPILED) >= _COMPILED_MAX:
            _COMPILED.clear()
        found = _COMPILED[id(grid)] = _GridLines(grid)
    return found


def lines(table: Table, relation: Relation) -> Iterator[Line]:
    cached = _compiled(table.grid).of(relation)
    return iter(cached.lines) if cached is not None else _build_lines(table.grid, relation)


def all_lines(table: Table) -> Iterator[Line]:
    return iter(_compiled(table.grid).all)


def related_cells(grid: Grid) -> frozenset[tuple[str, str]]:
    """The cells the grid's 勾稽关系 add up (a blank or "/" there leaves a sum unknown)."""
    return _compiled(grid).related


def sums(table: Table, line: Line) -> tuple[Number, Number] | None:
    """Both sides of a line, or None when a cell is missing."""
    get = table.get
    left = [get(row, column) for row, column in line.lhs]
    right = [get(row, column) for row, column in line.rhs]
    if None in left or None in right:
        return None
    return sum(left), sum(right)  # type: ignore[arg-type]


def evaluate(table: Table, relation: Relation) -> Iterator[tuple[Line, tuple[Number, Number] | None]]:
    """Every line of ``relation`` with ``sums(table, line)`` — the same answers, computed from one
    read of the table (``values``) with each line's cell positions worked out in advance."""
    cached = _compiled(table.grid).of(relation)
    if cached is None:  # not one of the grid's own relations: line by line
        for line in _build_lines(table.grid, relation):
            yield line, sums(table, line)
        return
    current = table.values()
    for line, pick, split in cached.picks:
        cells = pick(current)
        if None in cells:
            yield line, None
        else:
            yield line, (sum(cells[:split]), sum(cells[split:]))


def holds_everywhere(table: Table, relation: Relation) -> bool:
    """Whether the table has no blank cell and every line of ``relation`` (at least one) holds:
    the usual case, decided by adding up whole rows or columns at C level instead of line by line.
    False says nothing more: ``evaluate`` then tells which lines are incomplete or do not hold."""
    cached = _compiled(table.grid).of(relation)
    values = table.values()
    if cached is None or not cached.lines or None in values:
        return False
    left, right = cached.sides
    return _line_sums(values, left) == _line_sums(values, right)


def _line_sums(values: list, side: tuple[slice, ...]) -> list:
    """Each line's sum of one side: the side's rows (or columns) of ``values`` added element-wise."""
    return list(map(sum, zip(*[values[s] for s in side], strict=True)))


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
    for relation in table.grid.relations:
        for line, both in evaluate(table, relation):
            if both is not None and both[0] != both[1]:
                yield line, both[0], both[1]
