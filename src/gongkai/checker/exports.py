"""The findings of a batch as a spreadsheet: .xlsx (openpyxl) and .csv (UTF-8 with a BOM, so that
Excel on a Chinese Windows opens it right), one row per finding, cells named by printed labels."""

from __future__ import annotations

import csv
import io

from django.utils.translation import gettext as _

from .queries import export_rows


def headers() -> list[str]:
    return [_("文件"), _("机关"), _("年度"), _("严重程度"), _("代码"), _("说明"), _("单元格")]


def findings_csv(batch) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(headers())
    writer.writerows(export_rows(batch))
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def findings_xlsx(batch) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    book = Workbook()
    sheet = book.active
    sheet.title = _("检查结果")
    sheet.append(headers())
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in export_rows(batch):
        sheet.append(row)
    for column, width in zip("ABCDEFG", (36, 28, 8, 10, 16, 80, 50), strict=True):
        sheet.column_dimensions[column].width = width
    for row in sheet.iter_rows(min_row=2):
        row[5].alignment = row[6].alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "A2"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
