"""Files out: a 报送 batch in the credit platform's layout (xlsx, one sheet per kind, the columns of
spec §2.2/§2.3 in order, dates YYYY-MM-DD, amounts in 万元), a blank import template, and the
public list as CSV (masked, without any personal column)."""

from __future__ import annotations

import csv
import io
from datetime import date
from decimal import Decimal

from gongkai.downloads import csv_safe

from .models import CreditRecord
from .public import masked_value
from .rules import COLUMNS, LONG_TERM, SHEET_TITLES, Column, Kind, public_columns


def cell(rec: CreditRecord, column: Column):
    value = getattr(rec, column.key)
    if column.key == "valid_to" and value is None and rec.long_term:
        return LONG_TERM
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return f"{value:f}"
    return "" if value is None else value


def _book(sheets: dict[str, tuple[list[str], object]]) -> bytes:
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    for title, (header, rows) in sheets.items():
        sheet = book.create_sheet(title)
        sheet.append(header)
        for row in rows:
            sheet.append([None if v == "" else v for v in row])  # no cell for an empty value
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def batch_xlsx(records) -> bytes:
    """The platform's file: every column, the personal ones too (the platform needs them; the file
    is staff-only)."""

    def rows(kind):
        for rec in records.filter(kind=kind).order_by("decided_on", "pk").iterator(chunk_size=2000):
            yield [cell(rec, c) for c in COLUMNS[kind]]

    sheets = {SHEET_TITLES[k]: ([c.header for c in COLUMNS[k]], rows(k)) for k in Kind.values}
    return _book(sheets)


def template_xlsx(kind: str) -> bytes:
    from .importing import import_columns

    return _book({SHEET_TITLES[kind]: ([c.header for c in import_columns(kind)], [])})


def public_csv(kind: str, records) -> bytes:
    columns = public_columns(kind)
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([c.header for c in columns])
    for rec in records.iterator(chunk_size=2000):
        writer.writerow([csv_safe(masked_value(rec, c)) for c in columns])
    return out.getvalue().encode("utf-8-sig")
