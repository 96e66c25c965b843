"""Reads of 政民互动: tracking, the monthly counts, the year's facts."""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, F, Q
from django.db.models.functions import ExtractMonth
from django.urls import reverse

from gongkai.facts import Fact

from .models import AgencySettings, Message, State
from .rules import DEFAULT_ANSWER_DAYS


def hash_query_code(ack_no: str, code: str) -> str:
    """What is stored of a query code: salted by the 受理编号, read-out variants folded."""
    normalised = code.strip().upper().replace("-", "").replace(" ", "")
    return hashlib.sha256(f"{ack_no}:{normalised}".encode()).hexdigest()


def find_for_submitter(ack_no: str, code: str) -> Message | None:
    """The message for a 受理编号 and query code, or None (the two cases look alike)."""
    message = Message.objects.select_related("agency").filter(ack_no=ack_no.strip()).first()
    expected = message.query_code_hash if message else hash_query_code("x", "y")
    if message is None or not hmac.compare_digest(expected, hash_query_code(ack_no.strip(), code or "")):
        return None
    return message


def answer_days(agency) -> int:
    row = AgencySettings.objects.filter(agency=agency).first()
    return row.answer_days if row else DEFAULT_ANSWER_DAYS


def published():
    return Message.objects.filter(state=State.PUBLISHED).select_related("agency")


@dataclass(frozen=True)
class Month:
    month: int
    received: int = 0
    answered: int = 0
    on_time: int = 0
    published: int = 0


def by_month(messages, year: int) -> list[Month]:
    """Received (by 受理日期), answered and answered on time (by 答复日期), published (by 公开日期)."""
    rows: dict[int, dict] = {m: {} for m in range(1, 13)}

    def tally(qs, field, **counts):
        for row in qs.annotate(m=ExtractMonth(field)).values("m").annotate(**counts):
            rows[row["m"]].update({k: row[k] for k in counts})

    tally(messages.filter(received_on__year=year), "received_on", received=Count("id"))
    tally(
        messages.filter(answered_on__year=year),
        "answered_on",
        answered=Count("id"),
        on_time=Count("id", filter=Q(answered_on__lte=F("due_on"))),
    )
    tally(messages.filter(published_on__year=year), "published_on", published=Count("id"))
    return [Month(m, **values) for m, values in rows.items()]


def totals(months: list[Month]) -> Month:
    return Month(
        0, *(sum(getattr(m, f) for m in months) for f in ("received", "answered", "on_time", "published"))
    )


def _rate(part: int, whole: int) -> Decimal | None:
    if not whole:
        return None
    return (Decimal(100) * part / whole).quantize(Decimal("0.01"), ROUND_HALF_UP)


def facts(agency_ids: tuple[int, ...], year: int) -> list[Fact]:
    total = totals(by_month(Message.objects.filter(agency_id__in=agency_ids), year))
    records = reverse("interaction:index")
    return [
        Fact(
            "interaction.received",
            "收到政民互动留言",
            total.received,
            "条",
            "本年受理日期在年内的留言数",
            "platform",
            records,
        ),
        Fact(
            "interaction.answered",
            "答复留言",
            total.answered,
            "条",
            "本年答复日期在年内的留言数",
            "platform",
            records,
        ),
        Fact(
            "interaction.on_time_rate",
            "留言按期答复率",
            _rate(total.on_time, total.answered),
            "%",
            "本年答复的留言中不晚于答复期限答复的 ÷ 本年答复的留言数；答复期限按各机构设定的工作日数计算",
            "platform",
            records,
        ),
        Fact(
            "interaction.published",
            "公开答复留言",
            total.published,
            "条",
            "本年公开日期在年内的留言数（个人信息已隐去）",
            "platform",
            records,
        ),
    ]
