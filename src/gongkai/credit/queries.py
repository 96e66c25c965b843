"""Reads: the 及时率 under its declared definition, 报送 counts by year, the public list."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.db.models import Count, F, Q, QuerySet
from django.utils.translation import gettext as _

from gongkai import law

from .models import BatchItem, BatchState, CreditRecord, PublicityState, SubmissionBatch
from .rules import Kind

BASES = ("records", "batches")
DEFAULT_BASIS = "records"  # spec §2.4: records on time ÷ records in the period


def basis() -> str:
    chosen = getattr(settings, "GONGKAI_CREDIT_TIMELINESS_BASIS", DEFAULT_BASIS)
    return chosen if chosen in BASES else DEFAULT_BASIS


def definition(chosen: str) -> str:
    days = law.CREDIT_PUBLISH.words
    if chosen == "batches":
        return _(
            "及时率 = 当年报送的批次中，所含每条记录都在决定之日起%(d)s内报送的批次数 ÷ 当年报送的批次数"
            "（报送日期计；%(a)s）"
        ) % {"d": days, "a": law.CREDIT_PUBLISH.article}
    return _(
        "及时率 = 当年上网公示的记录中，自决定之日起%(d)s内公示的条数 ÷ 当年上网公示的条数"
        "（公示日期计，工作日按本系统工作日历；%(a)s）"
    ) % {"d": days, "a": law.CREDIT_PUBLISH.article}


@dataclass(frozen=True)
class Timeliness:
    basis: str
    on_time: int
    total: int
    definition: str

    @property
    def rate(self) -> Decimal | None:
        if not self.total:
            return None
        return (Decimal(self.on_time * 100) / self.total).quantize(Decimal("0.01"), ROUND_HALF_UP)


def timeliness(agency_ids, year: int, chosen: str | None = None) -> Timeliness:
    chosen = chosen or basis()
    if chosen == "batches":
        batches = SubmissionBatch.objects.filter(
            agency_id__in=agency_ids, sent_on__year=year, state__in=(BatchState.SENT, BatchState.FEEDBACK)
        )
        total = batches.count()
        late = batches.filter(items__record__due_on__lt=F("items__batch__sent_on")).distinct().count()
        on_time = total - late
    else:
        row = CreditRecord.objects.filter(agency_id__in=agency_ids, published_on__year=year).aggregate(
            total=Count("pk"), on_time=Count("pk", filter=Q(published_on__lte=F("due_on")))
        )
        on_time, total = row["on_time"], row["total"]
    return Timeliness(chosen, on_time, total, definition(chosen))


@dataclass(frozen=True)
class YearCounts:
    year: int
    batches: int  # 报送次数
    licences: int  # 报送条数 (accepted rows)
    penalties: int
    rejected: int


def submission_counts(agency_ids, years=None) -> list[YearCounts]:
    """报送次数 and 条数 by year of sending (rows the platform refused counted apart), newest first."""
    sent = Q(batch__agency_id__in=agency_ids, batch__state__in=(BatchState.SENT, BatchState.FEEDBACK))
    items = BatchItem.objects.filter(sent)
    batches = SubmissionBatch.objects.filter(
        agency_id__in=agency_ids, state__in=(BatchState.SENT, BatchState.FEEDBACK)
    )
    if years is not None:
        items = items.filter(batch__sent_on__year__in=years)
        batches = batches.filter(sent_on__year__in=years)
    by_year = {
        r["sent_on__year"]: r["n"] for r in batches.values("sent_on__year").annotate(n=Count("pk")).order_by()
    }
    rows = (
        items.values("batch__sent_on__year")
        .annotate(
            licences=Count("pk", filter=Q(record__kind=Kind.LICENCE, rejected=False)),
            penalties=Count("pk", filter=Q(record__kind=Kind.PENALTY, rejected=False)),
            rejected=Count("pk", filter=Q(rejected=True)),
        )
        .order_by()
    )
    counted = {r["batch__sent_on__year"]: r for r in rows}
    return [
        YearCounts(
            year,
            by_year[year],
            counted.get(year, {}).get("licences", 0),
            counted.get(year, {}).get("penalties", 0),
            counted.get(year, {}).get("rejected", 0),
        )
        for year in sorted(by_year, reverse=True)
    ]


def in_public(agency, today: date, kind: str = "", q: str = "") -> QuerySet[CreditRecord]:
    """What may be shown now: published, not withdrawn, inside its 公示期."""
    qs = CreditRecord.objects.filter(
        agency=agency, state=PublicityState.ACTIVE, published_on__lte=today
    ).filter(Q(publicity_end__isnull=True) | Q(publicity_end__gte=today))
    if kind:
        qs = qs.filter(kind=kind)
    if q:
        qs = qs.filter(Q(subject_name__contains=q) | Q(doc_no__contains=q) | Q(uscc=q.upper()))
    return qs.order_by("-published_on", "-pk")


def overdue_unpublished(agency, today: date) -> int:
    return CreditRecord.objects.filter(
        agency=agency, published_on__isnull=True, due_on__lt=today, state=PublicityState.PENDING
    ).count()
