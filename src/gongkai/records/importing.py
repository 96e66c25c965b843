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
import hashlib
import io
import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from pathlib import PurePath

from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gongkai.events.services import record

from . import services
from .models import BatchStatus, Decision, FeeCollection, ImportBatch, YearlyTotal
from .rules import KIND_BY_ALIAS, KINDS
from .services import RecordsError

MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 20000
EXTENSIONS = (".csv", ".xlsx")


class ImportFileError(RecordsError):
    """The whole file is refused (unreadable, wrong type, wrong columns, too large)."""


class CellError(Exception):
    pass


# ---------------------------------------------------------------- cell parsers


def _blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def parse_text(max_length: int) -> Callable:
    def parse(value):
        text = (
            str(value).strip() if not isinstance(value, float) or not value.is_integer() else str(int(value))
        )
        if len(text) > max_length:
            raise CellError(_("超过%(n)s个字") % {"n": max_length})
        return text

    return parse


_DATE_PATTERNS = (
    re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$"),
    re.compile(r"^(\d{4})/(\d{1,2})/(\d{1,2})$"),
    re.compile(r"^(\d{4})\.(\d{1,2})\.(\d{1,2})$"),
    re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})日$"),
    re.compile(r"^(\d{4})(\d{2})(\d{2})$"),
)


def parse_date(value) -> str:
    if isinstance(value, datetime):
        day = value.date()
    elif isinstance(value, date):
        day = value
    else:
        text = str(value).strip()
        for pattern in _DATE_PATTERNS:
            m = pattern.match(text)
            if m:
                try:
                    day = date(int(m[1]), int(m[2]), int(m[3]))
                except ValueError:
                    raise CellError(_("“%(v)s”不是有效的日期") % {"v": text}) from None
                break
        else:
            raise CellError(_("“%(v)s”不是日期，应写作 2024-05-06") % {"v": text})
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
class Column:
    key: str
    label: str  # the header as it must appear in the file (not translated: the file's format)
    parse: Callable
    required: bool = True
    example: str = ""


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
                Column("kind", "类别", parse_kind, example="行政许可"),
                Column("number", "决定文号", parse_text(100), example="示市监许〔2024〕12号"),
                Column("decided_on", "决定日期", parse_date, example="2024-05-06"),
                Column(
                    "subject", "相对人名称", parse_text(200), required=False, example="示例县某某有限公司"
                ),
                Column("summary", "内容摘要", parse_text(500), required=False, example="食品经营许可"),
            ),
            ("kind", "number"),
            "决定文号",
        ),
        ImportSpec(
            "totals",
            gettext_lazy("年度处理决定数量"),
            (
                Column("year", "年度", parse_year, example="2024"),
                Column("kind", "类别", parse_kind, example="行政处罚"),
                Column("count", "处理决定数量", parse_count, example="120"),
                Column("source", "数据来源", parse_text(200), required=False, example="行政执法信息系统"),
            ),
            ("year", "kind"),
            "年度和类别",
        ),
        ImportSpec(
            "fees",
            gettext_lazy("行政事业性收费金额"),
            (
                Column("year", "年度", parse_year, example="2024"),
                Column("item", "收费项目", parse_text(200), example="不动产登记费"),
                Column("amount_yuan", "收费金额（元）", parse_amount, example="123456.00"),
                Column(
                    "basis", "收费依据", parse_text(300), required=False, example="发改价格规〔2016〕2559号"
                ),
            ),
            ("year", "item"),
            "年度和收费项目",
        ),
    )
}


def _norm_header(text) -> str:
    text = "" if text is None else str(text)
    text = text.replace("(", "（").replace(")", "）").replace("*", "").replace("＊", "")
    return re.sub(r"\s+", "", text)


# ---------------------------------------------------------------- reading files


def read_rows(name: str, content: bytes) -> list[list]:
    """Every row of the file's first sheet as a list of cell values (header first)."""
    if len(content) > MAX_BYTES:
        raise ImportFileError(_("文件超过 %(n)s MB。") % {"n": MAX_BYTES // (1024 * 1024)})
    suffix = PurePath(name).suffix.lower()
    if suffix == ".csv":
        for encoding in ("utf-8-sig", "gb18030"):
            try:
                text = content.decode(encoding)
                break
            except UnicodeDecodeError:
                continue
        else:
            raise ImportFileError(_("无法识别 CSV 文件的编码，请以 UTF-8 保存。"))
        return [list(row) for row in csv.reader(io.StringIO(text))]
    if suffix == ".xlsx":
        from openpyxl import load_workbook

        try:
            book = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
        except Exception:  # openpyxl raises many kinds for a damaged or disguised file
            raise ImportFileError(_("无法读取该 Excel 文件，请确认它是 .xlsx 格式且未损坏。")) from None
        try:
            sheet = book.worksheets[0]
            return [list(row) for row in sheet.iter_rows(values_only=True)]
        finally:
            book.close()
    if suffix == ".xls":
        raise ImportFileError(_("不支持旧版 .xls 文件，请另存为 .xlsx 或 .csv 后上传。"))
    raise ImportFileError(_("只能导入 .csv 或 .xlsx 文件。"))


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
    """Check the header, then every row; a wrong header raises ``ImportFileError``."""
    if not table or all(_blank(v) for v in table[0]):
        raise ImportFileError(
            _("文件是空的，或第一行不是列名。应为：%(h)s。") % {"h": "、".join(spec.headers)}
        )
    header = [_norm_header(v) for v in table[0]]
    while header and not header[-1]:
        header.pop()
    wanted = {_norm_header(c.label): c for c in spec.columns}
    missing = [c.label for c in spec.columns if _norm_header(c.label) not in header]
    unknown = [h for h in header if h and h not in wanted]
    repeated = sorted({h for h in header if h and header.count(h) > 1})
    if missing or unknown or repeated or "" in header:
        parts = []
        if missing:
            parts.append(_("缺少列：%(c)s") % {"c": "、".join(missing)})
        if unknown:
            parts.append(_("无法识别的列：%(c)s") % {"c": "、".join(unknown)})
        if repeated:
            parts.append(_("重复的列：%(c)s") % {"c": "、".join(repeated)})
        if "" in header:
            parts.append(_("有空白的列名"))
        raise ImportFileError(
            _("列名不符，整个文件未导入（%(p)s）。第一行应为：%(h)s。")
            % {"p": "；".join(parts), "h": "、".join(spec.headers)}
        )
    position = {h: i for i, h in enumerate(header)}
    body = [(n, row) for n, row in enumerate(table[1:], start=2) if not all(_blank(v) for v in row)]
    if len(body) > MAX_ROWS:
        raise ImportFileError(_("一次最多导入 %(n)s 行，请分成几个文件。") % {"n": MAX_ROWS})
    if not body:
        raise ImportFileError(_("文件中没有数据行。"))

    parsed: list[tuple[int, dict]] = []
    errors: list[dict] = []
    for n, row in body:
        values, bad = {}, False
        for column in spec.columns:
            i = position[_norm_header(column.label)]
            raw = row[i] if i < len(row) else None
            if _blank(raw):
                if column.required:
                    errors.append({"row": n, "column": column.label, "message": _("不能为空")})
                    bad = True
                values[column.key] = ""
                continue
            try:
                values[column.key] = column.parse(raw)
            except CellError as error:
                errors.append({"row": n, "column": column.label, "message": str(error)})
                bad = True
        if len(row) > len(header) and any(not _blank(v) for v in row[len(header) :]):
            errors.append({"row": n, "column": "", "message": _("有数据超出了列名范围")})
            bad = True
        if not bad:
            parsed.append((n, values))

    # duplicates within the file: every occurrence is refused (which one is right is not ours to guess)
    seen: dict[tuple, list[int]] = defaultdict(list)
    for n, values in parsed:
        seen[tuple(values[k] for k in spec.unique)].append(n)
    in_db = _existing_keys(spec, agency, [v for _n, v in parsed])
    valid = []
    for n, values in parsed:
        key = tuple(values[k] for k in spec.unique)
        if len(seen[key]) > 1:
            others = "、".join(str(m) for m in seen[key] if m != n)
            errors.append(
                {
                    "row": n,
                    "column": spec.unique_label,
                    "message": _("%(w)s在文件中重复（另见第%(o)s行）")
                    % {"w": _describe_key(spec, values), "o": others},
                }
            )
        elif _db_key(spec, values) in in_db:
            errors.append(
                {
                    "row": n,
                    "column": spec.unique_label,
                    "message": DB_CLASH[spec.key] % {"what": _describe_key(spec, values)},
                }
            )
        else:
            valid.append({"row": n, "values": values})
    errors.sort(key=lambda e: (e["row"], e["column"]))
    return Checked(rows_total=len(body), valid=valid, errors=errors)


def _db_key(spec: ImportSpec, values: dict) -> tuple:
    key = tuple(values[k] for k in spec.unique)
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
    batch = ImportBatch(
        agency=agency,
        kind=kind,
        file_name=PurePath(name or "").name[:255] or "upload",
        sha256=hashlib.sha256(content).hexdigest(),
        created_by=actor,
    )
    try:
        checked = check_rows(spec, agency, read_rows(name, content))
    except ImportFileError as error:
        batch.file_error = error.message[:500]
        batch.status = BatchStatus.DISCARDED
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
    batch = ImportBatch.objects.select_for_update().select_related("agency").get(pk=batch.pk)
    if batch.status != BatchStatus.PREVIEWED:
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
    batch.status = BatchStatus.IMPORTED
    batch.imported_rows = len(objects)
    batch.confirmed_at = timezone.now()
    batch.save(update_fields=["status", "imported_rows", "confirmed_at"])
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
    batch = ImportBatch.objects.select_for_update().get(pk=batch.pk)
    if batch.status != BatchStatus.PREVIEWED:
        raise RecordsError(_("该文件已导入或已放弃。"))
    batch.status = BatchStatus.DISCARDED
    batch.save(update_fields=["status"])
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
