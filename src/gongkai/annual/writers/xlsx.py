"""Excel workbook: a sheet with the report's metadata and section texts, then one sheet per table
(表二, 表三, 表四) with the official merges; numbers are numbers, blank cells stay empty."""

from __future__ import annotations

from io import BytesIO

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter

from ...text import chinese_date
from ..layout import SECTIONS
from ..model import Report
from ._common import (
    BLOCK,
    CAPTION,
    LABEL,
    NOTE,
    VALUE,
    Sheet,
    outline,
    report_title,
    signature_lines,
)

INFO_SHEET = "报告"
TABLE_SHEETS = {s.key: s.table_name for s in SECTIONS}  # a table sheet is keyed by its part (表二 … 表四)
FONT = "仿宋_GB2312"
THIN = Side(style="thin", color="000000")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)


def render_xlsx(report: Report) -> bytes:
    wb = Workbook()
    info = wb.active
    info.title = INFO_SHEET
    _info_sheet(info, report)
    for part in outline(report):
        for sheet in part.sheets:
            ws = wb.create_sheet(TABLE_SHEETS.get(sheet.key, sheet.key[:31]))
            _table_sheet(ws, part.heading, sheet)
    wb.properties.title = report_title(report)
    wb.properties.creator = report.agency.name or "gongkai"
    wb.properties.keywords = f"gongkai format={report.format}"
    buf = BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _info_sheet(ws, report: Report) -> None:
    wrap = Alignment(wrap_text=True, vertical="top")
    ws.column_dimensions["A"].width = 36
    ws.column_dimensions["B"].width = 90
    ws.append([report_title(report)])
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=2)
    ws["A1"].font = Font(name=FONT, size=16, bold=True)
    ws["A1"].alignment = Alignment(horizontal="center")
    rows = [
        ("机关名称", report.agency.name),
        ("报告年度", report.year),
        ("报告格式", f"{report.layout.name}（{report.layout.basis}）"),
        ("成文日期", chinese_date(report.signature_date) or None),
        ("发布日期", chinese_date(report.publication_date) or None),
    ]
    for key, value in rows:
        ws.append([key, value])
    ws.append([])
    for part in outline(report):
        # heading in column A, the section's text (kept with its line breaks) in column B
        ws.append([part.heading, part.text or None])
        ws.cell(ws.max_row, 1).font = Font(name="黑体", size=12)
        ws.cell(ws.max_row, 2).alignment = wrap
    lines = signature_lines(report)
    if lines:
        ws.append([])
        for line in lines:
            ws.append([None, line])
            ws.cell(ws.max_row, 2).alignment = Alignment(horizontal="right")


def _table_sheet(ws, heading: str, sheet: Sheet) -> None:
    offset = 2  # row 1: the section heading; the table starts on row 2
    ws.cell(1, 1, heading).font = Font(name="黑体", size=14)
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=sheet.ncols)
    ws.cell(1, 1).alignment = Alignment(horizontal="center")
    for cell in sheet.cells:
        row, col = cell.row + offset, cell.col + 1
        target = ws.cell(row, col)
        if cell.kind == VALUE:
            target.value = cell.value
            target.alignment = Alignment(horizontal="center", vertical="center")
            if cell.value is not None and not isinstance(cell.value, int):
                target.number_format = "0.00##"
        else:
            target.value = cell.text
            rotation = 255 if cell.kind == BLOCK else 0  # 255 = stacked vertical text
            horizontal = "left" if cell.kind in (LABEL, NOTE) else "center"
            target.alignment = Alignment(
                horizontal=horizontal, vertical="center", wrap_text=True, text_rotation=rotation
            )
            if cell.kind == CAPTION:
                target.font = Font(name="黑体", size=11)
        if target.font is None or target.font.name != "黑体":
            target.font = Font(name=FONT, size=10.5)
        for r in range(row, row + cell.rowspan):
            for c in range(col, col + cell.colspan):
                ws.cell(r, c).border = BORDER
        if cell.rowspan > 1 or cell.colspan > 1:
            ws.merge_cells(
                start_row=row,
                start_column=col,
                end_row=row + cell.rowspan - 1,
                end_column=col + cell.colspan - 1,
            )
    widths = _widths(sheet)
    for i, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(i)].width = width
    if sheet.header_rows:
        ws.freeze_panes = f"{get_column_letter(sheet.label_cols + 1)}{offset + sheet.header_rows}"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape" if sheet.ncols > 10 else "portrait"
    ws.page_setup.fitToWidth = 1
    ws.sheet_properties.pageSetUpPr.fitToPage = True


def _widths(sheet: Sheet) -> list[float]:
    data = sheet.ncols - sheet.label_cols
    if sheet.key == "applications":
        return [5, 14, 44] + [10] * data
    if sheet.label_cols:
        return [22] + [16] * data
    return [9] * sheet.ncols
