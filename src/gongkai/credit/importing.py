"""Importing 双公示 records from the platform's spreadsheet layout (xlsx or csv), in two steps.

1. ``preview``: read the file row by row, check every row (H findings refuse it, W findings are
   shown), keep the counts, the first rows and the findings. Nothing is imported.
2. ``confirm``: only a file without refused rows; it is read and checked again and imported in one
   transaction, in chunks, so that 100,000 rows never sit in memory at once. Anything that became
   wrong since the preview (a record entered meanwhile) refuses the whole file.

Headers are matched by name: the platform's column name, a common variant, or the XK_/CF_ code.
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
from collections.abc import Iterator
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from pathlib import PurePath

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.events.services import record
from gongkai.workdays.services import db_calendar

from . import rules
from .models import CreditImport, CreditRecord, ImportStatus, PublicityState
from .rules import COLUMNS, PUBLISHED_COLUMN, Column, Kind
from .services import CreditError, due_date, fill_dates, require_write

EXTENSIONS = (".csv", ".xlsx")
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


class FileRefused(CreditError):
    pass


class CellError(Exception):
    pass


# ---------------------------------------------------------------- cells


def _blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _text(value) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


_DATE = re.compile(r"^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$|^(\d{4})(\d{2})(\d{2})$")


def parse_date(value) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = _text(value)
    m = _DATE.match(text)
    if not m:
        raise CellError(_("“%(v)s”不是日期，应写作 2024-05-06") % {"v": text})
    y, mo, d = (int(g) for g in (m.groups()[:3] if m[1] else m.groups()[3:]))
    try:
        return date(y, mo, d)
    except ValueError:
        raise CellError(_("“%(v)s”不是有效的日期") % {"v": text}) from None


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


def _parse(column: Column, raw):
    if column.day:
        if column.key == "valid_to" and _text(raw) == rules.LONG_TERM:
            return None
        return parse_date(raw)
    if column.money:
        return parse_amount(raw)
    text = _text(raw)
    if column.key in rules.CODE_FIELDS:
        text = text.upper()
    return text


# ---------------------------------------------------------------- files


def read_rows(name: str, content: bytes) -> Iterator[tuple]:
    """The first sheet's rows, header first, one at a time."""
    if len(content) > max_bytes():
        raise FileRefused(_("文件超过 %(n)s MB，请分成几个文件。") % {"n": max_bytes() // (1024 * 1024)})
    suffix = PurePath(name).suffix.lower()
    if suffix == ".csv":
        for encoding in ("utf-8-sig", "gb18030"):
            try:
                text = content.decode(encoding)
                break
            except UnicodeDecodeError:
                continue
        else:
            raise FileRefused(_("无法识别 CSV 文件的编码，请以 UTF-8 保存。"))
        return (tuple(row) for row in csv.reader(io.StringIO(text)))
    if suffix == ".xlsx":
        from openpyxl import load_workbook

        try:
            book = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
        except Exception:  # openpyxl raises many kinds for a damaged or disguised file
            raise FileRefused(_("无法读取该 Excel 文件，请确认它是 .xlsx 格式且未损坏。")) from None

        def rows():
            try:
                yield from book.worksheets[0].iter_rows(values_only=True)
            finally:
                book.close()

        return rows()
    if suffix == ".xls":
        raise FileRefused(_("不支持旧版 .xls 文件，请另存为 .xlsx 或 .csv 后上传。"))
    raise FileRefused(_("只能导入 .csv 或 .xlsx 文件。"))


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
    """Checks rows one by one; ``build`` gives the valid row's unsaved record."""

    def __init__(self, kind: str, agency, today: date):
        self.kind, self.agency, self.today = kind, agency, today
        self.calendar = db_calendar()
        self.columns = import_columns(kind)
        self.labels = {c.key: c.header for c in self.columns}
        self.existing = set(
            CreditRecord.objects.filter(agency=agency, kind=kind).values_list("doc_no", flat=True)
        )
        self.seen: dict[str, int] = {}
        self.rows = self.error_count = self.warning_count = 0
        self.errors: list[dict] = []
        self.warnings: list[dict] = []

    def _note(self, hard: bool, row: int, key: str, message: str) -> None:
        bucket = self.errors if hard else self.warnings
        if hard:
            self.error_count += 1
        else:
            self.warning_count += 1
        if len(bucket) < KEPT_FINDINGS:
            bucket.append({"row": row, "column": self.labels.get(key, ""), "message": message})

    def row(self, n: int, cells: tuple, position: dict[str, int]) -> dict | None:
        """The row's values when it has no H finding, else None (its findings noted)."""
        self.rows += 1
        values: dict = {}
        bad = False
        for column in self.columns:
            i = position.get(column.key)
            raw = cells[i] if i is not None and i < len(cells) else None
            if _blank(raw):
                values[column.key] = None if column.day or column.money else ""
                continue
            try:
                values[column.key] = _parse(column, raw)
            except CellError as error:
                self._note(True, n, column.key, str(error))
                bad = True
            if column.key == "valid_to" and values.get("valid_to") is None and not bad:
                values["long_term"] = True
        findings = rules.validate(self.kind, values, self.today)
        if isinstance(values.get("decided_on"), date):
            due = due_date(values["decided_on"], self.calendar)
            findings.append(rules.lateness(due, values.get("published_on"), self.today))
        for finding in filter(None, findings):
            self._note(finding.hard, n, finding.field, finding.message)
            bad = bad or finding.hard
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
        return None if bad else values

    def build(self, n: int, values: dict, source: CreditImport) -> CreditRecord:
        fields = {k: v for k, v in values.items() if k != "long_term"}
        rec = CreditRecord(
            agency=self.agency,
            kind=self.kind,
            imported_from=source,
            long_term=bool(values.get("long_term")),
            state=PublicityState.ACTIVE if values.get("published_on") else PublicityState.PENDING,
            **fields,
        )
        fill_dates(rec, self.calendar, self.today)
        for finding in rules.validate(self.kind, values, self.today):
            if not finding.hard:
                rec.warnings.append({"field": finding.field, "message": finding.message})
        return rec


def _body(kind: str, name: str, content: bytes) -> tuple[dict[str, int], Iterator[tuple[int, tuple]]]:
    rows = read_rows(name, content)
    header = next(rows, None)
    if header is None or all(_blank(v) for v in header):
        raise FileRefused(_("文件是空的，或第一行不是列名。"))
    position = map_header(kind, header)
    body = ((n, cells) for n, cells in enumerate(rows, start=2) if not all(_blank(v) for v in cells))
    return position, body


def _check_all(check: Check, position, body, on_valid=None) -> None:
    for n, cells in body:
        if check.rows >= max_rows():
            raise FileRefused(_("一次最多导入 %(n)s 行，请分成几个文件。") % {"n": max_rows()})
        values = check.row(n, cells, position)
        if values is not None and on_valid is not None:
            on_valid(n, values)
    if not check.rows:
        raise FileRefused(_("文件中没有数据行。"))


# ---------------------------------------------------------------- the two steps


@transaction.atomic
def preview(actor, agency, kind: str, name: str, content: bytes) -> CreditImport:
    require_write(actor, agency)
    if kind not in Kind.values:
        raise CreditError(_("请选择导入的类型。"), "kind")
    source = CreditImport(
        agency=agency,
        kind=kind,
        file_name=PurePath(name or "").name[:255] or "upload",
        sha256=hashlib.sha256(content).hexdigest(),
        created_by=actor,
        content=b"",
    )
    check = Check(kind, agency, timezone.localdate())
    sample: list[dict] = []

    def keep(n, values):
        if len(sample) < SAMPLE_ROWS:
            sample.append({"row": n, "cells": [_shown(values.get(c.key)) for c in check.columns]})

    try:
        position, body = _body(kind, name, content)
        _check_all(check, position, body, keep)
    except FileRefused as error:
        source.file_error, source.status = error.message[:500], ImportStatus.DISCARDED
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
    source = CreditImport.objects.select_for_update().select_related("agency").get(pk=source.pk)
    if source.status != ImportStatus.PREVIEWED:
        raise CreditError(_("该文件已导入或已放弃，不能再次导入。"))
    if source.error_count:
        raise CreditError(
            _("文件中有%(n)s处错误，整个文件未导入。请修改文件后重新上传。") % {"n": source.error_count}
        )
    check = Check(source.kind, source.agency, timezone.localdate())
    chunk: list[CreditRecord] = []
    imported = 0

    def add(n, values):
        nonlocal imported
        chunk.append(check.build(n, values, source))
        if len(chunk) >= CHUNK:
            imported += len(CreditRecord.objects.bulk_create(chunk))
            chunk.clear()

    position, body = _body(source.kind, source.file_name, bytes(source.content))
    _check_all(check, position, body, add)
    if check.error_count:
        raise CreditError(
            _(
                "预览之后情况有变（例如又录入了相同文书号的记录），出现%(n)s处错误，本次未导入任何数据，请重新上传。"
            )
            % {"n": check.error_count}
        )
    imported += len(CreditRecord.objects.bulk_create(chunk))
    source.status, source.imported_rows, source.confirmed_at = ImportStatus.IMPORTED, imported, timezone.now()
    source.content = b""  # imported: the records hold it now
    source.save(update_fields=["status", "imported_rows", "confirmed_at", "content"])
    record(actor, "credit.import.confirm", source, after={"kind": source.kind, "imported": imported})
    return imported


@transaction.atomic
def discard(actor, source: CreditImport) -> None:
    require_write(actor, source.agency)
    source = CreditImport.objects.select_for_update().get(pk=source.pk)
    if source.status != ImportStatus.PREVIEWED:
        raise CreditError(_("该文件已导入或已放弃。"))
    source.status, source.content = ImportStatus.DISCARDED, b""
    source.save(update_fields=["status", "content"])
    record(actor, "credit.import.discard", source, after={"file": source.file_name})
