"""What the public sees of a record: no personal column at all (证件号码, 法定代表人证件号码),
a natural person's name as 张某某, and personal data found in the free texts masked by
``gongkai.redaction`` (ID numbers removed, phones and addresses partly masked)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from gongkai.redaction import Action, Profile, detect
from gongkai.redaction import apply as redact
from gongkai.redaction.detect import (
    ADDRESS,
    BANK_ACCOUNT,
    EMAIL,
    ID_NUMBER,
    MANUAL,
    NAME,
    PARTY,
    PHONE,
    Proposal,
)
from gongkai.redaction.mask import replacement

from .rules import LONG_TERM, Category, Column

PUBLIC = Profile(
    "credit_public",
    {
        PARTY: Action.MASK,
        NAME: Action.MASK,
        ID_NUMBER: Action.REMOVE,
        PHONE: Action.MASK,
        ADDRESS: Action.TRUNCATE,
        EMAIL: Action.REMOVE,
        BANK_ACCOUNT: Action.REMOVE,
        MANUAL: Action.REMOVE,
    },
)
FREE_TEXTS = ("content", "facts", "note", "licence_suspended")


def person_name(name: str) -> str:
    return replacement(Proposal(0, len(name), NAME, "credit"), Action.MASK, name) if name else name


def _people(rec) -> list[str]:
    names = []
    if rec.subject_category == Category.PERSON and rec.subject_name:
        names.append(rec.subject_name)
    if rec.subject_category == Category.INDIVIDUAL_BUSINESS and rec.legal_rep:
        names.append(rec.legal_rep)
    return names


def masked_value(rec, column: Column) -> str:
    if column.personal:
        raise ValueError(f"{column.key} is never public")
    value = getattr(rec, column.key)
    if column.key == "valid_to" and value is None and rec.long_term:
        return LONG_TERM
    if value is None:
        return ""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return f"{value:f}"
    text = str(value)
    if column.key == "subject_name" and rec.subject_category == Category.PERSON:
        return person_name(text)
    if column.key == "legal_rep" and rec.subject_category != Category.ORGANISATION:
        return person_name(text)
    if column.key in FREE_TEXTS and text:
        # the record's own ID numbers go whatever their check digit (a typo must not leak either)
        numbers = [n for n in (rec.id_no, rec.legal_rep_id_no) if n]
        return redact(text, PUBLIC.proposals(detect(text, names=_people(rec), terms=numbers)), PUBLIC)
    return text
