"""Test helpers for 第二十条 records (fixtures only: they bypass the services and the event log)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from itertools import count

from .models import Decision, FeeCollection, YearlyTotal
from .rules import Kind

_serial = count(1)


def make_decision(
    agency, kind: str = Kind.LICENSING, decided_on: date = date(2024, 5, 6), **fields
) -> Decision:
    fields.setdefault("number", f"示许〔{decided_on.year}〕{next(_serial)}号")
    fields.setdefault("subject", "示例县某某有限公司")
    return Decision.objects.create(agency=agency, kind=str(kind), decided_on=decided_on, **fields)


def make_total(agency, year: int, kind: str, count_: int, source: str = "执法办案系统") -> YearlyTotal:
    return YearlyTotal.objects.create(agency=agency, year=year, kind=str(kind), count=count_, source=source)


def make_fee(agency, year: int, item: str, amount_yuan, basis: str = "") -> FeeCollection:
    return FeeCollection.objects.create(
        agency=agency, year=year, item=item, basis=basis, amount_yuan=Decimal(str(amount_yuan))
    )
