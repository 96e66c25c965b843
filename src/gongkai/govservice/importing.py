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

import re
from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gongkai.events.services import record
from gongkai.spreadsheets import cells, columns
from gongkai.spreadsheets.cells import CellError, parse_text, parse_yes_no
from gongkai.spreadsheets.columns import Column, problem
from gongkai.spreadsheets.reading import FileRefused, read_rows

from . import codes
from .errors import GovServiceError
from .models import ImportBatch, Material, ServiceItem
from .services import require_write

MAX_ROWS = 50_000
HEADER_SEARCH_ROWS = 5  # the header may follow a few title rows


def max_bytes() -> int:
    return getattr(settings, "GONGKAI_GOVSERVICE_MAX_UPLOAD", 20 * 1024 * 1024)


# ---------------------------------------------------------------- cell parsers


def parse_code(value) -> str:
    text = cells.text(value)
    if len(text) > 64:
        raise CellError(_("编码超过64个字符"))
    if re.search(r"[\s/\\?#]", text):
        raise CellError(_("编码“%(v)s”中不能有空格、斜杠、问号或#号") % {"v": text})
    return text


def _lookup(table: dict, aliases: dict, value, what: str):
    text = re.sub(r"\s+", "", cells.text(value))
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
    text = cells.text(value)
    if text not in codes.STATUS_WORDS:
        raise CellError(_("“%(v)s”不是有效的事项状态，应为在用、暂停或取消") % {"v": text})
    return codes.STATUS_WORDS[text]


def parse_uscc(value) -> str:
    text = cells.text(value).upper()
    if not re.fullmatch(r"[0-9A-HJ-NPQRTUWXY]{18}", text):
        raise CellError(_("“%(v)s”不是18位统一社会信用代码") % {"v": text})
    return text


def parse_depth(value) -> int:
    text = re.sub(r"\s+", "", cells.text(value))
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
    text = cells.text(value).removesuffix("次")
    if not re.fullmatch(r"\d{1,3}", text):
        raise CellError(_("“%(v)s”不是不小于0的整数") % {"v": cells.text(value)})
    return int(text)


def parse_url(value) -> str:
    text = cells.text(value)
    if not re.fullmatch(r"https?://[^\s<>\"]+", text):
        raise CellError(_("“%(v)s”不是以 http:// 或 https:// 开头的网址") % {"v": text[:80]})
    if len(text) > 500:
        raise CellError(_("网址超过500个字符"))
    return text


def parse_forms(value) -> list[str]:
    found = []
    for token in filter(None, re.split(r"[、,，;；/\s]+", cells.text(value))):
        found.append(_lookup(codes.FORMS, codes.FORM_ALIASES, token, _FORM))
    return sorted(set(found))


def parse_date(value) -> str:
    return cells.parse_date(value).isoformat()


_LIMIT = re.compile(r"^(\d{1,4})\s*(.*)$")


def parse_limit(value) -> list | None:
    """[value, unit]: 即办 is [0, ""]; 无期限 is None."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        value = cells.text(value)
    text = re.sub(r"\s+", "", cells.text(value))
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
    text = re.sub(r"\s+", "", cells.text(value))
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
    for entry in filter(None, (e.strip() for e in re.split(r"[\n；;]+", cells.text(value)))):
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
    Column("is_online", "是否网办", parse_yes_no, ("是否网上办理", "是否支持网上办理", "是否网上可办")),
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
    Column("has_fee", "是否收费", parse_yes_no, ("收费情况",)),
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


HEADER_INDEX: dict[str, Column] = columns.header_index(COLUMNS)


def _read_rows(name: str, content: bytes) -> list[list]:
    return read_rows(name, content, max_bytes(), file_too_large_message())


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


def _find_header(table: list[list]) -> int:
    found = columns.find_header(table, HEADER_INDEX, HEADER_SEARCH_ROWS)
    if found is not None:
        return found
    first = next((r for r in table[:HEADER_SEARCH_ROWS] if not columns.blank_row(r)), None)
    if first is None:
        raise FileRefused(_("文件是空的。"))
    required = [c for c in COLUMNS if c.required]
    missing = columns.read_header(first, HEADER_INDEX).missing(required)
    raise FileRefused(
        _("找不到列名行，整个文件未导入：前%(n)s行中没有一行同时包含%(required)s（缺少：%(missing)s）。")
        % {
            "n": HEADER_SEARCH_ROWS,
            "required": "、".join(c.label for c in required),
            "missing": "、".join(c.label for c in missing),
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


# a blank cell's value ("" where not named); a blank limit and its unit are left to ``_finish``
_EMPTY = {
    "forms": [],
    "is_online": None,
    "has_fee": False,
    "status": codes.STATUS_IN_USE,
    "materials": [],
    **dict.fromkeys(("visits", "depth", "effective_on", "cancel_on", "statutory", "promised")),
}


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
    index = _find_header(table)
    header = columns.read_header(table[index], HEADER_INDEX)
    if header.repeated:
        pairs = [
            _("“%(a)s”和“%(b)s”都是%(label)s") % {"a": first, "b": second, "label": column.label}
            for first, second, column in header.repeated
        ]
        raise FileRefused(_("列名重复，整个文件未导入：%(e)s。") % {"e": "；".join(pairs)})
    body = columns.data_rows(table, index, MAX_ROWS)

    parsed: list[tuple[int, dict]] = []
    errors: list[dict] = []
    for n, row in body:
        values, accepted = columns.parse_row(n, row, COLUMNS, header.positions, errors, _EMPTY)
        before = len(errors)
        values = _finish(values, n, errors)
        if accepted and len(errors) == before:
            parsed.append((n, values))

    repeated = columns.repeats((n, values["code"]) for n, values in parsed)
    current = {
        item.code: item
        for item in ServiceItem.objects.filter(
            agency=agency, is_current=True, code__in=[values["code"] for _n, values in parsed]
        ).prefetch_related("materials")
    }
    rows = []
    for n, values in parsed:
        if n in repeated:
            message = _("实施编码“%(c)s”在文件中重复（另见第%(o)s行）") % {
                "c": values["code"],
                "o": repeated[n],
            }
            errors.append(problem(n, "实施编码", message))
            continue
        materials = values.pop("materials")
        existing = current.get(values["code"])
        if existing is None:
            action, base = "new", None
        else:
            same = item_values(existing) == values and material_values(existing.materials.all()) == materials
            action, base = ("same" if same else "update"), existing.version
        rows.append({"row": n, "values": values, "materials": materials, "action": action, "base": base})
    return Checked(len(body), rows, columns.sort_problems(errors), header.mapping, header.unknown)


# ---------------------------------------------------------------- the two steps


@transaction.atomic
def preview(actor, agency, name: str, content: bytes) -> ImportBatch:
    require_write(actor, agency)
    batch = ImportBatch.for_upload(agency, actor, name, content)
    try:
        checked = check_rows(agency, _read_rows(name, content))
    except FileRefused as error:
        batch.refuse(error.message)
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
    batch = ImportBatch.lock(batch.pk)
    if not batch.is_open:
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
    batch.mark_imported(len(items))
    # one event for the batch; every version it made points at the batch
    record(actor, "govservice.import.confirm", batch, after=counts)
    return counts


@transaction.atomic
def discard(actor, batch: ImportBatch) -> None:
    require_write(actor, batch.agency)
    batch = ImportBatch.lock(batch.pk)
    if not batch.is_open:
        raise GovServiceError(_("该文件已导入或已放弃。"))
    batch.mark_discarded()
    record(actor, "govservice.import.discard", batch, after={"file": batch.file_name})
