"""Importing 双公示 records from the platform's spreadsheet layout (xlsx or csv), in two steps.

1. ``preview``: read the file row by row, check every row (H findings refuse it, W findings are
   shown), keep the counts, the first rows and the findings. Nothing is imported.
2. ``confirm``: only a file without refused rows; it is read and checked again and imported in one
   transaction, in chunks, so that 100,000 rows never sit in memory at once. Anything that became
   wrong since the preview (a record entered meanwhile) refuses the whole file.

Headers are matched by name: the platform's column name, a common variant, or the XK_/CF_ code.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from datetime import date
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.events.services import record
from gongkai.spreadsheets.cells import CellError
from gongkai.spreadsheets.cells import blank as _blank
from gongkai.spreadsheets.cells import parse_date as read_date
from gongkai.spreadsheets.cells import text as _text
from gongkai.spreadsheets.reading import FileRefused, iter_rows, unreadable_workbook_message

from . import rules
from .models import CreditImport, CreditRecord, PublicityState
from .rules import COLUMNS, PUBLISHED_COLUMN, Column, Kind
from .services import CreditError, DueDates, fill_dates, require_write

KEPT_FINDINGS = 500  # findings kept for the page; the counts say how many there were
SAMPLE_ROWS = 20
CHUNK = 2000


def max_bytes() -> int:
    return int(getattr(settings, "GONGKAI_CREDIT_IMPORT_MAX_MB", 30)) * 1024 * 1024


def max_rows() -> int:
    return int(getattr(settings, "GONGKAI_CREDIT_IMPORT_MAX_ROWS", 200_000))


def import_columns(kind: str) -> tuple[Column, ...]:
    """The platform's columns (公示截止期 is ours to compute, never read) and the 公示日期."""
    return (*(c for c in COLUMNS[kind] if c.key != "publicity_end"), PUBLISHED_COLUMN)


# ---------------------------------------------------------------- cells


def parse_date(value) -> date:
    return _date_of(value) if isinstance(value, str) else read_date(value)


@lru_cache(maxsize=4096)  # a file repeats its dates: a few hundred distinct in 100,000 rows
def _date_of(text: str) -> date:
    return read_date(text)


def parse_amount(value) -> Decimal:
    if isinstance(value, bool):
        raise CellError(_("应为数字（单位：万元）"))
    text = repr(value) if isinstance(value, float) else _text(value).replace(",", "")
    if text.endswith("元") and not text.endswith("万元"):
        raise CellError(_("金额以万元为单位填写，不要填元"))
    try:
        amount = Decimal(text.removesuffix("万元"))
    except InvalidOperation:
        raise CellError(_("“%(v)s”不是数字（单位：万元）") % {"v": _text(value)}) from None
    if amount != amount.quantize(Decimal("0.000001")):
        raise CellError(_("金额最多保留6位小数"))
    if abs(amount) >= Decimal("1e12"):
        raise CellError(_("金额过大"))
    return amount


def _valid_to(raw) -> date | None:
    return None if _text(raw) == rules.LONG_TERM else parse_date(raw)


def _code(raw) -> str:
    return _text(raw).upper()


def _parser(column: Column):
    """The function that turns a (non-blank) cell of this column into its value."""
    if column.key == "valid_to":
        return _valid_to
    if column.day:
        return parse_date
    if column.money:
        return parse_amount
    return _code if column.key in rules.CODE_FIELDS else _text


# ---------------------------------------------------------------- files


def read_rows(name: str, content: bytes) -> Iterator:
    """The first sheet's rows, header first, one at a time."""
    mb = max_bytes() // (1024 * 1024)
    return iter_rows(
        name, content, max_bytes(), _("文件超过 %(n)s MB，请分成几个文件。") % {"n": mb}, _xlsx_rows
    )


def _xlsx_rows(content: bytes) -> Iterator[tuple]:
    """The first sheet's rows through calamine (a Rust reader, ~10× openpyxl: 100,000 rows are
    read in seconds). Dates come as dates, empty cells as ""."""
    from python_calamine import CalamineWorkbook

    try:
        sheet = CalamineWorkbook.from_filelike(io.BytesIO(content)).get_sheet_by_index(0)
    except Exception:  # calamine raises several kinds for a damaged or disguised file
        raise FileRefused(unreadable_workbook_message()) from None
    # calamine starts at the first used row: give back the empty rows above it, so that row
    # numbers stay the sheet's own (and a header below row 1 is refused, as with any reader)
    first_row = (sheet.start or (0, 0))[0]
    yield from (() for _ in range(first_row))
    yield from (tuple(row) for row in sheet.iter_rows())


def _norm(text) -> str:
    text = "" if text is None else str(text)
    text = text.replace("(", "（").replace(")", "）").replace("*", "").replace("＊", "")
    return re.sub(r"\s+", "", text).upper()


def map_header(kind: str, header: tuple) -> dict[str, int]:
    """Column key → position, by name, variant or code; a wrong header refuses the file."""
    columns = import_columns(kind)
    names = {}
    for column in columns:
        for name in (column.header, column.code, *column.aliases):
            names[_norm(name)] = column
    position: dict[str, int] = {}
    unknown, repeated = [], []
    for i, cell in enumerate(header):
        if _blank(cell):
            continue
        column = names.get(_norm(cell))
        if column is None:
            unknown.append(str(cell).strip())
        elif column.key in position:
            repeated.append(str(cell).strip())
        else:
            position[column.key] = i
    missing = [c.header for c in columns if c.required and c.key not in position]
    if missing or unknown or repeated:
        parts = []
        if missing:
            parts.append(_("缺少列：%(c)s") % {"c": "、".join(missing)})
        if unknown:
            parts.append(_("无法识别的列：%(c)s") % {"c": "、".join(unknown)})
        if repeated:
            parts.append(_("重复的列：%(c)s") % {"c": "、".join(repeated)})
        raise FileRefused(
            _("列名不符，整个文件未导入（%(p)s）。%(k)s文件的第一行应为：%(h)s。")
            % {
                "p": "；".join(parts),
                "k": Kind(kind).label,
                "h": "、".join(c.header for c in columns),
            }
        )
    return position


# ---------------------------------------------------------------- checking


class Check:
    """Checks rows one by one in plain Python: the columns' parsers are chosen once per file, the
    due dates counted once per decision date, the file's and the agency's 文书号 held in sets (no
    query per row). ``build`` gives a valid row's unsaved record."""

    def __init__(self, kind: str, agency, today: date, existing: set[str] | None = None):
        """``existing``: the agency's 文书号 a row may not take (default: all of this kind)."""
        self.kind, self.agency, self.today = kind, agency, today
        self.due = DueDates()
        self.columns = import_columns(kind)
        self.labels = {c.key: c.header for c in self.columns}
        if existing is None:
            existing = set(
                CreditRecord.objects.filter(agency=agency, kind=kind).values_list("doc_no", flat=True)
            )
        self.existing = existing
        self.seen: dict[str, int] = {}
        self.rows = self.error_count = self.warning_count = 0
        self.errors: list[dict] = []
        self.warnings: list[dict] = []
        self.plan: tuple = ()

    def read_by(self, position: dict[str, int]) -> None:
        """(key, cell position, parser, value when blank) for each column of this file."""
        self.plan = tuple(
            (c.key, position.get(c.key), _parser(c), None if c.day or c.money else "") for c in self.columns
        )

    def _note(self, hard: bool, row: int, key: str, message: str) -> None:
        bucket = self.errors if hard else self.warnings
        if hard:
            self.error_count += 1
        else:
            self.warning_count += 1
        if len(bucket) < KEPT_FINDINGS:
            bucket.append({"row": row, "column": self.labels.get(key, ""), "field": key, "message": message})

    def row(self, n: int, cells: tuple) -> tuple[dict, list] | None:
        """The row's values and W findings when it has no H finding, else None (findings noted)."""
        self.rows += 1
        values: dict = {}
        bad = False
        width = len(cells)
        for key, i, parse, blank in self.plan:
            raw = cells[i] if i is not None and i < width else None
            if _blank(raw):
                values[key] = blank
                continue
            try:
                value = values[key] = parse(raw)
            except CellError as error:
                self._note(True, n, key, str(error))
                bad = True
                values[key] = _text(raw)  # not blank: no second finding (必填) for the same cell
                continue
            if value is None:  # 有效期至 written as 长期
                values["long_term"] = True
        findings = rules.validate(self.kind, values, self.today)
        decided = values.get("decided_on")
        if decided.__class__ is date:
            findings.append(rules.lateness(self.due(decided), values.get("published_on"), self.today))
        warnings = []
        for finding in findings:
            if finding is None:
                continue
            self._note(finding.hard, n, finding.field, finding.message)
            if finding.hard:
                bad = True
            elif finding.field != "published_on":  # lateness: counted again by fill_dates
                warnings.append({"field": finding.field, "message": finding.message})
        doc_no = values.get("doc_no")
        if doc_no:
            if doc_no in self.seen:
                self._note(
                    True,
                    n,
                    "doc_no",
                    _("文书号“%(v)s”在文件中重复（另见第%(o)s行）") % {"v": doc_no, "o": self.seen[doc_no]},
                )
                bad = True
            elif doc_no in self.existing:
                self._note(
                    True, n, "doc_no", _("本机构已有文书号为“%(v)s”的记录，不能重复导入") % {"v": doc_no}
                )
                bad = True
            else:
                self.seen[doc_no] = n
        return None if bad else (values, warnings)

    def build(self, values: dict, warnings: list, source: CreditImport) -> CreditRecord:
        long_term = values.pop("long_term", False)
        rec = CreditRecord(
            agency=self.agency,
            kind=self.kind,
            imported_from=source,
            long_term=long_term,
            state=PublicityState.ACTIVE if values.get("published_on") else PublicityState.PENDING,
            warnings=warnings,
            **values,
        )
        return fill_dates(rec, self.today, self.due(rec.decided_on))


def _body(kind: str, name: str, content: bytes) -> tuple[dict[str, int], Iterator[tuple[int, tuple]]]:
    rows = read_rows(name, content)
    header = next(rows, None)
    if header is None or all(_blank(v) for v in header):
        raise FileRefused(_("文件是空的，或第一行不是列名。"))
    position = map_header(kind, header)
    body = ((n, cells) for n, cells in enumerate(rows, start=2) if not all(_blank(v) for v in cells))
    return position, body


def _check_all(check: Check, position, body, on_valid=None) -> None:
    check.read_by(position)
    limit = max_rows()
    for n, cells in body:
        if check.rows >= limit:
            raise FileRefused(_("一次最多导入 %(n)s 行，请分成几个文件。") % {"n": limit})
        valid = check.row(n, cells)
        if valid is not None and on_valid is not None:
            on_valid(n, *valid)
    if not check.rows:
        raise FileRefused(_("文件中没有数据行。"))


# ---------------------------------------------------------------- the two steps


@transaction.atomic
def preview(actor, agency, kind: str, name: str, content: bytes) -> CreditImport:
    require_write(actor, agency)
    if kind not in Kind.values:
        raise CreditError(_("请选择导入的类型。"), "kind")
    source = CreditImport.for_upload(agency, actor, name, content, kind=kind, content=b"")
    check = Check(kind, agency, timezone.localdate())
    sample: list[dict] = []

    def keep(n, values, _warnings):
        if len(sample) < SAMPLE_ROWS:
            sample.append({"row": n, "cells": [_shown(values.get(c.key)) for c in check.columns]})

    try:
        position, body = _body(kind, name, content)
        _check_all(check, position, body, keep)
    except FileRefused as error:
        source.refuse(error.message)
    else:
        source.content = content
        source.rows_total, source.sample = check.rows, sample
        source.errors, source.warnings = check.errors, check.warnings
        source.error_count, source.warning_count = check.error_count, check.warning_count
    source.save()
    record(
        actor,
        "credit.import.preview",
        source,
        after={
            "file": source.file_name,
            "kind": kind,
            "rows": source.rows_total,
            "errors": source.error_count,
        },
    )
    return source


def _shown(value) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return f"{value:f}"
    return str(value)


@transaction.atomic
def confirm(actor, source: CreditImport) -> int:
    """Import every row, or none. Returns how many."""
    require_write(actor, source.agency)
    source = CreditImport.lock(source.pk)
    if not source.is_open:
        raise CreditError(_("该文件已导入或已放弃，不能再次导入。"))
    if source.error_count:
        raise CreditError(
            _("文件中有%(n)s处错误，整个文件未导入。请修改文件后重新上传。") % {"n": source.error_count}
        )
    check = Check(source.kind, source.agency, timezone.localdate())
    chunk: list[CreditRecord] = []
    imported = 0

    def add(_n, values, warnings):
        nonlocal imported
        chunk.append(check.build(values, warnings, source))
        if len(chunk) >= CHUNK:
            imported += len(CreditRecord.objects.bulk_create(chunk))
            chunk.clear()

    try:
        position, body = _body(source.kind, source.file_name, bytes(source.content))
        _check_all(check, position, body, add)
    except FileRefused as error:  # read as at the preview; a changed setting (size, rows) may refuse it now
        raise CreditError(error.message) from None
    if check.error_count:
        raise CreditError(
            _(
                "预览之后情况有变（例如又录入了相同文书号的记录），出现%(n)s处错误，本次未导入任何数据，请重新上传。"
            )
            % {"n": check.error_count}
        )
    imported += len(CreditRecord.objects.bulk_create(chunk))
    source.content = b""  # imported: the records hold it now
    source.mark_imported(imported, "content")
    record(actor, "credit.import.confirm", source, after={"kind": source.kind, "imported": imported})
    return imported


@transaction.atomic
def discard(actor, source: CreditImport) -> None:
    require_write(actor, source.agency)
    source = CreditImport.lock(source.pk)
    if not source.is_open:
        raise CreditError(_("该文件已导入或已放弃。"))
    source.content = b""
    source.mark_discarded("content")
    record(actor, "credit.import.discard", source, after={"file": source.file_name})
