"""The knowledge base for the hotline system: JSON and xlsx with the entry structure (docs/hotline.md)."""

from __future__ import annotations

import io
import json

from django.utils import timezone
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

FORMAT = "gongkai-hotline-kb"
FORMAT_VERSION = 1

# (key, xlsx header) in the order of both formats.
COLUMNS = (
    ("code", "编码"),
    ("title", "标题"),
    ("category", "分类"),
    ("questions", "常见问法"),
    ("answer", "答复口径"),
    ("summary", "摘要"),
    ("basis", "依据"),
    ("agency", "提供单位"),
    ("agency_code", "提供单位编码"),
    ("owner", "责任人"),
    ("related_items", "关联事项"),
    ("effective_from", "生效日期"),
    ("effective_to", "失效日期"),
    ("review_due", "复核日期"),
    ("status", "状态"),
    ("version", "版本"),
    ("updated_at", "更新时间"),
)


def entry_dict(entry) -> dict:
    return {
        "code": entry.code,
        "title": entry.title,
        "category": entry.category_parts,
        "questions": list(entry.questions),
        "answer": entry.answer,
        "summary": entry.summary,
        "basis": [{k: b.get(k, "") for k in ("title", "doc_no", "article", "index_no")} for b in entry.basis],
        "agency": entry.agency.name,
        "agency_code": entry.agency.code,
        "owner": entry.owner,
        "related_items": list(entry.related_items),
        "effective_from": entry.effective_from.isoformat(),
        "effective_to": entry.effective_to.isoformat() if entry.effective_to else None,
        "review_due": entry.review_due.isoformat(),
        "status": entry.status,
        "version": entry.version,
        "updated_at": timezone.localtime(entry.updated_at).isoformat(timespec="seconds"),
    }


def to_json(entries) -> bytes:
    data = {
        "format": FORMAT,
        "version": FORMAT_VERSION,
        "exported_at": timezone.localtime().isoformat(timespec="seconds"),
        "entries": [entry_dict(e) for e in entries],
    }
    return json.dumps(data, ensure_ascii=False, indent=1).encode("utf-8")


def _cell(key: str, value):
    if key == "category":
        return "/".join(value)
    if key in ("questions", "related_items"):
        return "\n".join(value)
    if key == "basis":
        return "\n".join(" ".join(p for p in (b["title"], b["doc_no"], b["article"]) if p) for b in value)
    return value


def to_xlsx(entries) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = "知识库"
    ws.append([header for _, header in COLUMNS])
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for entry in entries:
        d = entry_dict(entry)
        ws.append([_cell(key, d[key]) for key, _ in COLUMNS])
    wrap = Alignment(wrap_text=True, vertical="top")
    for row in ws.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = wrap
    for letter, width in zip("ABCDEFG", (16, 30, 20, 36, 60, 30, 36), strict=True):
        ws.column_dimensions[letter].width = width
    ws.freeze_panes = "A2"
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
