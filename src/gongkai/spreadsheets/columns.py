"""A spreadsheet's columns: finding the header row, mapping its names (and their variants) to the
columns an import expects, and checking the data rows. Every refused cell becomes a problem, a
dict ``{"row": n, "column": label, "message": text}`` that a batch keeps as JSON; rows are
numbered as the spreadsheet numbers them."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Hashable, Iterable, Mapping
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from .cells import CellError, blank
from .reading import FileRefused


@dataclass(frozen=True)
class Column:
    key: str
    label: str  # the header as the file writes it (the file's language, so not translated)
    parse: Callable
    aliases: tuple[str, ...] = ()  # other names exports use for the same column
    required: bool = False
    example: str = ""


def norm_header(name) -> str:
    """A header as compared: without spaces, stars and a trailing （必填）/（选填）, half-width
    brackets made full-width."""
    name = "" if name is None else str(name)
    name = name.replace("(", "（").replace(")", "）").replace("*", "").replace("＊", "")
    return re.sub(r"（(必填|选填)）$", "", re.sub(r"\s+", "", name))


def header_index(columns: Iterable[Column]) -> dict[str, Column]:
    """Every accepted header name, compared as ``norm_header`` does, to its column."""
    return {norm_header(name): column for column in columns for name in (column.label, *column.aliases)}


def blank_row(row) -> bool:
    return all(blank(v) for v in row)


@dataclass
class Header:
    names: list[str]  # the row's headers as compared, without the blank cells after the last
    positions: dict[str, int] = field(default_factory=dict)  # column key → index in a row
    mapping: list[list[str]] = field(default_factory=list)  # [file header, column label] recognised
    unknown: list[str] = field(default_factory=list)  # headers no column takes, in file order
    repeated: list[tuple[str, str, Column]] = field(default_factory=list)  # two headers, one column

    def missing(self, columns: Iterable[Column]) -> list[Column]:
        return [c for c in columns if c.key not in self.positions]


def read_header(row, index: Mapping[str, Column]) -> Header:
    names = [norm_header(v) for v in row]
    while names and not names[-1]:
        names.pop()
    header = Header(names)
    for i, name in enumerate(names):
        column = index.get(name)
        if column is None:
            if name:
                header.unknown.append(name)
        elif column.key in header.positions:
            header.repeated.append((names[header.positions[column.key]], name, column))
        else:
            header.positions[column.key] = i
            header.mapping.append([name, column.label])
    return header


def find_header(table: list[list], index: Mapping[str, Column], search_rows: int) -> int | None:
    """The first of the first ``search_rows`` rows that names every required column (an export may
    start with title rows), or None."""
    required = {c.key for c in index.values() if c.required}
    for number, row in enumerate(table[:search_rows]):
        if required <= read_header(row, index).positions.keys():
            return number
    return None


def data_rows(table: list[list], header_at: int, max_rows: int) -> list[tuple[int, list]]:
    """The rows below the header that are not blank, with their spreadsheet row numbers."""
    body = [
        (n, row) for n, row in enumerate(table[header_at + 1 :], start=header_at + 2) if not blank_row(row)
    ]
    if not body:
        raise FileRefused(_("文件中没有数据行。"))
    if len(body) > max_rows:
        raise FileRefused(_("一次最多导入 %(n)s 行，请分成几个文件。") % {"n": max_rows})
    return body


def problem(row: int, column: str, message: str) -> dict:
    return {"row": row, "column": column, "message": str(message)}


def parse_row(
    number: int,
    row: list,
    columns: Iterable[Column],
    positions: Mapping[str, int],
    problems: list[dict],
    empty: Mapping[str, object] | None = None,
) -> tuple[dict, bool]:
    """The row's values by column key (a refused cell left out) and whether every cell was
    accepted; each refusal is added to ``problems``. A blank cell is ``empty[key]`` ("" unless
    given), or a problem where the column is required."""
    values, refused = {}, False
    for column in columns:
        i = positions.get(column.key)
        raw = row[i] if i is not None and i < len(row) else None
        if blank(raw):
            if column.required:
                problems.append(problem(number, column.label, _("不能为空")))
                refused = True
            values[column.key] = (empty or {}).get(column.key, "")
            continue
        try:
            values[column.key] = column.parse(raw)
        except CellError as error:
            problems.append(problem(number, column.label, str(error)))
            refused = True
    return values, not refused


def repeats(keys: Iterable[tuple[int, Hashable]]) -> dict[int, str]:
    """For each row whose key another row has too, those other rows' numbers ("6、9"): every
    occurrence is refused, which one is right is not ours to guess."""
    rows: dict[Hashable, list[int]] = defaultdict(list)
    for number, key in keys:
        rows[key].append(number)
    return {
        n: "、".join(str(m) for m in same if m != n) for same in rows.values() if len(same) > 1 for n in same
    }


def sort_problems(problems: list[dict]) -> list[dict]:
    return sorted(problems, key=lambda p: (p["row"], p["column"]))
