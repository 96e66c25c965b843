"""A quick path for tables printed one row per line, with cells between "|" or tabs.

Markdown and the tab-separated text of the structured readers (HTML, Word, Excel, PDF) print
most tables this way: every row of a grid on its own line, its label, then exactly one whole
number per cell. Such a table is read here field by field, without the anchoring and fitting of
the general reader in ``text``, which exists for damaged text and costs several times more.

The quick path only accepts what it can read without any doubt, and otherwise declines (returns
None) and leaves the region to the general reader: every line of the region is a table line,
each row of each grid appears once and in order, with one plain count per cell, and no other
line carries numbers. Where it accepts, both readers give the same tables and no notes (the
test suite compares them on random and damaged reports).
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import NamedTuple

from ..layout import Grid
from ._normalise import CJK, compact, for_matching

Cells = dict[tuple[str, str], int | Decimal]


class _GridInfo(NamedTuple):
    labels: dict[str, str]  # a printed row label (normalised; with or without ordinal) -> row key
    cells: dict[str, tuple[tuple[str, str], ...]]  # row key -> its cells, in column order
    columns: tuple[tuple[bool, bool], ...] | None  # (decimal, signed) per column; None if all counts


# Made once per grid. Keyed by id: hashing a grid (a frozen dataclass) walks all its rows.
_INFO: dict[int, tuple[Grid, _GridInfo]] = {}


def _info(grid: Grid) -> _GridInfo:
    cached = _INFO.get(id(grid))
    if cached is None or cached[0] is not grid:
        # a label text shared by two rows (possible in principle) is left out: those need the ordinal
        seen: dict[str, set[str]] = {}
        for row in grid.rows:
            for label in (row.text, f"{row.ordinal}{row.text}"):
                for form in (for_matching(label).strip(), compact(label)):
                    seen.setdefault(form, set()).add(row.key)
        columns = tuple((c.decimal, c.signed) for c in grid.columns)
        info = _GridInfo(
            {form: next(iter(keys)) for form, keys in seen.items() if len(keys) == 1},
            {row.key: tuple((row.key, c) for c in grid.column_keys) for row in grid.rows},
            columns if any(map(any, columns)) else None,
        )
        cached = _INFO[id(grid)] = (grid, info)
    return cached[1]


_TITLES: dict[int, tuple[tuple[Grid, ...], dict[str, Grid]]] = {}


def _titles(grids: tuple[Grid, ...]) -> dict[str, Grid]:
    """A printed grid title (normalised, or compact) -> the grid."""
    cached = _TITLES.get(id(grids))
    if cached is None or cached[0] is not grids:
        titles = {form: g for g in grids for form in (for_matching(g.title).strip(), compact(g.title))}
        cached = _TITLES[id(grids)] = (grids, titles)
    return cached[1]


# the usual counts, looked up rather than parsed (larger ones are parsed)
_COUNTS = {str(n): n for n in range(10_000)}


def _fields(line: str) -> list[str] | None:
    """The stripped fields of a table line, without the empty ones at its end (a markdown row's
    last pipe, padding cells); None for a line that is not a table line."""
    if "|" in line:
        if "\t" in line:
            return None  # two kinds of separator: not a line this path can be sure of
        fields = list(map(str.strip, line.split("|")))
    elif "\t" in line:
        # the empty fields at the end go with the whitespace there (a tab is whitespace)
        fields = list(map(str.strip, line.rstrip().split("\t")))
    else:
        return None
    while fields and not fields[-1]:
        fields.pop()
    return fields


def _counts(fields: list[str]) -> list[int] | None:
    """The fields as counts (plain ASCII digits), or None if one is anything else."""
    values = list(map(_COUNTS.get, fields))
    if None not in values:
        return values  # type: ignore[return-value]
    if all(f.isascii() and f.isdigit() for f in fields):
        return [int(f) for f in fields]
    return None


RE_AMOUNT = re.compile(r"\d+(?:\.\d+)?", re.ASCII)
RE_NOT_LABEL = re.compile(f"[^{CJK}]+")  # a field with text but no CJK character: not a label
# what each kind of column takes, as (decimal, signed) -> pattern; a markdown writer escapes a
# leading minus ("\-2"), which the general reader reads as -2 too
_NUMBER_PATTERNS = {
    (False, False): re.compile(r"\d+", re.ASCII),
    (True, False): RE_AMOUNT,
    (False, True): re.compile(r"(?:\\?-|\+)?\d+", re.ASCII),
    (True, True): re.compile(r"(?:\\?-|\+)?\d+(?:\.\d+)?", re.ASCII),
}


def _numbers(fields: list[str], columns: tuple[tuple[bool, bool], ...]) -> list[int | Decimal] | None:
    """As ``_counts``, for grids with columns of amounts (a decimal number, given as a Decimal as
    the general reader makes every value of such a column) or of signed changes."""
    values: list[int | Decimal] = []
    for field, kind in zip(fields, columns, strict=True):
        if not _NUMBER_PATTERNS[kind].fullmatch(field):
            return None
        text = field.replace("\\", "")
        values.append(Decimal(text) if kind[0] else int(text))
    return values


def read_line_grids(grids: tuple[Grid, ...], mtext: str, start: int, end: int) -> dict[str, Cells] | None:
    """The cells of ``grids`` (in printed order; with more than one grid each starts at a line
    holding its title) read from the lines of ``mtext[start:end]``, or None to decline."""
    if mtext.find("|", start, end) < 0 and mtext.find("\t", start, end) < 0:
        # no table line, so no row could be read (every grid has rows): a page layout's table,
        # or an empty region, is told without splitting the region into lines
        return None
    titles = _titles(grids) if len(grids) > 1 else {}
    out: dict[str, Cells] = {}
    position = -1  # index in ``grids`` of the grid being read
    rows: list[str] = []  # its rows still to come
    cells: Cells = {}
    if len(grids) == 1:
        position, rows, cells = 0, [r.key for r in grids[0].rows], out.setdefault(grids[0].key, {})
    info = _info(grids[max(position, 0)])
    width = len(grids[max(position, 0)].columns)
    for line in mtext[start:end].split("\n"):
        fields = _fields(line)
        if fields is None:
            bare = line.strip(" \t#")  # (a markdown heading mark is no text)
            if not bare:
                continue
            if bare not in titles:
                return None  # text that is not a table line: the general reader decides
            fields = [bare]  # a grid's title on a line of its own (a merged cell, flattened)
        if not any(map(str.isdigit, fields)) and not ("." in line and any(map(RE_AMOUNT.fullmatch, fields))):
            grid_here = titles.get(next((f for f in fields if f), "")) if titles else None
            if grid_here is not None:
                if rows or position + 1 >= len(grids) or grids[position + 1] is not grid_here:
                    return None  # a title out of order, or before the last grid's rows were all read
                position += 1
                rows = [r.key for r in grid_here.rows]
                cells = out.setdefault(grid_here.key, {})
                info, width = _info(grid_here), len(grid_here.columns)
            continue  # a header line (a row printed without numbers breaks the order below)
        if not rows:
            return None  # numbers outside the rows of a grid
        head = fields[:-width]
        values = _counts(fields[-width:]) if info.columns is None else _numbers(fields[-width:], info.columns)
        # one number per cell, and before them nothing but labels
        if values is None or any(map(RE_NOT_LABEL.fullmatch, head)):
            return None
        label = ""
        for field in reversed(head):
            if field:
                label = field
                break
        key = info.labels.get(label) or info.labels.get(compact(label, normalised=True))
        if key != rows[0]:
            return None  # not the next row of the grid
        del rows[0]
        cells.update(zip(info.cells[key], values, strict=True))
    if rows or position != len(grids) - 1:
        return None
    return out
