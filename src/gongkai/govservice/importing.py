"""Importing an agency's 实施清单 from the spreadsheet a provincial platform exports (xlsx or csv).

1. ``preview``: read the file, find the header row (exports often start with a title row), map
   the columns by their names (with the variants provinces use), check every row and compare it
   with the registry: a new 实施编码 is a new item, a known one with other values is a new version
   of it, an identical one is left alone. Nothing is imported.
2. ``confirm``: all or nothing, in one transaction. A file with any refused row cannot be
   confirmed (correct it and upload again), nor one whose items changed in the registry since the
   preview.
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
from pathlib import PurePath

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gongkai.events.services import record

from . import codes
from .errors import GovServiceError
from .models import BatchStatus, ImportBatch, Material, ServiceItem
from .services import require_write

MAX_ROWS = 50_000
HEADER_SEARCH_ROWS = 5  # the header may follow a few title rows


def max_bytes() -> int:
    return getattr(settings, "GONGKAI_GOVSERVICE_MAX_UPLOAD", 20 * 1024 * 1024)


class ImportFileError(GovServiceError):
    """The whole file is refused."""


class CellError(Exception):
    pass


# ---------------------------------------------------------------- cell parsers


def _blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _text(value) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def parse_text(max_length: int) -> Callable:
    def parse(value):
        text = _text(value)
        if len(text) > max_length:
            raise CellError(_("超过%(n)s个字") % {"n": max_length})
        return text

    return parse


def parse_code(value) -> str:
    text = _text(value)
    if len(text) > 64:
        raise CellError(_("编码超过64个字符"))
    if re.search(r"[\s/\\?#]", text):
        raise CellError(_("编码“%(v)s”中不能有空格、斜杠、问号或#号") % {"v": text})
    return text


def _lookup(table: dict, aliases: dict, value, what: str):
    text = re.sub(r"\s+", "", _text(value))
    by_label = {label: code for code, label in table.items()}
    for key in (text, text.zfill(2) if text.isdigit() else text):
        if key in table:
            return key
    found = by_label.get(text, aliases.get(text))
    if found is None:
        raise CellError(_("“%(v)s”不是有效的%(what)s") % {"v": text, "what": what})
    return found


# the names for the messages, translated only when a cell is refused
_ITEM_TYPE, _USE_LEVEL, _PROJECT_TYPE, _FORM = (
    gettext_lazy("事项类型"),
    gettext_lazy("行使层级"),
    gettext_lazy("办件类型"),
    gettext_lazy("办理形式"),
)


def parse_item_type(value) -> str:
    return _lookup(codes.ITEM_TYPES, codes.ITEM_TYPE_ALIASES, value, _ITEM_TYPE)


def parse_use_level(value) -> str:
    return _lookup(codes.USE_LEVELS, codes.USE_LEVEL_ALIASES, value, _USE_LEVEL)


def parse_project_type(value) -> str:
    return _lookup(codes.PROJECT_TYPES, {"即办": "1", "承诺": "2"}, value, _PROJECT_TYPE)


def parse_status(value) -> str:
    text = _text(value)
    if text not in codes.STATUS_WORDS:
        raise CellError(_("“%(v)s”不是有效的事项状态，应为在用、暂停或取消") % {"v": text})
    return codes.STATUS_WORDS[text]


def parse_uscc(value) -> str:
    text = _text(value).upper()
    if not re.fullmatch(r"[0-9A-HJ-NPQRTUWXY]{18}", text):
        raise CellError(_("“%(v)s”不是18位统一社会信用代码") % {"v": text})
    return text


def parse_depth(value) -> int:
    text = re.sub(r"\s+", "", _text(value))
    by_label = {label: level for level, label in codes.DEPTHS.items()}
    for token in [text, *re.split(r"[（()）、,，]", text)]:
        level = by_label.get(token, codes.DEPTH_ALIASES.get(token))
        if level is not None:
            return level
    raise CellError(
        _("“%(v)s”不是可识别的办理深度（事项公开、在线预审、在线申办、全程网办或一级至四级）") % {"v": text}
    )


def parse_count(value) -> int:
    if isinstance(value, bool):
        raise CellError(_("应为整数"))
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = _text(value).removesuffix("次")
    if not re.fullmatch(r"\d{1,3}", text):
        raise CellError(_("“%(v)s”不是不小于0的整数") % {"v": _text(value)})
    return int(text)


_TRUE, _FALSE = {"是", "1", "Y", "y", "√", "有", "收费"}, {"否", "0", "N", "n", "×", "无", "不收费"}


def parse_bool(value) -> bool:
    text = _text(value)
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise CellError(_("“%(v)s”应填“是”或“否”") % {"v": text})


def parse_url(value) -> str:
    text = _text(value)
    if not re.fullmatch(r"https?://[^\s<>\"]+", text):
        raise CellError(_("“%(v)s”不是以 http:// 或 https:// 开头的网址") % {"v": text[:80]})
    if len(text) > 500:
        raise CellError(_("网址超过500个字符"))
    return text


def parse_forms(value) -> list[str]:
    found = []
    for token in filter(None, re.split(r"[、,，;；/\s]+", _text(value))):
        found.append(_lookup(codes.FORMS, codes.FORM_ALIASES, token, _FORM))
    return sorted(set(found))


_DATE_PATTERNS = (
    re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T].*)?$"),
    re.compile(r"^(\d{4})/(\d{1,2})/(\d{1,2})$"),
    re.compile(r"^(\d{4})\.(\d{1,2})\.(\d{1,2})$"),
    re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})日$"),
    re.compile(r"^(\d{4})(\d{2})(\d{2})$"),
)


def parse_date(value) -> str:
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    text = _text(value)
    for pattern in _DATE_PATTERNS:
        m = pattern.match(text)
        if m:
            try:
                return date(int(m[1]), int(m[2]), int(m[3])).isoformat()
            except ValueError:
                raise CellError(_("“%(v)s”不是有效的日期") % {"v": text}) from None
    raise CellError(_("“%(v)s”不是日期，应写作 2024-05-06") % {"v": text})


_LIMIT = re.compile(r"^(\d{1,4})\s*(.*)$")


def parse_limit(value) -> list | None:
    """[value, unit]: 即办 is [0, ""]; 无期限 is None."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        value = _text(value)
    text = re.sub(r"\s+", "", _text(value))
    if text in codes.IMMEDIATE_WORDS:
        return [0, ""]
    if text in codes.NO_LIMIT_WORDS:
        return None
    m = _LIMIT.match(text)
    if not m:
        raise CellError(_("“%(v)s”不是时限，应写作“20工作日”“3月”或“即办”") % {"v": text})
    number, unit = int(m[1]), m[2]
    if number == 0:
        return [0, ""]
    unit = codes.UNIT_ALIASES.get(unit, unit)
    if unit and unit not in codes.UNITS:
        raise CellError(_("时限单位“%(u)s”无法识别，应为工作日、自然日、月或年") % {"u": m[2]})
    return [number, unit]


def parse_unit(value) -> str:
    text = re.sub(r"\s+", "", _text(value))
    unit = codes.UNIT_ALIASES.get(text, text)
    if unit not in codes.UNITS:
        raise CellError(_("时限单位“%(u)s”无法识别，应为工作日、自然日、月或年") % {"u": text})
    return unit


_MATERIAL = re.compile(r"^(?P<name>.+?)\s*[（(\[【](?P<spec>[^（()）\[\]【】]*)[）)\]】]\s*$")
_OPTIONAL = ("非必要", "非必需", "非必须", "选填", "容缺", "可选")


def parse_materials(value) -> list[dict]:
    """``居民身份证（原件1份，复印件1份）；营业执照（复印件1份，非必要）`` — one material per line
    or per “；”; without counts, one original, required."""
    materials = []
    for entry in filter(None, (e.strip() for e in re.split(r"[\n；;]+", _text(value)))):
        name, spec = entry, ""
        m = _MATERIAL.match(entry)
        if m and re.search(r"原件|复印件|复制件|" + "|".join(_OPTIONAL) + r"|必要|必需", m["spec"]):
            name, spec = m["name"], m["spec"]
        originals = re.search(r"原件\s*(\d{1,2})", spec)
        copies = re.search(r"(?:复印件|复制件)\s*(\d{1,2})", spec)
        if len(name) > 300:
            raise CellError(_("材料名称超过300个字"))
        materials.append(
            {
                "name": name,
                "originals": int(originals[1]) if originals else (0 if copies else 1),
                "copies": int(copies[1]) if copies else 0,
                "required": not any(word in spec for word in _OPTIONAL),
            }
        )
    return materials


# ---------------------------------------------------------------- the columns


@dataclass(frozen=True)
class Column:
    key: str
    label: str  # the element's name as GB/T 39046 / the platform writes it (the file's language)
    parse: Callable
    aliases: tuple[str, ...] = ()
    required: bool = False


COLUMNS: tuple[Column, ...] = (
    Column("name", "事项名称", parse_text(200), ("实施清单名称", "事项名", "业务办理项名称"), True),
    Column(
        "code",
        "实施编码",
        parse_code,
        ("实施清单编码", "事项实施编码", "地方实施编码", "业务办理项编码"),
        True,
    ),
    Column("basic_code", "基本编码", parse_code, ("事项编码", "目录编码", "地方基本编码")),
    Column("item_type", "事项类型", parse_item_type, ("事项类别", "权力类型", "事项类型代码"), True),
    Column("use_level", "行使层级", parse_use_level, ("层级",)),
    Column("implementer", "实施主体", parse_text(100), ("实施主体名称", "实施机构", "实施机关"), True),
    Column(
        "implementer_uscc",
        "实施主体编码",
        parse_uscc,
        ("实施主体代码", "统一社会信用代码", "实施主体统一社会信用代码"),
    ),
    Column("legal_basis", "设定依据", parse_text(5000), ("法律依据", "设立依据")),
    Column("statutory", "法定办结时限", parse_limit, ("法定时限", "法定期限")),
    Column("statutory_unit", "法定办结时限单位", parse_unit, ("法定时限单位",)),
    Column("promised", "承诺办结时限", parse_limit, ("承诺时限", "承诺期限")),
    Column("promised_unit", "承诺办结时限单位", parse_unit, ("承诺时限单位",)),
    Column("project_type", "办件类型", parse_project_type, ()),
    Column(
        "visits",
        "到办事现场次数",
        parse_count,
        ("跑动次数", "到现场次数", "最多跑动次数", "到办事现场次数（次）"),
    ),
    Column("visit_reason", "必须现场办理原因说明", parse_text(500), ("必须现场办理原因", "现场办理原因")),
    Column("is_online", "是否网办", parse_bool, ("是否网上办理", "是否支持网上办理", "是否网上可办")),
    Column("depth", "网上办理深度", parse_depth, ("办理深度", "网办深度")),
    Column(
        "online_url",
        "在线办理地址",
        parse_url,
        ("网办地址", "PC端办理地址", "计算机端在线办理跳转地址", "在线办理链接"),
    ),
    Column("mobile_url", "移动端办理地址", parse_url, ("移动端地址", "移动端在线办理地址", "掌上办理地址")),
    Column("online_exempt_reason", "不适宜网上办理原因", parse_text(200), ("不适宜网办原因", "不宜网办说明")),
    Column("forms", "办理形式", parse_forms, ()),
    Column("has_fee", "是否收费", parse_bool, ("收费情况",)),
    Column("fee_basis", "收费依据", parse_text(5000), ("收费标准及依据",)),
    Column("place", "办理地点", parse_text(200), ()),
    Column("hours", "办理时间", parse_text(150), ()),
    Column("consult_phone", "咨询电话", parse_text(50), ("咨询方式",)),
    Column("complaint_phone", "监督电话", parse_text(50), ("监督投诉电话", "投诉电话", "监督投诉方式")),
    Column("conditions", "受理条件", parse_text(5000), ("申请条件",)),
    Column("status", "事项状态", parse_status, ("状态",)),
    Column("effective_on", "计划生效日期", parse_date, ("生效日期",)),
    Column("cancel_on", "计划取消日期", parse_date, ("取消日期",)),
    Column("materials", "申请材料", parse_materials, ("材料", "申请材料目录", "所需材料")),
)


def _norm_header(text) -> str:
    text = "" if text is None else str(text)
    text = text.replace("(", "（").replace(")", "）").replace("*", "").replace("＊", "")
    text = re.sub(r"（(必填|选填)）$", "", re.sub(r"\s+", "", text))
    return text


HEADER_INDEX: dict[str, Column] = {
    _norm_header(name): column for column in COLUMNS for name in (column.label, *column.aliases)
}


# ---------------------------------------------------------------- reading files


def read_rows(name: str, content: bytes) -> list[list]:
    """Every row of the file's first sheet as a list of cell values."""
    if len(content) > max_bytes():
        raise ImportFileError(file_too_large_message())
    suffix = PurePath(name).suffix.lower()
    if suffix == ".csv":
        for encoding in ("utf-8-sig", "gb18030"):
            try:
                text = content.decode(encoding)
                break
            except UnicodeDecodeError:
                continue
        else:
            raise ImportFileError(_("无法识别 CSV 文件的编码，请以 UTF-8 或 GB18030 保存。"))
        return [list(row) for row in csv.reader(io.StringIO(text))]
    if suffix == ".xlsx":
        from openpyxl import load_workbook

        try:
            book = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
        except Exception:  # openpyxl raises many kinds for a damaged or disguised file
            raise ImportFileError(_("无法读取该 Excel 文件，请确认它是 .xlsx 格式且未损坏。")) from None
        try:
            return [list(row) for row in book.worksheets[0].iter_rows(values_only=True)]
        finally:
            book.close()
    if suffix == ".xls":
        raise ImportFileError(_("不支持旧版 .xls 文件，请另存为 .xlsx 或 .csv 后上传。"))
    raise ImportFileError(_("只能导入 .csv 或 .xlsx 文件。"))


def file_too_large_message() -> str:
    return _("文件超过 %(n)s MB，请按机构或事项类型分成几个文件导入。") % {"n": max_bytes() // (1024 * 1024)}


# ---------------------------------------------------------------- checking rows


@dataclass
class Checked:
    rows_total: int
    rows: list[dict]
    errors: list[dict]
    mapping: list[list[str]]
    ignored: list[str]


def _find_header(table: list[list]) -> tuple[int, list[str]]:
    required = [c for c in COLUMNS if c.required]
    for index, row in enumerate(table[:HEADER_SEARCH_ROWS]):
        header = [_norm_header(v) for v in row]
        keys = {HEADER_INDEX[h].key for h in header if h in HEADER_INDEX}
        if all(c.key in keys for c in required):
            return index, header
    first = next((r for r in table[:HEADER_SEARCH_ROWS] if not all(_blank(v) for v in r)), None)
    if first is None:
        raise ImportFileError(_("文件是空的。"))
    keys = {HEADER_INDEX[h].key for h in (_norm_header(v) for v in first) if h in HEADER_INDEX}
    missing = [c.label for c in required if c.key not in keys]
    raise ImportFileError(
        _("找不到列名行，整个文件未导入：前%(n)s行中没有一行同时包含%(required)s（缺少：%(missing)s）。")
        % {
            "n": HEADER_SEARCH_ROWS,
            "required": "、".join(c.label for c in required),
            "missing": "、".join(missing),
        }
    )


def item_values(item: ServiceItem) -> dict:
    """A version's elements in the import's JSON form, to tell an unchanged row from a new version."""
    return {
        "name": item.name,
        "code": item.code,
        "basic_code": item.basic_code,
        "item_type": item.item_type,
        "use_level": item.use_level,
        "implementer": item.implementer,
        "implementer_uscc": item.implementer_uscc,
        "legal_basis": item.legal_basis,
        "statutory_limit": item.statutory_limit,
        "statutory_unit": item.statutory_unit,
        "promised_limit": item.promised_limit,
        "promised_unit": item.promised_unit,
        "project_type": item.project_type,
        "visits": item.visits,
        "visit_reason": item.visit_reason,
        "is_online": item.is_online,
        "depth": item.depth,
        "online_url": item.online_url,
        "mobile_url": item.mobile_url,
        "online_exempt_reason": item.online_exempt_reason,
        "forms": list(item.forms or []),
        "has_fee": item.has_fee,
        "fee_basis": item.fee_basis,
        "place": item.place,
        "hours": item.hours,
        "consult_phone": item.consult_phone,
        "complaint_phone": item.complaint_phone,
        "conditions": item.conditions,
        "status": item.status,
        "effective_on": item.effective_on.isoformat() if item.effective_on else None,
        "cancel_on": item.cancel_on.isoformat() if item.cancel_on else None,
    }


def material_values(materials) -> list[dict]:
    return [
        {"name": m.name, "originals": m.originals, "copies": m.copies, "required": m.required}
        for m in materials
    ]


_DEFAULTS = {"forms": [], "is_online": None, "has_fee": False, "status": codes.STATUS_IN_USE, "materials": []}


def _finish(values: dict, row: int, errors: list) -> dict:
    """Turn the parsed cells into the model's values (limits split, 是否网办 derived)."""
    out = {}
    for prefix in ("statutory", "promised"):
        limit, unit = values.pop(prefix, None), values.pop(f"{prefix}_unit", "")
        value = limit[0] if limit else None
        unit = (limit[1] if limit else "") or (unit if value else "")
        if value and not unit:
            column = "法定办结时限" if prefix == "statutory" else "承诺办结时限"
            errors.append(
                {"row": row, "column": column, "message": _("时限没有单位（工作日、自然日、月或年）")}
            )
        out[f"{prefix}_limit"], out[f"{prefix}_unit"] = value, unit
    for key, value in values.items():
        out[key] = value
    if out.get("is_online") is None:  # many exports leave 是否网办 out: an online address says it
        out["is_online"] = bool(out.get("online_url") or out.get("mobile_url"))
    return out


def check_rows(agency, table: list[list]) -> Checked:
    index, header = _find_header(table)
    positions: dict[str, int] = {}
    mapping, ignored, errors_file = [], [], []
    for i, h in enumerate(header):
        column = HEADER_INDEX.get(h)
        if column is None:
            if h:
                ignored.append(h)
            continue
        if column.key in positions:
            errors_file.append(
                _("“%(a)s”和“%(b)s”都是%(label)s")
                % {"a": header[positions[column.key]], "b": h, "label": column.label}
            )
            continue
        positions[column.key] = i
        mapping.append([h, column.label])
    if errors_file:
        raise ImportFileError(_("列名重复，整个文件未导入：%(e)s。") % {"e": "；".join(errors_file)})
    body = [
        (n, row)
        for n, row in enumerate(table[index + 1 :], start=index + 2)
        if not all(_blank(v) for v in row)
    ]
    if not body:
        raise ImportFileError(_("文件中没有数据行。"))
    if len(body) > MAX_ROWS:
        raise ImportFileError(_("一次最多导入 %(n)s 行，请分成几个文件。") % {"n": MAX_ROWS})

    parsed: list[tuple[int, dict]] = []
    errors: list[dict] = []
    for n, row in body:
        values, bad = {}, False
        for column in COLUMNS:
            i = positions.get(column.key)
            raw = row[i] if i is not None and i < len(row) else None
            if _blank(raw):
                if column.required:
                    errors.append({"row": n, "column": column.label, "message": _("不能为空")})
                    bad = True
                if column.key in _DEFAULTS:
                    values[column.key] = _DEFAULTS[column.key]
                elif column.key not in ("statutory", "promised", "statutory_unit", "promised_unit"):
                    values[column.key] = (
                        None if column.key in ("visits", "depth", "effective_on", "cancel_on") else ""
                    )
                continue
            try:
                values[column.key] = column.parse(raw)
            except CellError as error:
                errors.append({"row": n, "column": column.label, "message": str(error)})
                bad = True
        before = len(errors)
        values = _finish(values, n, errors)
        if not bad and len(errors) == before:
            parsed.append((n, values))

    seen: dict[str, list[int]] = defaultdict(list)
    for n, values in parsed:
        seen[values["code"]].append(n)
    current = {
        item.code: item
        for item in ServiceItem.objects.filter(
            agency=agency, is_current=True, code__in=list(seen)
        ).prefetch_related("materials")
    }
    rows = []
    for n, values in parsed:
        if len(seen[values["code"]]) > 1:
            others = "、".join(str(m) for m in seen[values["code"]] if m != n)
            errors.append(
                {
                    "row": n,
                    "column": "实施编码",
                    "message": _("实施编码“%(c)s”在文件中重复（另见第%(o)s行）")
                    % {"c": values["code"], "o": others},
                }
            )
            continue
        materials = values.pop("materials")
        existing = current.get(values["code"])
        if existing is None:
            action, base = "new", None
        else:
            same = item_values(existing) == values and material_values(existing.materials.all()) == materials
            action, base = ("same" if same else "update"), existing.version
        rows.append({"row": n, "values": values, "materials": materials, "action": action, "base": base})
    errors.sort(key=lambda e: (e["row"], e["column"]))
    return Checked(len(body), rows, errors, mapping, ignored)


# ---------------------------------------------------------------- the two steps


@transaction.atomic
def preview(actor, agency, name: str, content: bytes) -> ImportBatch:
    require_write(actor, agency)
    batch = ImportBatch(
        agency=agency,
        file_name=PurePath(name or "").name[:255] or "upload",
        sha256=hashlib.sha256(content).hexdigest(),
        created_by=actor,
    )
    try:
        checked = check_rows(agency, read_rows(name, content))
    except ImportFileError as error:
        batch.file_error = error.message[:500]
        batch.status = BatchStatus.DISCARDED
    else:
        batch.rows_total, batch.rows, batch.errors = checked.rows_total, checked.rows, checked.errors
        batch.mapping, batch.ignored = checked.mapping, checked.ignored
    batch.save()
    record(
        actor,
        "govservice.import.preview",
        batch,
        after={
            "file": batch.file_name,
            "rows": batch.rows_total,
            "new": batch.count("new"),
            "update": batch.count("update"),
            "same": batch.count("same"),
            "refused_rows": len(batch.error_rows),
            "file_error": batch.file_error,
        },
    )
    return batch


def _build(agency, actor, batch, values: dict, version: int, valid_from: date) -> ServiceItem:
    fields = {k: v for k, v in values.items() if k not in ("effective_on", "cancel_on")}
    return ServiceItem(
        agency=agency,
        batch=batch,
        created_by=actor,
        version=version,
        valid_from=valid_from,
        is_current=True,
        effective_on=date.fromisoformat(values["effective_on"]) if values["effective_on"] else None,
        cancel_on=date.fromisoformat(values["cancel_on"]) if values["cancel_on"] else None,
        **fields,
    )


@transaction.atomic
def confirm(actor, batch: ImportBatch) -> dict:
    """Import the batch, all or nothing; the counts of new items, new versions and unchanged ones."""
    require_write(actor, batch.agency)
    batch = ImportBatch.objects.select_for_update().select_related("agency").get(pk=batch.pk)
    if batch.status != BatchStatus.PREVIEWED:
        raise GovServiceError(_("该文件已导入或已放弃，不能再次导入。"))
    if batch.errors:
        raise GovServiceError(
            _("文件中有%(n)s行有错误，整个文件未导入。请修改文件后重新上传。") % {"n": len(batch.error_rows)}
        )
    agency, today = batch.agency, timezone.localdate()
    changing = [r for r in batch.rows if r["action"] != "same"]
    codes_ = [r["values"]["code"] for r in changing]
    current = {}
    for start in range(0, len(codes_), 900):  # SQLite's limit on query parameters
        chunk = codes_[start : start + 900]
        current.update(
            ServiceItem.objects.select_for_update()
            .filter(agency=agency, is_current=True, code__in=chunk)
            .values_list("code", "version")
        )
    moved = [r["row"] for r in changing if current.get(r["values"]["code"]) != r["base"]]
    if moved:
        raise GovServiceError(
            _("预览之后登记簿中的事项已有变化（第%(r)s行），本次未导入任何数据，请重新上传文件。")
            % {"r": "、".join(str(n) for n in moved[:20])}
        )
    # close the versions being replaced, then add the new ones
    for start in range(0, len(codes_), 900):
        ServiceItem.objects.filter(
            agency=agency, is_current=True, code__in=[c for c in codes_[start : start + 900] if c in current]
        ).update(is_current=False, valid_to=today)
    items = []
    for r in changing:
        values = r["values"]
        if r["base"] is None:  # a first import of a platform item: in force since its effective date
            effective = values["effective_on"]
            valid_from = min(date.fromisoformat(effective), today) if effective else today
            items.append(_build(agency, actor, batch, values, 1, valid_from))
        else:
            items.append(_build(agency, actor, batch, values, r["base"] + 1, today))
    ServiceItem.objects.bulk_create(items, batch_size=500)
    materials = [
        Material(item=item, position=i, **m)
        for item, r in zip(items, changing, strict=True)
        for i, m in enumerate(r["materials"])
    ]
    Material.objects.bulk_create(materials, batch_size=1000)
    counts = {"new": batch.count("new"), "update": batch.count("update"), "same": batch.count("same")}
    batch.status, batch.imported_rows, batch.confirmed_at = BatchStatus.IMPORTED, len(items), timezone.now()
    batch.save(update_fields=["status", "imported_rows", "confirmed_at"])
    # one event for the batch; every version it made points at the batch
    record(actor, "govservice.import.confirm", batch, after=counts)
    return counts


@transaction.atomic
def discard(actor, batch: ImportBatch) -> None:
    require_write(actor, batch.agency)
    batch = ImportBatch.objects.select_for_update().get(pk=batch.pk)
    if batch.status != BatchStatus.PREVIEWED:
        raise GovServiceError(_("该文件已导入或已放弃。"))
    batch.status = BatchStatus.DISCARDED
    batch.save(update_fields=["status"])
    record(actor, "govservice.import.discard", batch, after={"file": batch.file_name})
