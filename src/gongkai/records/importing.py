"""Importing decisions, yearly totals or fees from CSV or Excel in two steps.

1. ``preview``: read the file, check every row, keep the valid rows and every refused row with
   its reasons in an ``ImportBatch``. Nothing is imported.
2. ``confirm``: import the batch's valid rows in one transaction. A batch with refused rows is
   imported only when the user explicitly accepts importing the valid rows alone; rows that became
   duplicates since the preview refuse the whole confirmation (nothing is half-imported).

A file whose columns are wrong is refused as a whole (no row can be trusted).
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gongkai.events.services import record
from gongkai.spreadsheets import cells, columns
from gongkai.spreadsheets.cells import CellError, blank, parse_text
from gongkai.spreadsheets.columns import Column, problem
from gongkai.spreadsheets.reading import FileRefused, read_rows

from . import services
from .models import Decision, FeeCollection, ImportBatch, YearlyTotal
from .rules import KIND_BY_ALIAS, KINDS
from .services import RecordsError

MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 20000


# ---------------------------------------------------------------- cell parsers


def parse_date(value) -> str:
    day = cells.parse_date(value)
    try:
        services.check_date(day)
    except RecordsError as error:
        raise CellError(
            _("%(date)s：%(message)s") % {"date": day.isoformat(), "message": error.message}
        ) from None
    return day.isoformat()


def _number_text(value) -> str:
    return str(value).strip().replace(",", "").replace("，", "")


def parse_count(value) -> int:
    if isinstance(value, bool):
        raise CellError(_("应为整数"))
    if isinstance(value, int):
        number = value
    elif isinstance(value, float):
        if not value.is_integer():
            raise CellError(_("“%(v)s”不是整数") % {"v": value})
        number = int(value)
    else:
        text = _number_text(value).removesuffix("件")
        if not re.fullmatch(r"\d+", text):
            raise CellError(_("“%(v)s”不是整数") % {"v": str(value).strip()})
        number = int(text)
    if number < 0:
        raise CellError(_("不能为负数"))
    return number


def parse_year(value) -> int:
    year = parse_count(str(value).strip().removesuffix("年") if isinstance(value, str) else value)
    try:
        services.check_year(year)
    except RecordsError as error:
        raise CellError(error.message) from None
    return year


def parse_amount(value) -> str:
    if isinstance(value, bool):
        raise CellError(_("应为数字（单位：元）"))
    if isinstance(value, int | float):
        text = repr(value) if isinstance(value, float) else str(value)
    else:
        text = _number_text(value)
        if text.endswith("万元"):
            raise CellError(_("金额请以元为单位填写，不要填万元"))
        text = text.removesuffix("元")
    try:
        amount = Decimal(text)
    except InvalidOperation:
        raise CellError(_("“%(v)s”不是数字（单位：元）") % {"v": str(value).strip()}) from None
    try:
        return str(services.check_amount(amount))
    except RecordsError as error:
        raise CellError(error.message) from None


def parse_kind(value) -> str:
    text = str(value).strip()
    kind = KIND_BY_ALIAS.get(text)
    if kind is None:
        raise CellError(_("“%(v)s”不是行政许可、行政处罚或行政强制") % {"v": text})
    return kind.value


# ---------------------------------------------------------------- what each import looks like


@dataclass(frozen=True)
class ImportSpec:
    key: str
    label: str  # lazily translated, for the pages
    columns: tuple[Column, ...]
    unique: tuple[str, ...]  # keys identifying a row (within the file and against the database)
    unique_label: str  # names file columns, so not translated

    @property
    def headers(self) -> list[str]:
        return [c.label for c in self.columns]

    @property
    def file_title(self) -> str:
        """The label in the source language, for the blank template's file and sheet names (the
        template's headers are Chinese whatever the page's language)."""
        with translation.override(None):
            return str(self.label)


SPECS: dict[str, ImportSpec] = {
    s.key: s
    for s in (
        ImportSpec(
            "decisions",
            gettext_lazy("行政许可、行政处罚、行政强制决定"),
            (
                Column("kind", "类别", parse_kind, example="行政许可", required=True),
                Column("number", "决定文号", parse_text(100), example="示市监许〔2024〕12号", required=True),
                Column("decided_on", "决定日期", parse_date, example="2024-05-06", required=True),
                Column("subject", "相对人名称", parse_text(200), example="示例县某某有限公司"),
                Column("summary", "内容摘要", parse_text(500), example="食品经营许可"),
            ),
            ("kind", "number"),
            "决定文号",
        ),
        ImportSpec(
            "totals",
            gettext_lazy("年度处理决定数量"),
            (
                Column("year", "年度", parse_year, example="2024", required=True),
                Column("kind", "类别", parse_kind, example="行政处罚", required=True),
                Column("count", "处理决定数量", parse_count, example="120", required=True),
                Column("source", "数据来源", parse_text(200), example="行政执法信息系统"),
            ),
            ("year", "kind"),
            "年度和类别",
        ),
        ImportSpec(
            "fees",
            gettext_lazy("行政事业性收费金额"),
            (
                Column("year", "年度", parse_year, example="2024", required=True),
                Column("item", "收费项目", parse_text(200), example="不动产登记费", required=True),
                Column("amount_yuan", "收费金额（元）", parse_amount, example="123456.00", required=True),
                Column("basis", "收费依据", parse_text(300), example="发改价格规〔2016〕2559号"),
            ),
            ("year", "item"),
            "年度和收费项目",
        ),
    )
}


# ---------------------------------------------------------------- checking rows


@dataclass
class Checked:
    rows_total: int
    valid: list[dict]  # {"row": n, "values": {...}}
    errors: list[dict]  # {"row": n, "column": label, "message": text}


def _existing_keys(spec: ImportSpec, agency, rows: list[dict]) -> set[tuple]:
    if spec.key == "decisions":
        numbers = {r["number"] for r in rows}
        qs = Decision.objects.filter(agency=agency, number__in=numbers).values_list("kind", "number")
    elif spec.key == "totals":
        qs = YearlyTotal.objects.filter(agency=agency).values_list("year", "kind")
    else:
        qs = FeeCollection.objects.filter(agency=agency).values_list("year", "item")
    return set(qs)


def _describe_key(spec: ImportSpec, values: dict) -> str:
    if spec.key == "decisions":
        return _("%(kind)s决定文号“%(number)s”") % {
            "kind": KINDS[values["kind"]].label,
            "number": values["number"],
        }
    if spec.key == "totals":
        return _("%(year)s年%(kind)s") % {"year": values["year"], "kind": KINDS[values["kind"]].label}
    return _("%(year)s年收费项目“%(item)s”") % {"year": values["year"], "item": values["item"]}


DB_CLASH = {
    "decisions": gettext_lazy("本机构已有%(what)s，不能重复导入"),
    "totals": gettext_lazy("本机构已填报%(what)s的数量，请在“年度数量”页修改，不能重复导入"),
    "fees": gettext_lazy("本机构已有%(what)s，请在“收费金额”页修改，不能重复导入"),
}


def check_rows(spec: ImportSpec, agency, table: list[list]) -> Checked:
    """Check the header, then every row; a wrong header refuses the file (``FileRefused``)."""
    if not table or columns.blank_row(table[0]):
        raise FileRefused(_("文件是空的，或第一行不是列名。应为：%(h)s。") % {"h": "、".join(spec.headers)})
    header = columns.read_header(table[0], columns.header_index(spec.columns))
    names = header.names
    missing = [c.label for c in header.missing(spec.columns)]
    repeated = sorted({h for h in names if h and names.count(h) > 1})
    if missing or header.unknown or repeated or "" in names:
        parts = []
        if missing:
            parts.append(_("缺少列：%(c)s") % {"c": "、".join(missing)})
        if header.unknown:
            parts.append(_("无法识别的列：%(c)s") % {"c": "、".join(header.unknown)})
        if repeated:
            parts.append(_("重复的列：%(c)s") % {"c": "、".join(repeated)})
        if "" in names:
            parts.append(_("有空白的列名"))
        raise FileRefused(
            _("列名不符，整个文件未导入（%(p)s）。第一行应为：%(h)s。")
            % {"p": "；".join(parts), "h": "、".join(spec.headers)}
        )
    body = columns.data_rows(table, 0, MAX_ROWS)

    parsed: list[tuple[int, dict]] = []
    errors: list[dict] = []
    for n, row in body:
        values, accepted = columns.parse_row(n, row, spec.columns, header.positions, errors)
        if any(not blank(v) for v in row[len(names) :]):
            errors.append(problem(n, "", _("有数据超出了列名范围")))
            accepted = False
        if accepted:
            parsed.append((n, values))

    repeated_in_file = columns.repeats((n, _file_key(spec, values)) for n, values in parsed)
    in_db = _existing_keys(spec, agency, [v for _n, v in parsed])
    valid = []
    for n, values in parsed:
        if n in repeated_in_file:
            message = _("%(w)s在文件中重复（另见第%(o)s行）") % {
                "w": _describe_key(spec, values),
                "o": repeated_in_file[n],
            }
            errors.append(problem(n, spec.unique_label, message))
        elif _db_key(spec, values) in in_db:
            message = DB_CLASH[spec.key] % {"what": _describe_key(spec, values)}
            errors.append(problem(n, spec.unique_label, message))
        else:
            valid.append({"row": n, "values": values})
    return Checked(rows_total=len(body), valid=valid, errors=columns.sort_problems(errors))


def _file_key(spec: ImportSpec, values: dict) -> tuple:
    return tuple(values[k] for k in spec.unique)


def _db_key(spec: ImportSpec, values: dict) -> tuple:
    key = _file_key(spec, values)
    return (int(key[0]), *key[1:]) if spec.key in ("totals", "fees") else key


# ---------------------------------------------------------------- the two steps


@transaction.atomic
def preview(actor, agency, kind: str, name: str, content: bytes) -> ImportBatch:
    """Check the file and keep the result; nothing is imported. A wholly refused file is kept too,
    with ``file_error`` set, so the page can show why."""
    services.require_write(actor, agency)
    if kind not in SPECS:
        raise RecordsError(_("请选择导入内容。"), "kind")
    spec = SPECS[kind]
    batch = ImportBatch.for_upload(agency, actor, name, content, kind=kind)
    try:
        checked = check_rows(spec, agency, read_rows(name, content, MAX_BYTES))
    except FileRefused as error:
        batch.refuse(error.message)
    else:
        batch.rows_total, batch.valid_rows, batch.errors = checked.rows_total, checked.valid, checked.errors
    batch.save()
    record(
        actor,
        "records.import.preview",
        batch,
        after={
            "file": batch.file_name,
            "kind": kind,
            "rows": batch.rows_total,
            "valid": len(batch.valid_rows),
            "refused_rows": len(batch.error_rows),
            "file_error": batch.file_error,
        },
    )
    return batch


def _build(spec: ImportSpec, agency, actor, batch: ImportBatch, values: dict):
    if spec.key == "decisions":
        return Decision(
            agency=agency,
            batch=batch,
            created_by=actor,
            kind=values["kind"],
            number=values["number"],
            decided_on=date.fromisoformat(values["decided_on"]),
            subject=values["subject"],
            summary=values["summary"],
        )
    if spec.key == "totals":
        return YearlyTotal(
            agency=agency,
            year=int(values["year"]),
            kind=values["kind"],
            count=int(values["count"]),
            source=values["source"],
        )
    return FeeCollection(
        agency=agency,
        year=int(values["year"]),
        item=values["item"],
        basis=values["basis"],
        amount_yuan=Decimal(values["amount_yuan"]),
    )


@transaction.atomic
def confirm(actor, batch: ImportBatch, accept_valid_rows: bool = False) -> int:
    """Import the batch's valid rows, all or none. Returns how many were imported."""
    services.require_write(actor, batch.agency)
    batch = ImportBatch.lock(batch.pk)
    if not batch.is_open:
        raise RecordsError(_("该文件已导入或已放弃，不能再次导入。"))
    if not batch.valid_rows:
        raise RecordsError(_("文件中没有可以导入的行。"))
    if batch.errors and not accept_valid_rows:
        raise RecordsError(
            _("文件中有%(n)s行有错误。请修改文件后重新上传，或确认只导入其余%(v)s行有效数据。")
            % {"n": len(batch.error_rows), "v": len(batch.valid_rows)},
            "accept",
        )
    spec = SPECS[batch.kind]
    values = [r["values"] for r in batch.valid_rows]
    # Someone may have entered the same records since the preview: refuse everything, name the rows.
    in_db = _existing_keys(spec, batch.agency, values)
    clashes = [r for r in batch.valid_rows if _db_key(spec, r["values"]) in in_db]
    if clashes:
        rows = "、".join(str(r["row"]) for r in clashes[:20])
        raise RecordsError(
            _("预览之后本机构又录入了相同的记录（第%(r)s行），本次未导入任何数据，请重新上传文件。")
            % {"r": rows}
        )
    objects = [_build(spec, batch.agency, actor, batch, v) for v in values]
    type(objects[0]).objects.bulk_create(objects, batch_size=1000)
    batch.mark_imported(len(objects))
    record(
        actor,
        "records.import.confirm",
        batch,
        after={"kind": batch.kind, "imported": len(objects), "rows": [r["row"] for r in batch.valid_rows]},
        note=_("只导入有效行，%(n)s行有错误未导入") % {"n": len(batch.error_rows)} if batch.errors else "",
    )
    return len(objects)


@transaction.atomic
def discard(actor, batch: ImportBatch) -> None:
    services.require_write(actor, batch.agency)
    batch = ImportBatch.lock(batch.pk)
    if not batch.is_open:
        raise RecordsError(_("该文件已导入或已放弃。"))
    batch.mark_discarded()
    record(actor, "records.import.discard", batch, after={"file": batch.file_name})


# ---------------------------------------------------------------- blank templates


def template_csv(kind: str) -> bytes:
    spec = SPECS[kind]
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(spec.headers)  # no example row: a forgotten example would be imported
    return out.getvalue().encode("utf-8-sig")  # with BOM so that Excel opens it as UTF-8


def template_xlsx(kind: str) -> bytes:
    from openpyxl import Workbook

    spec = SPECS[kind]
    book = Workbook()
    sheet = book.active
    sheet.title = spec.file_title[:31]
    sheet.append(spec.headers)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
