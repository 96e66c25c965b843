"""Entering or correcting one record by hand: the import's parsers and validators on one row, so
that a record typed into the form and one read from a file are held to the same rules."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.events.services import changed, record, snapshot
from gongkai.statemachine import TransitionRefused

from .importing import Check, import_columns
from .models import CreditRecord, PublicityState
from .rules import LONG_TERM, Kind
from .services import CreditError, fill_dates, require_write
from .workflow import PUBLICITY, RecordFacts


class RecordRefused(CreditError):
    """The row's H findings, by field key (the form shows each beside its field)."""

    def __init__(self, errors: dict[str, list[str]]):
        super().__init__(_("记录未保存，请按提示修改。"))
        self.errors = errors


def cells_of(rec: CreditRecord) -> dict[str, str]:
    """A stored record as the form's cells (dates ISO, 长期 for a licence valid without end)."""
    out = {}
    for column in import_columns(rec.kind):
        value = getattr(rec, column.key)
        if column.key == "valid_to" and rec.long_term:
            out[column.key] = LONG_TERM
        elif value is None:
            out[column.key] = ""
        elif column.money:
            out[column.key] = f"{value.normalize():f}"
        else:
            out[column.key] = value.isoformat() if column.day else str(value)
    return out


def _logged(kind: str) -> list[str]:
    # personal numbers never go into the log: only that they changed
    return [*(c.key for c in import_columns(kind) if not c.personal), "state"]


@transaction.atomic
def save_record(actor, agency, kind: str, cells: dict[str, str], rec: CreditRecord | None = None):
    """Create (``rec`` None) or correct a record from the form's cells, or raise RecordRefused.
    Returns the record and its W findings. A correction of a record already sent to the credit
    platform puts it back among the records to send."""
    require_write(actor, agency)
    if kind not in Kind.values:
        raise CreditError(_("请选择记录的类型。"))
    today = timezone.localdate()
    if rec is not None:
        rec = CreditRecord.objects.select_for_update().get(pk=rec.pk, agency=agency, kind=kind)
    doc_no = (cells.get("doc_no") or "").strip()
    taken = CreditRecord.objects.filter(agency=agency, kind=kind, doc_no=doc_no).exclude(
        pk=getattr(rec, "pk", None)
    )
    check = Check(kind, agency, today, existing={doc_no} if taken.exists() else set())
    columns = check.columns
    check.read_by({c.key: i for i, c in enumerate(columns)})
    valid = check.row(1, tuple((cells.get(c.key) or "").strip() for c in columns))
    if valid is None:
        errors: dict[str, list[str]] = {}
        for finding in check.errors:
            errors.setdefault(finding["field"], []).append(finding["message"])
        raise RecordRefused(errors)
    values, warnings = valid
    long_term = values.pop("long_term", False)
    if rec is None:
        rec = CreditRecord(agency=agency, kind=kind, state=PublicityState.PENDING)
        before, personal_before = None, {}
    else:
        before = snapshot(rec, _logged(kind))
        personal_before = {c.key: getattr(rec, c.key) for c in columns if c.personal}
    published_before = rec.published_on
    for key, value in values.items():
        setattr(rec, key, value)
    rec.long_term, rec.warnings = long_term, warnings
    if rec.published_on is None and published_before is not None:
        raise RecordRefused({"published_on": [_("已公示的记录不能清空公示日期；如需撤下，请用“撤回公示”。")]})
    if rec.published_on and rec.state == PublicityState.PENDING:
        try:  # a pending record entered with its 公示日期: published, through the machine
            rec.state = PUBLICITY.fire(rec.state, "publish", RecordFacts(kind == Kind.PENALTY, False))
        except TransitionRefused as exc:
            raise CreditError(exc.message) from None
    fill_dates(rec, today, check.due(rec.decided_on))
    if before is None:
        rec.save()
        record(actor, "credit.record.create", rec, after=snapshot(rec, _logged(kind)))
        return rec, warnings
    was, now = changed(before, snapshot(rec, _logged(kind)))
    personal = [c.header for c in columns if c.personal and personal_before[c.key] != getattr(rec, c.key)]
    if not was and not personal:
        return rec, warnings
    resend = rec.submitted_on is not None
    rec.submitted_on = None  # the platform holds the old values: the record is to be sent again
    rec.save()
    record(
        actor,
        "credit.record.correct",
        rec,
        before=was,
        after={**now, **({"个人信息": personal} if personal else {})},
        note=_("已报送的记录已改为待重新报送") if resend else "",
    )
    return rec, warnings
