"""Writing to the event log. Call ``record`` inside the transaction of the change it describes,
so that the change and its record are saved together or not at all."""

from __future__ import annotations

import datetime as dt
import decimal
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db import models, transaction

from . import chain
from .models import ChainHead, Event


class NotInTransaction(RuntimeError):
    pass


def _json_value(value: Any) -> Any:
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal | uuid.UUID):
        return str(value)
    if isinstance(value, models.fields.files.FieldFile):
        return value.name or None
    if isinstance(value, list | tuple | set):
        return [_json_value(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _json_value(v) for k, v in value.items()}
    return value


def snapshot(instance: models.Model, fields: Iterable[str]) -> dict[str, Any]:
    """The named fields of ``instance`` as JSON-ready values (foreign keys as ids)."""
    out = {}
    for name in fields:
        field = instance._meta.get_field(name)
        value = getattr(instance, field.attname)
        out[name] = _json_value(value)
    return out


def changed(before: dict | None, after: dict | None) -> tuple[dict, dict]:
    """Only the keys whose values differ, for compact before/after records."""
    before, after = before or {}, after or {}
    keys = [k for k in {**before, **after} if before.get(k) != after.get(k)]
    return {k: before.get(k) for k in keys}, {k: after.get(k) for k in keys}


@dataclass(frozen=True)
class PublicActor:
    """Someone without an account who takes a step (the applicant on the portal), logged under the
    word for their role, never their name: every staff member reads the log, and the name is
    personal data. ``label`` is a Chinese msgid (``gettext_noop``), translated when shown."""

    label: str


def record(
    actor,
    action: str,
    subject: models.Model | tuple[str, Any] | None = None,
    before: dict | None = None,
    after: dict | None = None,
    agency=None,
    note: str = "",
) -> Event:
    """Append one event.

    ``actor``: the user, a ``PublicActor`` for a step the public takes, or None (or an anonymous
    user) for the system's own steps.
    ``action``: a dotted name, e.g. ``agencies.membership.add`` or ``catalogue.entry.publish``.
    ``subject``: a model instance, or ``(type, id)`` for something that is not a row.
    ``agency``: defaults to ``subject.agency`` when the subject has one.
    """
    if not transaction.get_connection().in_atomic_block:
        raise NotInTransaction("events.record() must run inside the transaction of the change it records")
    if isinstance(actor, PublicActor):
        actor, actor_name = None, actor.label
    elif actor is not None and getattr(actor, "is_authenticated", False):
        actor_name = actor.get_username()
    else:
        actor, actor_name = None, ""
    subject_type = subject_id = subject_label = ""
    if isinstance(subject, models.Model):
        subject_type = subject._meta.label_lower
        subject_id = str(subject.pk)
        subject_label = str(subject)[:300]
        if agency is None and subject._meta.label_lower == "agencies.agency":
            agency = subject
        elif agency is None:
            agency = getattr(subject, "agency", None)
    elif subject is not None:
        subject_type, subject_id = str(subject[0]), str(subject[1])
    return Event.objects.create(
        actor=actor,
        actor_name=actor_name,
        agency=agency,
        action=action,
        subject_type=subject_type,
        subject_id=subject_id,
        subject_label=subject_label,
        before=_json_value(before) if before is not None else None,
        after=_json_value(after) if after is not None else None,
        note=note,
    )


def verify_chain(limit: int = 20) -> chain.Verdict:
    """Re-compute the log's hash chain from the first event to the head (``gongkai audit verify``)."""
    head = ChainHead.objects.filter(pk=ChainHead.PK).first()
    unnumbered = Event.objects.filter(seq__isnull=True).values_list("id", flat=True)[:limit]
    rows = (
        Event.objects.filter(seq__isnull=False)
        .order_by("seq")
        .values("id", "seq", "digest", *chain.CONTENT_FIELDS)
        .iterator(chunk_size=2000)
    )
    verdict = chain.verify(rows, head.seq if head else 0, head.digest if head else chain.GENESIS, limit)
    if unnumbered:
        ids = "、".join(str(i) for i in unnumbered)
        extra = chain.Break(
            None,
            None,
            f"编号为 {ids} 的记录没有序号：它们绕过了记录程序写入",
            f"events with id {', '.join(str(i) for i in unnumbered)} have no number: they were written around the log",
        )
        verdict = chain.Verdict(
            verdict.checked, verdict.head_seq, verdict.head_digest, (*verdict.breaks, extra)
        )
    return verdict
