"""Reads of the knowledge base: the public set, the staleness report, basis links, the year's facts."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, F, Q
from django.urls import reverse
from django.utils.translation import gettext as _

from gongkai.catalogue.search import public_entries
from gongkai.facts import Fact

from .models import Entry, Review, Status
from .workflow import PUBLIC_STATES


def public(on: date):
    """What callers and the portal may read on ``on``: published (or awaiting 复核), in force."""
    return Entry.objects.filter(status__in=PUBLIC_STATES, effective_from__lte=on).filter(
        Q(effective_to__isnull=True) | Q(effective_to__gte=on)
    )


@dataclass(frozen=True)
class Stale:
    entry: Entry
    reasons: tuple[str, ...]


def staleness(agency_ids, on: date) -> list[Stale]:
    """Warnings (spec §5 W): entries still published past 失效日期, past their review date, or 待复核."""
    qs = Entry.objects.filter(agency_id__in=agency_ids, status__in=PUBLIC_STATES).filter(
        Q(effective_to__lt=on) | Q(review_due__lt=on) | Q(status=Status.DUE_REVIEW)
    )
    out = []
    for entry in qs.select_related("agency").order_by("review_due", "code"):
        reasons = []
        if entry.effective_to and entry.effective_to < on:
            reasons.append(_("已过失效日期（%(day)s）仍在发布") % {"day": entry.effective_to})
        if entry.review_due < on:
            reasons.append(_("已过复核日期（%(day)s）") % {"day": entry.review_due})
        if entry.status == Status.DUE_REVIEW and not reasons:
            reasons.append(_("待复核"))
        out.append(Stale(entry, tuple(reasons)))
    return out


def basis_rows(entry: Entry) -> list[tuple[dict, int | None]]:
    """The entry's 依据, each with the id of its catalogue entry when that is public (by 索引号)."""
    numbers = {b.get("index_no") for b in entry.basis if b.get("index_no")}
    found = (
        dict(public_entries().filter(index_no__in=numbers).values_list("index_no", "id")) if numbers else {}
    )
    return [(b, found.get(b.get("index_no"))) for b in entry.basis]


def _rate(part: int, whole: int) -> Decimal | None:
    if not whole:
        return None
    return (Decimal(100) * part / whole).quantize(Decimal("0.01"), ROUND_HALF_UP)


def facts(agency_ids: tuple[int, ...], year: int) -> list[Fact]:
    end = date(year, 12, 31)
    entries = Entry.objects.filter(agency_id__in=agency_ids)
    counts = entries.aggregate(
        total=Count(
            "id", filter=Q(published_on__lte=end) & (Q(effective_to__isnull=True) | Q(effective_to__gt=end))
        ),
        new=Count("id", filter=Q(created_at__year=year, published_on__isnull=False)),
        updated=Count("id", filter=Q(published_on__year=year, version__gt=1)),
    )
    reviews = Review.objects.filter(entry__agency_id__in=agency_ids, reviewed_on__year=year).aggregate(
        done=Count("id"), on_time=Count("id", filter=Q(reviewed_on__lte=F("due_on")))
    )
    records = reverse("hotline:index")
    return [
        Fact(
            "hotline.entries",
            "12345热线知识库条目数",
            counts["total"],
            "条",
            "截至年底已发布且未过失效日期的知识条目数（本机构提供）",
            "platform",
            records,
        ),
        Fact(
            "hotline.new",
            "新增知识条目",
            counts["new"],
            "条",
            "本年新建并已发布的知识条目数",
            "platform",
            records,
        ),
        Fact(
            "hotline.updated",
            "更新知识条目",
            counts["updated"],
            "条",
            "本年修订后重新发布的知识条目数（版本号大于1）",
            "platform",
            records,
        ),
        Fact(
            "hotline.reviews",
            "知识条目复核次数",
            reviews["done"],
            "次",
            "本年完成的复核次数",
            "platform",
            records,
        ),
        Fact(
            "hotline.reviewed_on_time",
            "按期复核率",
            _rate(reviews["on_time"], reviews["done"]),
            "%",
            "本年按期（不晚于复核日期）完成的复核次数 ÷ 本年完成的复核次数；无复核时不计算",
            "platform",
            records,
        ),
    ]
