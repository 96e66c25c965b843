"""Shared by the HTML, DOCX, XLSX and PDF readers: documents become plain text in which a table row
is one line with its cells joined by tabs and a paragraph is a line; the text reader does the rest
(labels, format, metadata, sections, damaged or lost cells)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from decimal import Decimal

from ..model import Report

_CJK = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_CJK_PUNCT = r"\u3000-\u303f\uff01-\uff0f\uff1a-\uff20\u201c\u201d\u2018\u2019"
# a space between two CJK characters (or CJK punctuation) is a line-wrap or justification artefact
# (both patterns open with the space they remove and look behind it afterwards: a pattern opening
# with a set of characters lets the regex engine skip to the next space, one opening with a
# look-behind is tried at every position of the line)
_SPACE_IN_CJK = re.compile(
    rf"[ \u00a0\u3000](?<=[{_CJK}{_CJK_PUNCT}][ \u00a0\u3000])[ \u00a0\u3000]*(?=[{_CJK}{_CJK_PUNCT}])"
)
_SPACE_DIGIT_UNIT = re.compile(
    rf"[ \u00a0](?:(?<=\d[ \u00a0])[ \u00a0]*(?=[年月日件条个项次万元%％])"
    rf"|(?<=[{_CJK}][ \u00a0])[ \u00a0]*(?=\d+[ \u00a0]*[年月日件条个项次万元]))"
)


_FOLDED = ((0x2E80, 0x2FDF), (0xF900, 0xFAFF), (0xFF10, 0xFF19), (0xFF21, 0xFF5A))
_FOLD_TABLE: dict[int, str] = {
    code: unicodedata.normalize("NFKC", chr(code)) for lo, hi in _FOLDED for code in range(lo, hi + 1)
}
_FOLD_TABLE.update({ord(c): " " for c in "\u00a0\u2002\u2003\u2009"})
_FOLD_TABLE.update({ord(c): "" for c in "\u200b\ufeff"})
_FOLD_TABLE = {k: v for k, v in _FOLD_TABLE.items() if v != chr(k)}
RE_FOLDED = re.compile("[" + "".join(re.escape(chr(k)) for k in sorted(_FOLD_TABLE)) + "]")


def normalise(text: str) -> str:
    """Fold compatibility characters without touching full-width punctuation: Kangxi radicals and
    compatibility ideographs (a PDF text-layer hazard) and full-width digits and letters.

    Most text has none of them: one regex search says so, and only then is the text translated."""
    return text.translate(_FOLD_TABLE) if RE_FOLDED.search(text) else text


def clean_line(text: str) -> str:
    """A paragraph line: normalised, runs of spaces squeezed, wrap artefacts between CJK removed."""
    text = normalise(text)
    # both patterns remove spaces only: a line without any (most cells, many paragraphs) skips them
    if " " in text or "\u00a0" in text or "\u3000" in text:
        text = _SPACE_IN_CJK.sub("", text)
        text = _SPACE_DIGIT_UNIT.sub("", text)
    return " ".join(text.split())


def cell_text(text: str | None) -> str:
    """A table cell on one line: its own line breaks were only wrapping, so they are dropped
    (with a space kept between two Latin words or numbers)."""
    if not text:
        return ""
    if text.isdigit() and text.isascii():
        return text  # most cells: a plain count, nothing to clean
    parts = [clean_line(p) for p in normalise(text).splitlines()]
    parts = [p for p in parts if p]
    out = ""
    for part in parts:
        if out and out[-1].isascii() and out[-1].isalnum() and part[0].isascii() and part[0].isalnum():
            out += " "
        out += part
    return out.replace("\t", " ")


def number_text(value: object) -> str:
    """A spreadsheet value as printed: 3.0 -> "3", 7730.28 -> "7730.28"."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if value.is_integer():
            return str(int(value))
        return format(Decimal(repr(value)), "f")
    if isinstance(value, Decimal):
        return format(value, "f")
    return cell_text(str(value))


def grid_lines(rows: Iterable[Sequence[str | None]]) -> list[str]:
    """Table rows as tab-joined lines; empty rows dropped, trailing empty cells trimmed."""
    lines = []
    for row in rows:
        cells = [cell_text(c) for c in row]
        while cells and not cells[-1]:
            cells.pop()
        if any(cells):
            lines.append("\t".join(cells))
    return lines


def expand_spans(rows: Sequence[Sequence[tuple[str, int, int]]]) -> list[list[str]]:
    """Rows of ``(text, rowspan, colspan)`` (HTML-style) -> a full grid. A merged cell's text sits in
    its first row and column; the positions it covers are empty (the text reader expects a label
    once, as it is printed)."""
    grid: list[list[str | None]] = []
    for r, row in enumerate(rows):
        while len(grid) <= r:
            grid.append([])
        c = 0
        for text, rowspan, colspan in row:
            while c < len(grid[r]) and grid[r][c] is not None:
                c += 1
            rowspan = max(1, min(rowspan, 1000))
            colspan = max(1, min(colspan, 1000))
            for dr in range(rowspan):
                while len(grid) <= r + dr:
                    grid.append([])
                target = grid[r + dr]
                while len(target) < c + colspan:
                    target.append(None)
                for dc in range(colspan):
                    target[c + dc] = text if dr == 0 and dc == 0 else ""
            c += colspan
    return [[x or "" for x in row] for row in grid]


def read_lines(lines: Iterable[str], source: str | None) -> Report:
    from .text import read_text  # imported late: the text reader is the heavy part

    text = "\n".join(line.rstrip() for line in lines)
    return read_text(text, source)
