"""Writes of 政民互动, each in one transaction with its event."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from gongkai.events.services import PublicActor, changed, record, snapshot
from gongkai.serials import next_serial
from gongkai.statemachine import TransitionRefused
from gongkai.workdays.services import db_calendar

from .masking import mask
from .models import AgencySettings, Counter, Message, State
from .queries import answer_days, hash_query_code
from .rules import QUERY_CODE_ALPHABET, QUERY_CODE_LENGTH
from .workflow import MACHINE

# A visitor's own message, in the log under their role, never their name.
VISITOR = PublicActor(gettext_noop("留言人"))

LOGGED = ("state", "answer", "answered_on", "published_on", "public_title", "public_body", "public_answer")


class InteractionError(Exception):
    def __init__(self, message):
        super().__init__(str(message))
        self.message = str(message)


@dataclass(frozen=True)
class Receipt:
    message: Message
    query_code: str


def _fire(message: Message, action: str) -> State:
    try:
        return MACHINE.fire(message.state, action, message)
    except TransitionRefused as exc:
        raise InteractionError(exc.message) from None


@transaction.atomic
def submit(agency, *, kind, title, body, name, contact, consent, now=None) -> Receipt:
    """A visitor's message: its 受理编号, a query code (shown once, stored hashed), its answer period."""
    now = now or timezone.now()
    received_on = timezone.localdate(now)
    year = received_on.year
    ack_no = f"LY-{agency.code}-{year}-{next_serial(Counter, agency=agency, year=year):05d}"
    code = "".join(secrets.choice(QUERY_CODE_ALPHABET) for _ in range(QUERY_CODE_LENGTH))
    message = Message.objects.create(
        agency=agency,
        ack_no=ack_no,
        query_code_hash=hash_query_code(ack_no, code),
        kind=kind,
        title=title,
        body=body,
        name=name,
        contact=contact,
        consent=consent,
        received_at=now,
        received_on=received_on,
        due_on=db_calendar().nth_working_day_after(received_on, answer_days(agency)),
    )
    record(
        VISITOR, "interaction.message.submit", message, after=snapshot(message, ("ack_no", "kind", "due_on"))
    )
    return Receipt(message, code)


@transaction.atomic
def answer(actor, message: Message, text: str, on: date | None = None) -> Message:
    message = Message.objects.select_for_update().get(pk=message.pk)
    if not text.strip():
        raise InteractionError(_("请填写答复内容"))
    before = snapshot(message, LOGGED)
    message.state = _fire(message, "answer")
    message.answer = text.strip()
    message.answered_on = on or timezone.localdate()
    message.answered_by = actor
    message.save()
    record(actor, "interaction.message.answer", message, *changed(before, snapshot(message, LOGGED)))
    return message


def masked_texts(message: Message) -> dict:
    """The proposal the officer starts from: the three texts with personal data masked."""
    names = [message.name]
    return {
        "public_title": mask(message.title, names),
        "public_body": mask(message.body, names),
        "public_answer": mask(message.answer, names),
    }


@transaction.atomic
def publish(actor, message: Message, texts: dict | None = None, on: date | None = None) -> Message:
    """Publish with the officer's texts (or the proposal); whatever they left is masked again, so a
    phone or ID number typed back in never reaches the page."""
    message = Message.objects.select_for_update().get(pk=message.pk)
    before = snapshot(message, LOGGED)
    message.state = _fire(message, "publish")
    texts = texts or masked_texts(message)
    for field in ("public_title", "public_body", "public_answer"):
        setattr(message, field, mask(texts[field].strip(), [message.name]))
    if not message.public_title or not message.public_answer:
        raise InteractionError(_("公开的标题和答复不能为空"))
    message.published_on = on or timezone.localdate()
    message.save()
    record(actor, "interaction.message.publish", message, *changed(before, snapshot(message, LOGGED)))
    return message


@transaction.atomic
def unpublish(actor, message: Message) -> Message:
    message = Message.objects.select_for_update().get(pk=message.pk)
    before = snapshot(message, LOGGED)
    message.state = _fire(message, "unpublish")
    message.published_on = None
    message.save()
    record(actor, "interaction.message.unpublish", message, *changed(before, snapshot(message, LOGGED)))
    return message


@transaction.atomic
def set_answer_days(actor, agency, days: int) -> AgencySettings:
    row, _created = AgencySettings.objects.select_for_update().get_or_create(agency=agency)
    before = snapshot(row, ("answer_days",))
    row.answer_days = days
    row.save()
    record(
        actor,
        "interaction.settings.update",
        row,
        *changed(before, snapshot(row, ("answer_days",))),
        agency=agency,
    )
    return row
