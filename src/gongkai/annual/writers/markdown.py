"""Markdown: headings for the sections, their texts, and the tables as pipe tables.

Pipe tables cannot merge cells, so a merged label is written once, in the first row and column it
covers (as in ``flat_rows``); the header rows above the delimiter row are the form's header rows.
"""

from __future__ import annotations

from ..model import Report
from ._common import Sheet, flat_rows, outline, paragraphs, report_title, signature_lines


def render_markdown(report: Report) -> bytes:
    out = [f"# {_inline(report_title(report))}", ""]
    for part in outline(report):
        out += [f"## {_inline(part.heading)}", ""]
        for line in paragraphs(part.text):
            out += [_inline(line), ""]
        for sheet in part.sheets:
            out += [*_table(sheet), ""]
    lines = signature_lines(report)
    if lines:
        # two trailing spaces: a line break inside one paragraph
        out += [*(f"{_inline(x)}  " for x in lines), ""]
    return "\n".join(out).encode("utf-8")


def _table(sheet: Sheet) -> list[str]:
    rows = flat_rows(sheet)
    # the first printed row becomes the pipe-table header; further header rows follow as rows
    lines = [_row(rows[0]), "|" + "|".join(["---"] * sheet.ncols) + "|"]
    lines += [_row(r) for r in rows[1:]]
    return lines


def _row(cells: list[str]) -> str:
    return "| " + " | ".join(_cell(c) for c in cells) + " |"


def _cell(text: str) -> str:
    return _inline(text).replace("|", "\\|")


def _inline(text: str) -> str:
    # Markdown must not turn a leading "1." or "#" in a report's own text into list or heading syntax
    text = " ".join(text.split())
    if text[:1] in "#>-+*" and text:
        text = "\\" + text
    return text
