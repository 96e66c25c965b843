"""Writes: a record's dates and 公示 steps, 报送 batches and their feedback. Each in one transaction
with its event."""

from __future__ import annotations

import csv
import io
from datetime import date

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai import law, workdays
from gongkai.agencies.access import access_for
from gongkai.events.services import record
from gongkai.statemachine import TransitionRefused
from gongkai.workdays.services import db_calendar

from . import rules
from .models import BatchItem, BatchState, CreditRecord, SubmissionBatch
from .workflow import BATCH, PUBLICITY, RecordFacts


class CreditError(Exception):
    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field


def require_write(actor, agency) -> None:
    if not access_for(actor, agency).can_write:
        raise CreditError(_("您没有修改本机构双公示信息的权限。"))


# ---------------------------------------------------------------- dates


def due_date(decided_on: date, calendar=None) -> date | None:
    """The last day to publish: 7 working days after the decision (the decision day excluded), on
    the one working calendar; None when the calendar cannot count that far."""
    calendar = calendar or db_calendar()
    try:
        return calendar.nth_working_day_after(decided_on, law.CREDIT_PUBLISH.amount)
    except workdays.CalendarMissing:
        return None


class DueDates:
    """``due_date`` counted once per distinct decision date: an import of 100,000 rows has a few
    hundred of them."""

    def __init__(self, calendar=None):
        self.calendar = calendar or db_calendar()
        self._memo: dict[date, date | None] = {}

    def __call__(self, decided_on: date) -> date | None:
        try:
            return self._memo[decided_on]
        except KeyError:
            due = self._memo[decided_on] = due_date(decided_on, self.calendar)
            return due


def fill_dates(rec: CreditRecord, today: date, due_on: date | None) -> CreditRecord:
    """Due date (counted by the caller), 公示期, and the W findings that depend on them."""
    rec.due_on = due_on
    special = rec.kind == rules.Kind.PENALTY and rules.special_field(rec.violation_type, rec.basis)
    rec.publicity_end, rec.repair_from = rules.publicity(rec.kind, rec.decided_on, rec.valid_to, special)
    late = rules.lateness(rec.due_on, rec.published_on, today)
    rec.warnings = [w for w in rec.warnings if w.get("field") != "published_on"]
    if late:
        rec.warnings.append({"field": late.field, "message": late.message})
    return rec


def recount_due_dates(years=frozenset(), **_signal) -> list:
    """A calendar edit re-counts the due dates of records decided in or just before an edited year
    (a ``calendar_changed`` receiver; statistics, nothing reported as moved)."""
    if not years:
        return []
    count = DueDates()
    stale = []
    rows = CreditRecord.objects.filter(
        decided_on__year__gte=min(years) - 1, decided_on__year__lte=max(years)
    ).values_list("pk", "decided_on", "due_on")
    for pk, decided, due in rows.iterator(chunk_size=5000):
        counted = count(decided)
        if counted != due:
            stale.append(CreditRecord(pk=pk, due_on=counted))
    CreditRecord.objects.bulk_update(stale, ["due_on"], batch_size=1000)
    return []


# ---------------------------------------------------------------- 公示 steps


def _locked(rec: CreditRecord) -> CreditRecord:
    return CreditRecord.objects.select_for_update().select_related("agency").get(pk=rec.pk)


@transaction.atomic
def transition(actor, rec: CreditRecord, action: str, reason: str = "", today: date | None = None):
    require_write(actor, rec.agency)
    rec = _locked(rec)
    today = today or timezone.localdate()
    facts = RecordFacts(
        is_penalty=rec.kind == rules.Kind.PENALTY,
        past_shortest=bool(rec.repair_from and today >= rec.repair_from),
    )
    try:
        target = PUBLICITY.fire(rec.state, action, facts)
    except TransitionRefused as exc:
        raise CreditError(exc.message) from None
    reason = (reason or "").strip()
    if action in ("withdraw", "repair") and not reason:
        raise CreditError(_("请填写撤下理由。"), "reason")
    before = {"state": rec.state, "published_on": rec.published_on}
    rec.state = target
    if action == "publish":
        rec.published_on = today
        fill_dates(rec, today, due_date(rec.decided_on))
    else:
        rec.ended_on, rec.end_reason = today, reason[:500]
    rec.save()
    record(
        actor,
        f"credit.record.{action}",
        rec,
        before=before,
        after={"state": rec.state, "published_on": rec.published_on},
        note=reason,
    )
    return rec


# ---------------------------------------------------------------- 报送 batches


def unsent(agency):
    """Records never accepted by the platform and not waiting in an open batch."""
    waiting = BatchItem.objects.filter(batch__state=BatchState.CREATED).values("record_id")
    return CreditRecord.objects.filter(agency=agency, submitted_on__isnull=True).exclude(pk__in=waiting)


@transaction.atomic
def create_batch(actor, agency, kind: str = "", decided_until: date | None = None) -> SubmissionBatch:
    require_write(actor, agency)
    records = unsent(agency)
    if kind:
        records = records.filter(kind=kind)
    if decided_until:
        records = records.filter(decided_on__lte=decided_until)
    ids = list(records.order_by("kind", "decided_on", "pk").values_list("pk", flat=True))
    if not ids:
        raise CreditError(_("没有待报送的记录。"))
    year = timezone.localdate().year
    last = SubmissionBatch.objects.filter(agency=agency, number__startswith=f"{year}-").aggregate(
        m=Max("number")
    )["m"]
    serial = int(last.split("-")[1]) + 1 if last else 1
    batch = SubmissionBatch.objects.create(agency=agency, number=f"{year}-{serial:04d}", created_by=actor)
    BatchItem.objects.bulk_create([BatchItem(batch=batch, record_id=pk) for pk in ids], batch_size=2000)
    record(actor, "credit.batch.create", batch, after={"records": len(ids), "kind": kind or "all"})
    return batch


def _fire(batch: SubmissionBatch, action: str) -> str:
    try:
        return BATCH.fire(batch.state, action)
    except TransitionRefused as exc:
        raise CreditError(exc.message) from None


@transaction.atomic
def send_batch(actor, batch: SubmissionBatch, sent_on: date | None = None) -> SubmissionBatch:
    require_write(actor, batch.agency)
    batch = SubmissionBatch.objects.select_for_update().get(pk=batch.pk)
    batch.state = _fire(batch, "send")
    batch.sent_on = sent_on or timezone.localdate()
    if batch.sent_on > timezone.localdate():
        raise CreditError(_("报送日期不能晚于今天。"), "sent_on")
    batch.save(update_fields=["state", "sent_on"])
    CreditRecord.objects.filter(batch_items__batch=batch).update(submitted_on=batch.sent_on)
    record(actor, "credit.batch.send", batch, after={"sent_on": batch.sent_on})
    return batch


@transaction.atomic
def cancel_batch(actor, batch: SubmissionBatch) -> SubmissionBatch:
    require_write(actor, batch.agency)
    batch = SubmissionBatch.objects.select_for_update().get(pk=batch.pk)
    batch.state = _fire(batch, "cancel")
    batch.save(update_fields=["state"])
    record(actor, "credit.batch.cancel", batch)
    return batch


def parse_feedback(text: str) -> list[tuple[str, str]]:
    """Lines (or a CSV) of 决定文书号 and 退回原因, separated by a comma or a tab; a header line
    naming 文书号 is skipped."""
    rows = []
    for row in csv.reader(io.StringIO(text.replace("\t", ",").replace("，", ","))):
        cells = [c.strip() for c in row]
        if not cells or not cells[0]:
            continue
        if "文书号" in cells[0] or "文号" in cells[0]:
            continue
        rows.append((cells[0], ",".join(c for c in cells[1:] if c)))
    return rows


@transaction.atomic
def enter_feedback(actor, batch: SubmissionBatch, text: str, feedback_on: date | None = None) -> int:
    """The platform's feedback: the rows it refused, with reasons. They return to the records not
    yet sent (to be corrected and sent again); the others stay accepted. Returns the rows refused."""
    require_write(actor, batch.agency)
    batch = SubmissionBatch.objects.select_for_update().get(pk=batch.pk)
    state = _fire(batch, "feedback")
    rejected = parse_feedback(text)
    items = {i.record.doc_no: i for i in batch.items.select_related("record")}
    unknown = [no for no, _reason in rejected if no not in items]
    if unknown:
        raise CreditError(_("以下文书号不在本批次中：%(n)s") % {"n": "、".join(unknown[:20])}, "text")
    missing_reason = [no for no, reason in rejected if not reason]
    if missing_reason:
        raise CreditError(_("请填写退回原因：%(n)s") % {"n": "、".join(missing_reason[:20])}, "text")
    changed = []
    for no, reason in rejected:
        item = items[no]
        item.rejected, item.reason = True, reason[:500]
        changed.append(item)
    BatchItem.objects.bulk_update(changed, ["rejected", "reason"])
    CreditRecord.objects.filter(pk__in=[i.record_id for i in changed]).update(submitted_on=None)
    batch.state, batch.feedback_on = state, feedback_on or timezone.localdate()
    batch.save(update_fields=["state", "feedback_on"])
    record(actor, "credit.batch.feedback", batch, after={"rejected": [no for no, _r in rejected]})
    return len(changed)
