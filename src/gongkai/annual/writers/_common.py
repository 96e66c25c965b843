"""What every writer shares: the document outline and each printed table as positioned cells.

A table is laid out once here, as cells with row/column spans, exactly like the official form
(merged headers, the vertical 三、本年度办理结果 label, （三）…（六） merged over their numbered rows);
the HTML, DOCX and XLSX writers only paint these cells, so the merges are the same everywhere.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from ...text import chinese_date
from ..layout import SECTIONS, T3_HEADER_NOTE, Section
from ..model import Number, Report, Table

TITLE_SUFFIX = "年政府信息公开工作年度报告"
MONEY_UNIT = "万元"
_SECTION_HEADINGS = {s.key: s.heading for s in SECTIONS}

# cell kinds: "head" (column header), "note" (the 勾稽关系 header note), "caption" (a sub-table title),
# "block" (vertical level-1 label), "group" (merged level-2 label), "label" (row label), "value"
HEAD, NOTE, CAPTION, BLOCK, GROUP, LABEL, VALUE = (
    "head",
    "note",
    "caption",
    "block",
    "group",
    "label",
    "value",
)


@dataclass
class Cell:
    row: int
    col: int
    text: str
    kind: str
    rowspan: int = 1
    colspan: int = 1
    path: str | None = None  # cell path for values, e.g. applications.r_open.total
    value: Number | None = None


@dataclass
class Sheet:
    """A printed table as positioned cells; ``header_rows`` rows at the top repeat on each page."""

    key: str
    title: str
    ncols: int
    nrows: int = 0
    header_rows: int = 0
    cells: list[Cell] = field(default_factory=list)
    label_cols: int = 1  # how many columns on the left hold labels (for widths)

    def add(self, cell: Cell) -> Cell:
        self.cells.append(cell)
        self.nrows = max(self.nrows, cell.row + cell.rowspan)
        return cell

    def rows(self) -> list[list[Cell]]:
        """Cells grouped by the row they start in, left to right."""
        out: list[list[Cell]] = [[] for _ in range(self.nrows)]
        for cell in self.cells:
            out[cell.row].append(cell)
        for row in out:
            row.sort(key=lambda c: c.col)
        return out


def report_title(report: Report) -> str:
    if report.title:
        return report.title
    agency = report.agency.name or ""
    year = f"{report.year}" if report.year is not None else ""
    return f"{agency}{year}{TITLE_SUFFIX}"


def format_number(value: Number | None) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        # plain digits, never 1E+2; keep the written precision but drop a trailing ".0"
        text = format(value, "f")
        if "." in text:
            text = text.rstrip("0").rstrip(".")
        return text or "0"
    return str(value)


def paragraphs(text: str | None) -> list[str]:
    if not text:
        return []
    return [line.strip() for line in text.splitlines() if line.strip()]


@dataclass
class Part:
    """One section of the report in printed order, with the tables that belong under it."""

    key: str
    heading: str
    text: str | None
    sheets: list[Sheet]


def outline(report: Report) -> list[Part]:
    layout = report.layout
    parts: list[Part] = []
    known = {s.key for s in layout.sections}
    for section in layout.sections:
        parts.append(
            Part(section.key, section.title, report.sections.get(section.key), sheets_for(report, section))
        )
    # pre-2019 reports declare no sections: keep whatever texts they carry, in order, under the
    # usual heading when the key is a known one
    titles = {s.key: s.title for s in SECTIONS}
    for key, text in report.sections.items():
        if key not in known and text:
            parts.append(Part(key, titles.get(key, key), text, []))
    return parts


def sheets_for(report: Report, section: Section) -> list[Sheet]:
    layout = report.layout
    if section.key == "active" and layout.active:
        tables = [report.tables[g.key] for g in layout.active if g.key in report.tables]
        return [active_sheet(tables)] if tables else []
    if section.key == "applications" and report.applications is not None:
        return [applications_sheet(report.applications)]
    if section.key == "review_litigation" and report.review_litigation is not None:
        return [review_sheet(report.review_litigation)]
    return []


# ---------------------------------------------------------------- table 二


def active_sheet(tables: list[Table]) -> Sheet:
    """The 第二十条 sub-tables stacked as one table, as printed: a caption row, a header row, data
    rows; a sub-table with fewer columns lets its last column span the rest."""
    width = max(len(t.grid.columns) for t in tables)
    sheet = Sheet("active", _SECTION_HEADINGS["active"], ncols=1 + width, label_cols=1)
    r = 0
    for table in tables:
        grid = table.grid
        sheet.add(Cell(r, 0, grid.title, CAPTION, colspan=1 + width))
        r += 1
        sheet.add(Cell(r, 0, grid.row_header or "信息内容", HEAD))
        spans = _spans(len(grid.columns), width)
        c = 1
        for column, span in zip(grid.columns, spans, strict=True):
            sheet.add(Cell(r, c, column.label, HEAD, colspan=span))
            c += span
        r += 1
        for row in grid.rows:
            sheet.add(Cell(r, 0, row.label, LABEL))
            c = 1
            for column, span in zip(grid.columns, spans, strict=True):
                value = table.get(row.key, column.key)
                sheet.add(
                    Cell(
                        r,
                        c,
                        format_number(value),
                        VALUE,
                        colspan=span,
                        path=table.path(row.key, column.key),
                        value=value,
                    )
                )
                c += span
            r += 1
    return sheet


def _spans(n: int, width: int) -> list[int]:
    return [1] * (n - 1) + [width - n + 1]


# ---------------------------------------------------------------- table 三


def applications_sheet(table: Table) -> Sheet:
    grid = table.grid
    columns = grid.columns
    label_cols = 3
    sheet = Sheet(
        "applications", grid.title, ncols=label_cols + len(columns), header_rows=3, label_cols=label_cols
    )
    # header: note over the label columns; 申请人情况 over all data columns; groups in between
    sheet.add(Cell(0, 0, grid.row_header or T3_HEADER_NOTE, NOTE, rowspan=3, colspan=label_cols))
    sheet.add(Cell(0, label_cols, grid.column_header, HEAD, colspan=len(columns)))
    c = label_cols
    i = 0
    while i < len(columns):
        column = columns[i]
        if column.group is None:
            sheet.add(Cell(1, c, column.label, HEAD, rowspan=2))
            i += 1
            c += 1
            continue
        n = 0
        while i + n < len(columns) and columns[i + n].group == column.group:
            n += 1
        members = columns[i : i + n]
        sheet.add(Cell(1, c, column.group, HEAD, colspan=n))
        for j, member in enumerate(members):
            sheet.add(Cell(2, c + j, member.label, HEAD))
        i += n
        c += n
    _labelled_rows(sheet, table, first_row=3, label_cols=label_cols)
    return sheet


def _labelled_rows(sheet: Sheet, table: Table, first_row: int, label_cols: int) -> None:
    """Row labels with the block (vertical) and group labels merged over the rows they cover."""
    rows = table.grid.rows
    for i, row in enumerate(rows):
        r = first_row + i
        c = 0
        if row.block is not None:
            if i == 0 or rows[i - 1].block != row.block:
                span = _run(rows, i, "block")
                sheet.add(Cell(r, 0, row.block, BLOCK, rowspan=span))
            c = 1
        if row.group is not None:
            if i == 0 or rows[i - 1].group != row.group:
                span = _run(rows, i, "group")
                sheet.add(Cell(r, c, row.group, GROUP, rowspan=span))
            c += 1
        sheet.add(Cell(r, c, row.label, LABEL, colspan=label_cols - c))
        for j, column in enumerate(table.grid.columns):
            value = table.get(row.key, column.key)
            sheet.add(
                Cell(
                    r,
                    label_cols + j,
                    format_number(value),
                    VALUE,
                    path=table.path(row.key, column.key),
                    value=value,
                )
            )


def _run(rows, start: int, attr: str) -> int:
    """How many rows from ``start`` share the same merged label (``block`` or ``group``)."""
    value = getattr(rows[start], attr)
    n = 0
    while start + n < len(rows) and getattr(rows[start + n], attr) == value:
        n += 1
    return n


# ---------------------------------------------------------------- table 四


def review_sheet(table: Table) -> Sheet:
    """One data row of 15 cells under 行政复议 / 行政诉讼{未经复议直接起诉, 复议后起诉} × results."""
    grid = table.grid
    width = len(grid.columns)
    sheet = Sheet("review_litigation", grid.title, ncols=width * len(grid.rows), header_rows=3, label_cols=0)
    rows = grid.rows
    c = 0
    i = 0
    while i < len(rows):
        row = rows[i]
        if row.block is None or row.block == row.text:
            # a top-level group with no sub-groups (行政复议): its header spans both header rows
            sheet.add(Cell(0, c, row.text, HEAD, rowspan=2, colspan=width))
            n = 1
        else:
            n = _run(rows, i, "block")
            sheet.add(Cell(0, c, row.block, HEAD, colspan=width * n))
            for j in range(n):
                sheet.add(Cell(1, c + j * width, rows[i + j].text, HEAD, colspan=width))
        for j in range(n):
            for k, column in enumerate(grid.columns):
                cc = c + j * width + k
                key = rows[i + j].key
                value = table.get(key, column.key)
                sheet.add(Cell(2, cc, column.label, HEAD))
                sheet.add(
                    Cell(3, cc, format_number(value), VALUE, path=table.path(key, column.key), value=value)
                )
        c += n * width
        i += n
    return sheet


def signature_lines(report: Report) -> list[str]:
    return [line for line in (report.agency.name or "", chinese_date(report.signature_date)) if line]


def flat_rows(sheet: Sheet) -> list[list[str]]:
    """The table as a plain grid: a merged cell's text in its first row and column only, the
    positions it covers empty. Markdown uses it, and it is what the readers rebuild from files."""
    grid = [[""] * sheet.ncols for _ in range(sheet.nrows)]
    for cell in sheet.cells:
        grid[cell.row][cell.col] = cell.text
    return grid
