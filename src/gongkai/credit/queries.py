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
    days = law.CREDIT_PUBLISH.amount
    if chosen == "batches":
        return _(
            "及时率 = 当年报送的批次中，所含每条记录都在决定之日起%(d)s个工作日内报送的批次数 ÷ 当年报送的批次数"
            "（报送日期计；%(a)s）"
        ) % {"d": days, "a": law.CREDIT_PUBLISH.article}
    return _(
        "及时率 = 当年上网公示的记录中，自决定之日起%(d)s个工作日内公示的条数 ÷ 当年上网公示的条数"
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


SENT = (BatchState.SENT, BatchState.FEEDBACK)


def _year(year: int) -> tuple[date, date]:
    # a range, not ``__year`` on a join: SQLite would call Django's Python date function per row
    return date(year, 1, 1), date(year, 12, 31)


def timeliness(agency_ids, year: int, chosen: str | None = None) -> Timeliness:
    """One aggregated query."""
    chosen = chosen or basis()
    if chosen == "batches":
        row = SubmissionBatch.objects.filter(
            agency_id__in=agency_ids, sent_on__range=_year(year), state__in=SENT
        ).aggregate(
            total=Count("pk", distinct=True),
            late=Count("pk", distinct=True, filter=Q(items__record__due_on__lt=F("sent_on"))),
        )
        on_time, total = row["total"] - row["late"], row["total"]
    else:
        row = CreditRecord.objects.filter(
            agency_id__in=agency_ids, published_on__range=_year(year)
        ).aggregate(total=Count("pk"), on_time=Count("pk", filter=Q(published_on__lte=F("due_on"))))
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
    """报送次数 and 条数 by year of sending (rows the platform refused counted apart), newest first;
    only years with a batch sent. One aggregated query over the batch rows, a few counts per year
    (``years`` None: the years batches were sent in, from the small batch table first)."""
    if years is None:
        sent = SubmissionBatch.objects.filter(agency_id__in=agency_ids, state__in=SENT)
        years = {d.year for d in sent.dates("sent_on", "year")}
    years = sorted(set(years), reverse=True)
    if not years:
        return []
    counts = {}
    for year in years:
        in_year = Q(batch__sent_on__range=_year(year))
        accepted = in_year & Q(rejected=False)
        counts[f"batches_{year}"] = Count("batch_id", distinct=True, filter=in_year)
        counts[f"licences_{year}"] = Count("pk", filter=accepted & Q(record__kind=Kind.LICENCE))
        counts[f"penalties_{year}"] = Count("pk", filter=accepted & Q(record__kind=Kind.PENALTY))
        counts[f"rejected_{year}"] = Count("pk", filter=in_year & Q(rejected=True))
    row = BatchItem.objects.filter(
        batch__agency_id__in=agency_ids,
        batch__state__in=SENT,
        batch__sent_on__range=(_year(years[-1])[0], _year(years[0])[1]),
    ).aggregate(**counts)
    return [
        YearCounts(
            year,
            row[f"batches_{year}"],
            row[f"licences_{year}"],
            row[f"penalties_{year}"],
            row[f"rejected_{year}"],
        )
        for year in years
        if row[f"batches_{year}"]
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
