"""The catalogue's figures for section 一（一）主动公开 (gongkai.facts): what was published in the
year, by 第二十条 item, and how much of it within the 第二十六条 period. The year is the entry's
生成日期 year, as in the 索引号 and the staff list's year filter, so the drill-down lists exactly
the entries counted."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from urllib.parse import urlencode

from django.db.models import Count, Q
from django.urls import reverse

from gongkai import law
from gongkai.agencies.models import Agency
from gongkai.facts import Fact

from . import rules
from .models import Entry, Status

# how a report names the entries of a 第二十条 item (the statute's own labels are too long to quote);
# （一） is left out: table 二 reports 规章 and 规范性文件 already
ITEM_LABELS = {
    "A02": "机构职能信息",
    "A03": "规划信息",
    "A04": "统计信息",
    "A05": "行政许可等管理服务信息",
    "A06": "行政处罚、行政强制信息",
    "A07": "财政预决算信息",
    "A08": "收费信息",
    "A09": "政府集中采购信息",
    "A10": "重大建设项目信息",
    "A11": "民生政策信息",
    "A12": "突发公共事件信息",
    "A13": "监督检查信息",
    "A14": "公务员招考信息",
}
TOP_ITEMS = 4  # the items with most entries that a sentence quotes


def _records(agency_ids: tuple[int, ...], year: int, **filters) -> str:
    """The staff list of the entries counted, for one agency (a region's figure has no one list)."""
    if len(agency_ids) != 1:
        return ""
    code = Agency.objects.filter(pk=agency_ids[0]).values_list("code", flat=True).first()
    if code is None:
        return ""
    query = urlencode({"status": Status.PUBLISHED, "year": year, **filters})
    return f"{reverse('catalogue:entry_list', args=[code])}?{query}"


def _rate(part: int, whole: int) -> Decimal | None:
    if not whole:
        return None
    return (Decimal(part) * 100 / whole).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def provider(agency_ids: tuple[int, ...], year: int) -> list[Fact]:
    entries = Entry.objects.filter(agency_id__in=agency_ids, status=Status.PUBLISHED, created_date__year=year)
    totals = entries.aggregate(
        n=Count("pk"),
        timed=Count("pk", filter=Q(late__isnull=False)),
        on_time=Count("pk", filter=Q(late=False)),
    )
    by_item = dict(
        entries.filter(category__in=ITEM_LABELS).values_list("category").annotate(n=Count("pk")).order_by()
    )
    period = law.PUBLISH
    on_time = _rate(totals["on_time"], totals["timed"])
    out = [
        Fact(
            "catalogue.published",
            "发布政府信息",
            totals["n"],
            "条",
            "生成日期在本年度、已在政府信息公开目录中发布的条目数（已撤回的不计）",
            "active",
            _records(agency_ids, year),
        ),
        Fact(
            "catalogue.on_time",
            "按时发布率",
            on_time,
            "%",
            f"上述条目中自生成日期起{period.words}内发布的比例（条例{period.article}），"
            "按工作日历计算；工作日历未覆盖的条目不计入"
            + ("" if on_time is not None else "。本年度没有可计算发布用时的条目，无法计算"),
            "active",
            _records(agency_ids, year),
        ),
    ]
    top = sorted(by_item.items(), key=lambda item: (-item[1], item[0]))[:TOP_ITEMS]
    for code, n in top:
        category = rules.statutory_category(code)
        out.append(
            Fact(
                f"catalogue.item.{code}",
                ITEM_LABELS[code],
                n,
                "条",
                f"上述条目中主题分类为“{category.display}”的条目数",
                "active",
                _records(agency_ids, year, category=code),
            )
        )
    return out
