"""Test helpers for appeals (fixtures only: they bypass the services and the event log)."""

from __future__ import annotations

from datetime import date
from itertools import count

from .models import Appeal
from .rules import Kind
from .workflow import Stage

_serial = count(1)


def make_appeal(
    agency,
    kind: str = Kind.RECONSIDERATION,
    received_on: date = date(2024, 3, 1),
    *,
    decision: str = "",
    decided_on: date | None = None,
    withdrawn: bool = False,
    **fields,
) -> Appeal:
    if withdrawn:
        stage = Stage.WITHDRAWN
    elif decision:
        stage = Stage.DECIDED
    else:
        stage = Stage(fields.pop("stage", Stage.REGISTERED))
    fields.setdefault("case_number", f"示复〔{received_on.year}〕{next(_serial)}号")
    fields.setdefault("body", "示例县人民政府" if kind == Kind.RECONSIDERATION else "示例县人民法院")
    return Appeal.objects.create(
        agency=agency,
        kind=str(kind),
        received_on=received_on,
        stage=stage.value,
        decision=decision,
        decided_on=decided_on,
        **fields,
    )
