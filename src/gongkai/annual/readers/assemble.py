"""Putting the numbers read for a row into the cells of a table, using the arithmetic.

A reader hands over, for each printed row, the cells it should fill and the tokens it found.
When the count fits, the tokens go in as printed. When it does not (a cell lost to OCR, cells
run together on a flattened web page, a stray ordinal picked up with the numbers), every
interpretation is tried and the layout's relations decide: an interpretation is used only when
it is the single one consistent with the rest of the table, and it is always noted. Otherwise
the row stays blank (None) with a note — never a silent guess.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from itertools import combinations
from operator import attrgetter
from typing import NamedTuple

from ..arithmetic import Line, all_lines
from ..layout import Grid
from ..model import Note, Number, Report, Table

MAX_LOST = 2  # more lost cells than this in one row and the row is not reconstructed
MAX_CELL_DIGITS = 7  # no count in these tables has more digits
SPLIT_LIMIT = 8  # stop enumerating splits beyond this many consistent ones (it is ambiguous anyway)
SPLIT_BUDGET = 60_000  # search steps per row; keeps hostile digit strings cheap

Cell = tuple[str, str]


class Tok(NamedTuple):
    """One cell as read: a number, or a printed placeholder ("/", "—") or an empty cell.

    Immutable like a frozen dataclass, but about twice as quick to make: a report has hundreds.
    """

    text: str
    value: Number | None
    kind: str = "num"  # "num" | "blank" | "slash"

    @property
    def is_num(self) -> bool:
        return self.kind == "num"


_VALUE = attrgetter("value")
_KIND = attrgetter("kind")


@dataclass
class Reading:
    label: str  # for messages, e.g. （七）总计
    cells: Sequence[Cell]  # not changed here: readers may share one sequence between readings
    tokens: list[Tok]
    lead: int = 0  # empty fields before the first number (blank cells, or layout padding)


@dataclass
class _Candidate:
    values: list[Number | None]
    lost: tuple[int, ...] = ()
    how: str = "read"  # read | lost | split | drop


@dataclass
class _Outcome:
    values: list[Number | None] | None = None
    lost_cells: set[int] = field(default_factory=set)
    status: str = "pending"  # done | pending | ambiguous | unreadable


class _Arith:
    """The grid's relation lines, indexed by cell, evaluated on a plain dict."""

    def __init__(self, grid: Grid):
        self.blank = Table(grid)  # not filled in: to compare with (see assemble)
        self.lines: list[Line] = list(all_lines(self.blank))
        self.decimal_columns = frozenset(c.key for c in grid.columns if c.decimal)
        self.by_cell: dict[Cell, list[Line]] = {}
        for line in self.lines:
            for cell in line.cells:
                self.by_cell.setdefault(cell, []).append(line)

        # per cell, each line through it as (other cells on the left, on the right, cell on the left)
        self.solving: dict[Cell, list[tuple[tuple[Cell, ...], tuple[Cell, ...], bool]]] = {
            cell: [
                (tuple(c for c in ln.lhs if c != cell), tuple(c for c in ln.rhs if c != cell), cell in ln.lhs)
                for ln in lines
            ]
            for cell, lines in self.by_cell.items()
        }
        self._through: dict[tuple[Cell, ...], tuple[tuple[tuple[Cell, ...], tuple[Cell, ...]], ...]] = {}
        self._split: dict[tuple[Cell, ...], tuple] = {}
        self._solving_split: dict[tuple[Cell, ...], dict[Cell, tuple]] = {}

    @staticmethod
    def solve(values: dict[Cell, Number | None], lines: list[RowSolving]) -> tuple[str, Number | None]:
        """("ok", v) when every complete line of a cell's ``row_solving`` agrees on v >= 0 for it;
        ("open", None) when no line determines it; ("bad", None) when they disagree or v < 0.
        ``values`` holds the row's cells."""
        found: set[Number] = set()
        get = values.get
        for lhs, rhs, on_left, outside in lines:
            left = list(map(get, lhs))
            right = list(map(get, rhs))
            if None in left or None in right:
                continue
            found.add(sum(right) - sum(left) + outside if on_left else sum(left) - sum(right) - outside)  # type: ignore[arg-type]
        if not found:
            return "open", None
        if len(found) > 1:
            return "bad", None
        value = found.pop()
        return ("ok", value) if value >= 0 else ("bad", None)

    def lines_through(self, cells: Sequence[Cell]) -> tuple[tuple[tuple[Cell, ...], tuple[Cell, ...]], ...]:
        """(left cells, right cells) of every line through any of ``cells``, each once; kept per
        set of cells (the rows of a table: a few dozen)."""
        key = tuple(cells)
        found = self._through.get(key)
        if found is None:
            seen: dict[int, tuple[tuple[Cell, ...], tuple[Cell, ...]]] = {}
            for cell in key:
                for line in self.by_cell.get(cell, ()):
                    seen.setdefault(id(line), (tuple(line.lhs), tuple(line.rhs)))
            found = self._through[key] = tuple(seen.values())
        return found

    def row_lines(self, state: dict[Cell, Number | None], cells: Sequence[Cell]) -> RowLines:
        """The lines through ``cells`` whose other cells are all filled in ``state``: what
        ``consistent`` checks each interpretation of the row against. The other cells do not
        change while the interpretations of one row are tried, so they are added up once."""
        key = tuple(cells)
        split = self._split.get(key)
        if split is None:
            inside = set(key)
            split = self._split[key] = tuple(
                (
                    tuple(c for c in lhs if c in inside),
                    tuple(c for c in rhs if c in inside),
                    tuple(c for c in lhs if c not in inside),
                    tuple(c for c in rhs if c not in inside),
                )
                for lhs, rhs in self.lines_through(key)
            )
        get = state.get
        out = RowLines([], [])
        for lhs_in, rhs_in, lhs_out, rhs_out in split:
            left = list(map(get, lhs_out))
            right = list(map(get, rhs_out))
            if None in left or None in right:
                continue
            other = sum(right) - sum(left)
            if len(lhs_in) + len(rhs_in) > 1:
                out.lines.append((lhs_in, rhs_in, other))  # type: ignore[arg-type]
            else:  # most lines: one cell of a column's sum, which then must be that
                out.fixed.append((lhs_in[0], other) if lhs_in else (rhs_in[0], -other))  # type: ignore[arg-type]
        return out

    def row_solving(
        self, state: dict[Cell, Number | None], cells: Sequence[Cell], targets: Iterable[Cell]
    ) -> dict[Cell, list[RowSolving]]:
        """For each of ``targets`` (cells of the row ``cells``), the lines through it that
        ``solve`` can work its value out from: those whose cells outside the row are all filled
        in ``state``, as (the row's other cells on the left, on the right, whether the target is
        on the left, right minus left of the cells outside the row). As for ``row_lines``, the
        cells outside the row are added up once, and the interpretations are then tried on the
        row's cells alone, without a copy of the whole state each."""
        key = tuple(cells)
        split = self._solving_split.get(key)
        if split is None:
            inside = set(key)
            split = self._solving_split[key] = {
                cell: tuple(
                    (
                        tuple(c for c in lhs if c in inside),
                        tuple(c for c in rhs if c in inside),
                        on_left,
                        tuple(c for c in lhs if c not in inside),
                        tuple(c for c in rhs if c not in inside),
                    )
                    for lhs, rhs, on_left in self.solving.get(cell, ())
                )
                for cell in key
            }
        get = state.get
        out: dict[Cell, list[RowSolving]] = {}
        for cell in targets:
            usable = out[cell] = []
            for lhs_in, rhs_in, on_left, lhs_out, rhs_out in split[cell]:
                left = list(map(get, lhs_out))
                right = list(map(get, rhs_out))
                if None in left or None in right:
                    continue
                usable.append((lhs_in, rhs_in, on_left, sum(right) - sum(left)))  # type: ignore[arg-type]
        return out

    @staticmethod
    def consistent(values: dict[Cell, Number | None], lines: RowLines) -> bool:
        """Whether every complete line of ``row_lines`` holds with the row's cells in ``values``."""
        get = values.get
        for cell, required in lines.fixed:
            value = get(cell)
            if value is not None and value != required:
                return False
        for lhs, rhs, other in lines.lines:
            left = list(map(get, lhs))
            right = list(map(get, rhs))
            if None in left or None in right:
                continue
            if sum(left) - sum(right) != other:  # type: ignore[arg-type]
                return False
        return True


# a line through cells of a row: (the row's cells on the left, on the right, right minus left of
# the cells outside the row)
RowLine = tuple[tuple[Cell, ...], tuple[Cell, ...], Number]
# a line through a cell of a row, to solve for it: (the row's other cells on the left, on the
# right, whether the cell is on the left, right minus left of the cells outside the row)
RowSolving = tuple[tuple[Cell, ...], tuple[Cell, ...], bool, Number]


class RowLines(NamedTuple):
    """``_Arith.row_lines``: the lines with a single cell of the row, as (that cell, the value it
    must have), and the other lines."""

    fixed: list[tuple[Cell, Number]]
    lines: list[RowLine]


_ARITH: dict[int, tuple[Grid, _Arith]] = {}


def _arith(grid: Grid) -> _Arith:
    cached = _ARITH.get(id(grid))
    if cached is None or cached[0] is not grid:
        cached = _ARITH[id(grid)] = (grid, _Arith(grid))
    return cached[1]


def _row_groups(grid: Grid, cells: Sequence[Cell]) -> list[int] | None:
    """How the cells of a reading break into "parts then total" groups (for splitting digits),
    e.g. [6] for a row of table 三 or [4, 4, 4] for the 15 cells of table 四."""
    rels = [r for r in grid.relations if r.axis == "columns" and len(r.lhs) == 1]
    if len(rels) != 1:
        return None
    rel = rels[0]
    order = list(rel.rhs) + [rel.lhs[0]]
    groups = []
    i = 0
    while i < len(cells):
        row = cells[i][0]
        chunk = [c for r, c in cells[i : i + len(order)] if r == row]
        if chunk != order:
            return None
        groups.append(len(rel.rhs))
        i += len(order)
    return groups


class _Stop(Exception):
    pass


def split_digits(tokens: list[str], groups: list[int]) -> list[list[int]] | None:
    """Every way to cut the digit strings into cells so that each group's last cell is the sum
    of its parts (no leading zeros, a cut never crosses a token boundary). None when the search
    was cut short (too many solutions or too many steps): treat as ambiguous."""
    if not tokens or not groups:
        return []
    results: list[list[int]] = []
    steps = 0
    ncells = sum(g + 1 for g in groups)

    def run(toks: list[str], target: int | None) -> None:
        suffix = [0] * (len(toks) + 1)
        for i in range(len(toks) - 1, -1, -1):
            suffix[i] = suffix[i + 1] + len(toks[i])
        last = len(groups) - 1

        def dfs(ti: int, off: int, gi: int, k: int, partsum: int, left: int, acc: list[int]) -> None:
            nonlocal steps
            steps += 1
            if steps > SPLIT_BUDGET:
                raise _Stop
            if gi == len(groups):
                if ti == len(toks):
                    results.append(list(acc))
                    if len(results) > SPLIT_LIMIT:
                        raise _Stop
                return
            if gi == last and target is not None and k == groups[gi]:
                if ti == len(toks) and partsum == target:
                    acc.append(target)
                    dfs(ti, off, gi + 1, 0, 0, left - 1, acc)
                    acc.pop()
                return
            if ti >= len(toks):
                return
            tok = toks[ti]
            if k == groups[gi]:  # this group's total: must read as the sum
                s = str(partsum)
                if tok.startswith(s, off):
                    end = off + len(s)
                    nti, noff = (ti + 1, 0) if end == len(tok) else (ti, end)
                    acc.append(partsum)
                    dfs(nti, noff, gi + 1, 0, 0, left - 1, acc)
                    acc.pop()
                return
            for length in range(1, min(MAX_CELL_DIGITS, len(tok) - off) + 1):
                piece = tok[off : off + length]
                if length > 1 and piece[0] == "0":
                    break
                value = int(piece)
                if gi == last and target is not None and partsum + value > target:
                    break
                end = off + length
                nti, noff = (ti + 1, 0) if end == len(tok) else (ti, end)
                remaining = left - 1
                cells_needed_after = remaining - (1 if target is not None else 0)
                tokens_after = len(toks) - nti
                digits_after = suffix[nti] - noff if nti < len(toks) else 0
                if tokens_after > cells_needed_after or digits_after < cells_needed_after:
                    continue
                acc.append(value)
                dfs(nti, noff, gi, k + 1, partsum + value, remaining, acc)
                acc.pop()

        dfs(0, 0, 0, 0, 0, ncells, [])

    try:
        # the last total is at the very end: fix it first, then the parts are bounded by it
        tail = tokens[-1]
        for t in range(1, min(MAX_CELL_DIGITS, len(tail)) + 1):
            piece = tail[-t:]
            if t > 1 and piece[0] == "0":
                continue
            head = tokens[:-1] + ([tail[:-t]] if t < len(tail) else [])
            run(head, int(piece))
    except _Stop:
        return None
    return results


def _candidates(grid: Grid, reading: Reading) -> list[_Candidate]:
    n, toks = len(reading.cells), reading.tokens
    m = len(toks)
    out: list[_Candidate] = []
    if m > n and m - n <= MAX_LOST:
        # stray tokens (an ordinal, a digit from a broken vertical label) at either end
        for front in range(m - n + 1):
            kept = toks[front : front + n]
            out.append(_Candidate([t.value for t in kept], how="drop"))
        return out
    if m >= n or m == 0:
        return out
    groups = _row_groups(grid, reading.cells)
    digits = [t.text for t in toks]
    if groups and all(t.is_num and t.text.isdigit() for t in toks) and any(len(d) > 1 for d in digits):
        variants = [digits]
        # junk digits left before the next row's label ("…31000003 1 2.没有现成…")
        for drop in (1, 2):
            if m - drop >= 1 and all(len(d) <= 2 for d in digits[-drop:]):
                variants.append(digits[:-drop])
        seen: set[tuple[int, ...]] = set()
        for variant in variants:
            splits = split_digits(variant, groups)
            if splits is None:
                return [_Candidate([None] * n, how="too-many")]
            for values in splits:
                if tuple(values) not in seen:
                    seen.add(tuple(values))
                    out.append(_Candidate(list(values), how="split"))
    if n - m <= MAX_LOST:
        read = [t.value for t in toks]
        for lost in combinations(range(n), n - m):
            values = read.copy()
            for i in lost:  # in increasing order, so each lands where it belongs
                values.insert(i, None)
            out.append(_Candidate(values, lost, how="lost"))
    return out


def _evaluate(
    arith: _Arith,
    state: dict[Cell, Number | None],
    reading: Reading,
    cand: _Candidate,
    lines: RowLines,
    solving: dict[Cell, list[RowSolving]],
) -> tuple[str, list[Number | None] | None]:
    """("ok", values) | ("open", None) | ("bad", None) for one interpretation of a row; ``lines``
    and ``solving`` are the row's ``row_lines`` and ``row_solving`` (of its lost cells)."""
    values = dict(zip(reading.cells, cand.values, strict=True))  # the row's cells only
    todo = [reading.cells[i] for i in cand.lost]
    while todo:
        progress = False
        for cell in list(todo):
            status, value = arith.solve(values, solving[cell])
            if status == "bad":
                return "bad", None
            if status == "ok":
                values[cell] = value
                todo.remove(cell)
                progress = True
        if not progress:
            break
    if not arith.consistent(values, lines):
        return "bad", None
    if todo:
        return "open", None
    if cand.how == "drop" and not _row_relation_complete(arith, {**state, **values}, reading.cells):
        return "open", None
    return "ok", list(map(values.__getitem__, reading.cells))


def _row_relation_complete(arith: _Arith, values: dict[Cell, Number | None], cells: Sequence[Cell]) -> bool:
    """Dropping a token is only trusted when a relation inside the row checks the result."""
    rows = {r for r, _ in cells}
    for line in arith.lines:
        if (
            line.relation.axis == "columns"
            and line.at in rows
            and all(values.get(c) is not None for c in line.cells)
        ):
            return True
    return False


def _fmt(values: Iterable[Number | None]) -> str:
    return "、".join("空" if v is None else str(v) for v in values)


def printed_as_is(tokens: list[Tok], cells: Sequence[Cell], grid: Grid) -> bool:
    """Whether ``assemble`` would put these tokens into the cells just as printed, with nothing to
    note or convert: one token per cell, each a whole count or an empty cell, in a grid without
    decimal columns. Readers fill such rows themselves, which is most rows of most reports."""
    return (
        len(tokens) == len(cells)
        and not _arith(grid).decimal_columns
        and "slash" not in map(_KIND, tokens)
        and Decimal not in map(type, map(_VALUE, tokens))
    )


def assemble(report: Report, table: Table, readings: list[Reading]) -> None:
    """Fill ``table`` from the readings, noting on ``report`` what was recovered or left out."""
    grid = table.grid
    arith = _arith(grid)
    # Only the filled cells: a missing cell reads as blank (every lookup uses .get), and the
    # state is copied for every interpretation tried, so a sparse dict keeps that cheap.
    # (comparing with a blank table is one dict comparison in C, quicker than is_blank)
    state: dict[Cell, Number | None] = (
        {} if table == arith.blank else {(r, c): v for r, c, v in table.items() if v is not None}
    )
    pending: list[tuple[Reading, list[_Candidate]]] = []

    for reading in readings:
        n, m = len(reading.cells), len(reading.tokens)
        if m == n:
            state.update(zip(reading.cells, map(_VALUE, reading.tokens), strict=True))
            if None in state.values():
                note_printed(report, table, reading.cells, reading.tokens)
            continue
        cands = _candidates(grid, reading)
        if not cands or any(c.how == "too-many" for c in cands):
            _note_unreadable(report, table, reading, too_many=bool(cands))
            continue
        pending.append((reading, cands))

    progress = True
    while pending and progress:
        progress = False
        still: list[tuple[Reading, list[_Candidate]]] = []
        for reading, cands in pending:
            results: list[tuple[_Candidate, list[Number | None]]] = []
            open_ = False
            lines = arith.row_lines(state, reading.cells)
            lost = {reading.cells[i] for cand in cands for i in cand.lost}
            solving = arith.row_solving(state, reading.cells, lost)
            for cand in cands:
                status, values = _evaluate(arith, state, reading, cand, lines, solving)
                if status == "ok":
                    results.append((cand, values))  # type: ignore[arg-type]
                elif status == "open":
                    open_ = True
            distinct = {tuple(v) for _, v in results}
            if not open_ and len(distinct) == 1:
                values = results[0][1]
                for cell, value in zip(reading.cells, values, strict=True):
                    state[cell] = value
                _note_resolved(report, table, reading, results)
                progress = True
            elif not open_ and not results:
                _note_unreadable(report, table, reading)
                progress = True
            else:
                still.append((reading, cands))
        pending = still

    for reading, _ in pending:
        report.note(
            "CELL-AMBIGUOUS",
            f"“{reading.label}”读到 {len(reading.tokens)} 个数（{_fmt(t.value for t in reading.tokens)}），"
            f"应为 {len(reading.cells)} 个；按勾稽关系有不止一种可能，该行未采用，留空",
            *(table.path(*c) for c in reading.cells),
        )

    # cells absent from the state were blank in the table and are still blank
    decimal_columns = arith.decimal_columns
    if not decimal_columns and Decimal not in set(map(type, state.values())):
        table.update(state)  # the common case: whole counts only, nothing to convert
        return
    filled = {}
    for (row, column), value in state.items():
        if column in decimal_columns:
            if isinstance(value, int):
                value = Decimal(value)
        elif isinstance(value, Decimal) and value == value.to_integral_value():
            value = int(value)
        filled[(row, column)] = value
    table.update(filled)


# How a cell left blank was printed: a placeholder ("/", "—", "-", "无") or nothing at all. One
# note per table per code, listing the cells (a quality rule reads exactly these two codes).
PRINTED_CODES = {
    "CELL-SLASH": "单元格印为“/”“—”“无”等占位符，按空白（未填）处理",
    "CELL-BLANK": "单元格印为空白（未填），不等于 0",
}


def table_name(table: Table) -> str:
    key = table.grid.key
    if key == "applications":
        return "表三"
    if key == "review_litigation":
        return "表四"
    return f"表二·{table.grid.title}"


def note_printed(report: Report, table: Table, cells: Sequence[Cell], tokens: Sequence[Tok]) -> None:
    """Record the cells of one row that were printed as a placeholder or blank."""
    slash, blank = [], []
    for cell, tok in zip(cells, tokens, strict=False):
        if tok.value is None:
            (slash if tok.text else blank).append(table.path(*cell))
    for code, paths in (("CELL-SLASH", slash), ("CELL-BLANK", blank)):
        if paths:
            add_cells_note(report, code, table, paths)


def add_cells_note(report: Report, code: str, table: Table, paths: list[str]) -> None:
    """Add ``paths`` to the table's one note of ``code`` (made on first use)."""
    prefix = table.path(table.grid.row_keys[0], table.grid.column_keys[0]).rsplit(".", 2)[0] + "."
    for i, note in enumerate(report.notes):
        if note.code == code and note.cells and note.cells[0].startswith(prefix):
            cells = tuple(dict.fromkeys((*note.cells, *paths)))
            report.notes[i] = Note(code, _printed_message(table, code, len(cells)), cells)
            return
    report.note(code, _printed_message(table, code, len(paths)), *paths)


def _printed_message(table: Table, code: str, count: int) -> str:
    return f"{table_name(table)}有 {count} 个{PRINTED_CODES[code]}"


def _note_unreadable(report: Report, table: Table, reading: Reading, too_many: bool = False) -> None:
    why = "数字连在一起，可拆分的方式过多" if too_many else "与勾稽关系不符或无法对齐"
    report.note(
        "ROW-UNREADABLE",
        f"“{reading.label}”读到 {len(reading.tokens)} 个数（{_fmt(t.value for t in reading.tokens)}），"
        f"应为 {len(reading.cells)} 个，{why}；该行留空",
        *(table.path(*c) for c in reading.cells),
    )


def _note_resolved(
    report: Report, table: Table, reading: Reading, results: list[tuple[_Candidate, list[Number | None]]]
) -> None:
    cand, values = results[0]
    n, m = len(reading.cells), len(reading.tokens)
    if cand.how == "lost":
        lost = sorted({i for c, _ in results for i in c.lost})
        where = "缺失位置可确定" if len(results) == 1 else "缺失位置无法确定，但各种位置得出的结果相同"
        report.note(
            "CELL-RECOVERED",
            f"“{reading.label}”只读到 {m} 个数，应为 {n} 个（{n - m} 个单元格在识别中丢失）；"
            f"按勾稽关系补全（{where}），该行为：{_fmt(values)}",
            *(table.path(*reading.cells[i]) for i in lost),
        )
    elif cand.how == "split":
        report.note(
            "CELL-SPLIT",
            f"“{reading.label}”的数字连在一起（{' '.join(t.text for t in reading.tokens)}），"
            f"按勾稽关系唯一拆分为：{_fmt(values)}",
            *(table.path(*c) for c in reading.cells),
        )
    elif cand.how == "drop":
        report.note(
            "TOKEN-IGNORED",
            f"“{reading.label}”读到 {m} 个数，多出 {m - n} 个（疑为序号或竖排标签的残字），"
            f"按勾稽关系取：{_fmt(values)}",
            *(table.path(*c) for c in reading.cells),
        )
