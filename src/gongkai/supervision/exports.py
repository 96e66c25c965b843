"""The workplace table as a file: Excel (openpyxl), Word (python-docx) and PDF (WeasyPrint from the
page's print template). Each holds the same columns (``table.COLUMNS``), the total row and the
formulas, under the title 示例县人民政府2025年度政府信息公开工作年度报告报送情况."""

from __future__ import annotations

import io
import logging

from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from .queries import Workplace, total_row
from .table import COLUMNS, FORMULAS, NOT_SUMMED, shown, state_text

FORMATS = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
}


class ExportError(Exception):
    """The file cannot be made here (no Chinese font for the PDF); the message is in Chinese."""


def title(place: Workplace) -> str:
    # the document's own title, printed and used as its file name: Chinese, like the reports'
    return f"{place.root.name}{place.year}年度政府信息公开工作年度报告报送情况"


def _cells(place: Workplace, rows) -> list[list[str]]:
    out = []
    for r in rows:
        cells = []
        for c in COLUMNS:
            cells.append(state_text(r) if c.key == "state" else shown(c, c.value(r)))
        out.append(cells)
    return out


def _total(place: Workplace, rows) -> list[str]:
    total = total_row(place, rows)
    cells = []
    for c in COLUMNS:
        if c.key == "name":
            cells.append(_("合计（%(n)d个机构）") % {"n": len(rows)})
        elif c.key in NOT_SUMMED:
            cells.append("")
        else:
            cells.append(shown(c, c.value(total)))
    return cells


def _xlsx_line(r) -> list:
    """Numbers stay numbers (rates as fractions shown as %); a change in points is text."""
    line = []
    for c in COLUMNS:
        value = c.value(r)
        if c.key == "state":
            line.append(state_text(r))
        elif c.key.endswith("_change") and c.rate:
            line.append(shown(c, value))  # percentage points: text, a number would read as a %
        elif value is None:
            line.append("—")
        else:
            line.append(value)
    return line


def xlsx(place: Workplace, rows) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    wb = Workbook()
    ws = wb.active
    ws.title = _("报送情况")
    ws.append([title(place)])
    ws["A1"].font = Font(bold=True, size=14)
    ws.append([str(c.label) for c in COLUMNS])
    for cell in ws[2]:
        cell.font = Font(bold=True)
    for r in rows:
        ws.append(_xlsx_line(r))
    total = _xlsx_line(total_row(place, rows))
    total = [("" if c.key in NOT_SUMMED else v) for c, v in zip(COLUMNS, total, strict=True)]
    total[0] = _("合计（%(n)d个机构）") % {"n": len(rows)}
    ws.append(total)
    for row in ws.iter_rows(min_row=3):
        for c, cell in zip(COLUMNS, row, strict=False):
            if c.rate and not c.key.endswith("_change") and isinstance(cell.value, float):
                cell.number_format = "0.0%"
            if c.numeric:
                cell.alignment = Alignment(horizontal="right")
    ws.append([])
    for formula in FORMULAS:
        ws.append([str(formula)])
    ws.column_dimensions["A"].width = 32
    ws.column_dimensions["B"].width = 18
    ws.freeze_panes = "B3"
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def docx(place: Workplace, rows) -> bytes:
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
    from docx.shared import Cm, Pt

    doc = Document()
    section = doc.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Cm(29.7), Cm(21.0)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(1.5))
    style = doc.styles["Normal"]
    style.font.size = Pt(9)
    style.font.name = "宋体"
    style.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), "宋体")
    heading = doc.add_paragraph()
    heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = heading.add_run(title(place))
    run.bold, run.font.size = True, Pt(15)
    body = _cells(place, rows) + [_total(place, rows)]
    table = doc.add_table(rows=1 + len(body), cols=len(COLUMNS))
    table.style = "Table Grid"
    for j, c in enumerate(COLUMNS):
        table.rows[0].cells[j].text = str(c.label)
    for i, line in enumerate(body, start=1):
        for j, (c, text) in enumerate(zip(COLUMNS, line, strict=True)):
            cell = table.rows[i].cells[j]
            cell.text = text
            if c.numeric:
                cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
    for formula in FORMULAS:
        doc.add_paragraph(str(formula))
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def pdf(place: Workplace, rows, context: dict) -> bytes:
    from gongkai.annual.writers.pdf import FONT_HELP, has_cjk_font

    if not has_cjk_font():
        raise ExportError(FONT_HELP)
    try:
        from weasyprint import HTML
    except OSError as exc:  # Pango or another system library missing
        raise ExportError(_("无法加载 PDF 排版组件 WeasyPrint：%(e)s") % {"e": exc}) from None
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    html = render_to_string(
        "supervision/print.html",
        {**context, "title": title(place), "body": _cells(place, rows), "total": _total(place, rows)},
    )
    return HTML(string=html).write_pdf()
