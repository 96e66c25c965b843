"""Changes to appeals: each one transaction with its event-log entry, or nothing at all."""

from __future__ import annotations

from datetime import date

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai import law
from gongkai.agencies.access import WRITE_ROLES, access_for
from gongkai.events.services import record, snapshot
from gongkai.statemachine import TransitionRefused
from gongkai.workdays import CalendarMissing, WorkCalendar
from gongkai.workdays.services import db_calendar

from . import rules
from .models import Appeal
from .rules import DECISIONS, DayCount, Kind
from .workflow import MACHINE, Stage

EDITABLE_FIELDS = (
    "kind",
    "body",
    "case_number",
    "applicant",
    "application",
    "review_body_co_defendant",
    "simplified",
    "filed_on",
    "received_on",
    "notes",
)
LOGGED_FIELDS = (*EDITABLE_FIELDS, "stage", "answered_on", "decision", "decided_on")
# Before this no appeal about 政府信息公开 can exist.
EARLIEST = law.IN_FORCE


class AppealError(Exception):
    """A refused change, with a Chinese message and maybe the form field it is about."""

    def __init__(self, message, field: str | None = None):
        super().__init__(str(message))
        self.message = str(message)
        self.field = field


def _require_write(actor, agency) -> None:
    if not access_for(actor, agency).has(WRITE_ROLES):
        raise AppealError(_("您没有执行此操作的权限。"))


def _today() -> date:
    return timezone.localdate()


def _check_day(value, field: str, label: str, not_before: date | None = None, before_label: str = "") -> None:
    if value is None:
        return
    if value < EARLIEST:
        raise AppealError(_("%(label)s不能早于%(d)s。") % {"label": label, "d": EARLIEST.isoformat()}, field)
    if value > _today():
        raise AppealError(_("%(label)s不能晚于今天。") % {"label": label}, field)
    if not_before is not None and value < not_before:
        raise AppealError(
            _("%(label)s不能早于%(other)s（%(d)s）。")
            % {"label": label, "other": before_label, "d": not_before.isoformat()},
            field,
        )


def _validate(appeal: Appeal) -> None:
    appeal.body = (appeal.body or "").strip()
    appeal.case_number = (appeal.case_number or "").strip()
    appeal.applicant = (appeal.applicant or "").strip()
    if appeal.kind not in {k.value for k in Kind}:
        raise AppealError(_("请选择案件类别。"), "kind")
    if not appeal.body:
        raise AppealError(_("请填写复议机关或人民法院。"), "body")
    if not appeal.case_number:
        raise AppealError(_("请填写案号。"), "case_number")
    if appeal.received_on is None:
        raise AppealError(_("请填写收到申请书副本或起诉状副本的日期。"), "received_on")
    _check_day(appeal.filed_on, "filed_on", _("申请或立案日期"))
    _check_day(appeal.received_on, "received_on", _("收到副本日期"), appeal.filed_on, _("申请或立案日期"))
    if appeal.review_body_co_defendant and appeal.kind != Kind.LITIGATION_AFTER:
        raise AppealError(
            _("只有复议后起诉的案件才会出现复议机关作为共同被告的情形。"), "review_body_co_defendant"
        )
    if appeal.simplified and appeal.kind != Kind.RECONSIDERATION:
        raise AppealError(_("简易程序只适用于行政复议案件。"), "simplified")
    if appeal.application_id is not None and appeal.application.agency_id != appeal.agency_id:
        raise AppealError(_("所涉申请不属于本机构。"), "application")
    duplicate = Appeal.objects.filter(agency=appeal.agency, kind=appeal.kind, case_number=appeal.case_number)
    if appeal.pk:
        duplicate = duplicate.exclude(pk=appeal.pk)
    if duplicate.exists():
        raise AppealError(
            _("本机构已有同一类别、案号为“%(n)s”的案件。") % {"n": appeal.case_number}, "case_number"
        )


def _save(appeal: Appeal) -> None:
    try:
        with transaction.atomic():
            appeal.save()
    except IntegrityError:  # a concurrent save won the unique constraint
        raise AppealError(
            _("本机构已有同一类别、案号为“%(n)s”的案件。") % {"n": appeal.case_number}, "case_number"
        ) from None


def _locked(appeal: Appeal) -> Appeal:
    return Appeal.objects.select_for_update().select_related("agency").get(pk=appeal.pk)


@transaction.atomic
def create_appeal(actor, agency, **fields) -> Appeal:
    _require_write(actor, agency)
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise AppealError(f"unknown fields: {sorted(unknown)}")
    appeal = Appeal(agency=agency, stage=Stage.REGISTERED.value, **fields)
    _validate(appeal)
    _save(appeal)
    record(actor, "appeals.appeal.create", appeal, None, snapshot(appeal, LOGGED_FIELDS))
    return appeal


@transaction.atomic
def update_appeal(actor, appeal: Appeal, **fields) -> Appeal:
    _require_write(actor, appeal.agency)
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise AppealError(f"unknown fields: {sorted(unknown)}")
    appeal = _locked(appeal)
    before = snapshot(appeal, LOGGED_FIELDS)
    if "kind" in fields and fields["kind"] != appeal.kind and appeal.decision:
        raise AppealError(_("已登记审理结果的案件不能更改类别。"), "kind")
    for key, value in fields.items():
        setattr(appeal, key, value)
    _validate(appeal)
    if appeal.answered_on and appeal.answered_on < appeal.received_on:
        raise AppealError(_("收到副本日期不能晚于已登记的答复日期。"), "received_on")
    if appeal.decided_on and appeal.decided_on < appeal.received_on:
        raise AppealError(_("收到副本日期不能晚于已登记的审结日期。"), "received_on")
    _save(appeal)
    record(actor, "appeals.appeal.update", appeal, before, snapshot(appeal, LOGGED_FIELDS))
    return appeal


def _transition(actor, appeal: Appeal, action: str) -> tuple[Appeal, dict, Stage]:
    _require_write(actor, appeal.agency)
    appeal = _locked(appeal)
    try:
        target = MACHINE.fire(appeal.stage, action)
    except TransitionRefused as error:
        raise AppealError(error.message) from None
    return appeal, snapshot(appeal, LOGGED_FIELDS), target


@transaction.atomic
def record_answer(actor, appeal: Appeal, answered_on: date) -> Appeal:
    """Our 答复 (复议) or 答辩状 (诉讼) was filed on ``answered_on``."""
    appeal, before, target = _transition(actor, appeal, "answer")
    if answered_on is None:
        raise AppealError(_("请填写提交答复或答辩状的日期。"), "answered_on")
    _check_day(answered_on, "answered_on", _("答复日期"), appeal.received_on, _("收到副本日期"))
    appeal.answered_on, appeal.stage = answered_on, target.value
    appeal.save()
    record(actor, "appeals.appeal.answer", appeal, before, snapshot(appeal, LOGGED_FIELDS))
    return appeal


@transaction.atomic
def record_decision(actor, appeal: Appeal, decision: str, decided_on: date) -> Appeal:
    """The body's decision or the court's judgment; on a decided case this corrects it."""
    action = "correct_decision" if appeal.stage == Stage.DECIDED else "decide"
    appeal, before, target = _transition(actor, appeal, action)
    allowed = {d.code for d in rules.decisions_for(appeal.kind)}
    if decision not in allowed:
        raise AppealError(
            _("“%(d)s”不是%(k)s案件的审理结果。")
            % {"d": DECISIONS[decision].label if decision in DECISIONS else decision, "k": appeal.kind_label},
            "decision",
        )
    if decided_on is None:
        raise AppealError(_("请填写审结日期。"), "decided_on")
    _check_day(decided_on, "decided_on", _("审结日期"), appeal.received_on, _("收到副本日期"))
    appeal.decision, appeal.decided_on, appeal.stage = decision, decided_on, target.value
    appeal.save()
    record(actor, f"appeals.appeal.{action}", appeal, before, snapshot(appeal, LOGGED_FIELDS))
    return appeal


@transaction.atomic
def record_withdrawal(actor, appeal: Appeal, withdrawn_on: date, note: str = "") -> Appeal:
    """The applicant or plaintiff withdrew (the case ends as 其他结果 on that day)."""
    appeal, before, target = _transition(actor, appeal, "withdraw")
    if withdrawn_on is None:
        raise AppealError(_("请填写撤回日期。"), "decided_on")
    _check_day(withdrawn_on, "decided_on", _("撤回日期"), appeal.received_on, _("收到副本日期"))
    appeal.decided_on, appeal.stage, appeal.decision = withdrawn_on, target.value, ""
    appeal.save()
    record(actor, "appeals.appeal.withdraw", appeal, before, snapshot(appeal, LOGGED_FIELDS), note=note)
    return appeal


# ---------------------------------------------------------------- our deadline


def answer_due(appeal: Appeal, calendar: WorkCalendar | None = None) -> date:
    """The last day for our 答复/答辩 (raises ``CalendarMissing`` when the calendar lacks a year)."""
    calendar = calendar or db_calendar()
    period = rules.answer_period(appeal.kind, appeal.simplified)
    if period.count is DayCount.WORKING:
        return calendar.nth_working_day_after(appeal.received_on, period.days)
    return calendar.calendar_days_after(appeal.received_on, period.days)


def answer_status(appeal: Appeal, today: date | None = None, calendar: WorkCalendar | None = None) -> dict:
    """For the pages: the due date, whether it was met, or why it cannot be computed."""
    period = rules.answer_period(appeal.kind, appeal.simplified)
    out = {"period": period, "due": None, "late": None, "days_left": None, "missing": ""}
    calendar = calendar or db_calendar()
    try:
        due = answer_due(appeal, calendar)
    except CalendarMissing as error:
        out["missing"] = _("%(year)s年的节假日安排尚未录入，无法计算期限") % {"year": error.year}
        return out
    out["due"] = due
    if appeal.answered_on:
        out["late"] = appeal.answered_on > due
    elif not appeal.is_finished:
        today = today or _today()
        out["late"] = today > due
        out["days_left"] = (due - today).days
    return out
