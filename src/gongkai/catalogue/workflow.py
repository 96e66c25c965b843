"""The entry workflow: who may change an entry in which state (草稿 → 待审核 → 已发布 → 已撤回, and
退回), the state changes themselves, the 有效性 of published documents and the 第二十六条
publication lag. Each change is one transaction with its event-log record.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gongkai import law, statemachine, workdays
from gongkai.agencies.access import access_for
from gongkai.agencies.models import Role
from gongkai.events.services import changed, record, snapshot
from gongkai.workdays.services import db_calendar

from . import cache
from .errors import CatalogueError
from .models import Entry, Status, Validity

EDITABLE_FIELDS = (
    "title",
    "summary",
    "created_date",
    "doc_number",
    "issuer",
    "category",
    "keywords",
    "disclosure",
    "doc_type",
    "validity",
    "effective_date",
    "invalid_date",
    "body",
)
LOGGED_FIELDS = (
    "index_no",
    "status",
    *EDITABLE_FIELDS,
    "publish_date",
    "return_reason",
    "publish_lag",
    "late",
)


@dataclass(frozen=True)
class Transition(statemachine.Transition):
    needs_reason: bool = False


def _refusal(state: str, action: str, allowed: str) -> str:
    return _("当前状态为“%(status)s”，不能执行“%(action)s”。") % {"status": state, "action": action}


MACHINE = statemachine.Machine(
    (
        Transition(
            "submit",
            gettext_lazy("提交审核"),
            frozenset({Status.DRAFT, Status.RETURNED}),
            Status.SUBMITTED,
            Role.CLERK,
        ),
        Transition(
            "publish",
            gettext_lazy("审核通过并发布"),
            frozenset({Status.SUBMITTED}),
            Status.PUBLISHED,
            Role.REVIEWER,
        ),
        Transition(
            "return",
            gettext_lazy("退回修改"),
            frozenset({Status.SUBMITTED}),
            Status.RETURNED,
            Role.REVIEWER,
            needs_reason=True,
        ),
        Transition(
            "revise", gettext_lazy("重新编辑"), frozenset({Status.RETURNED}), Status.DRAFT, Role.CLERK
        ),
        Transition(
            "withdraw",
            gettext_lazy("撤回"),
            frozenset({Status.PUBLISHED}),
            Status.WITHDRAWN,
            Role.REVIEWER,
            needs_reason=True,
        ),
    ),
    dict(Status.choices),
    refusal=_refusal,
)
EDITABLE_STATES = frozenset({Status.DRAFT, Status.RETURNED})


def allowed_transitions(entry: Entry, user) -> list[Transition]:
    access = access_for(user, entry.agency)
    return [t for t in MACHINE.available(entry.status) if access.has(t.role)]


def require_role(actor, agency, role) -> None:
    if not access_for(actor, agency).has(role):
        raise CatalogueError(_("您没有执行此操作的权限。"))


def locked(entry: Entry) -> Entry:
    """The entry re-read under a row lock: every change starts from the stored state."""
    return Entry.objects.select_for_update().select_related("agency").get(pk=entry.pk)


def check_validity(entry: Entry) -> None:
    if entry.validity == Validity.VALID:
        entry.invalid_date = None
    elif not entry.invalid_date:
        raise CatalogueError(_("失效或废止的文件须填写失效或废止日期。"), "invalid_date")
    elif entry.created_date and entry.invalid_date < entry.created_date:
        raise CatalogueError(_("失效或废止日期不能早于生成日期。"), "invalid_date")
    if entry.effective_date and entry.created_date and entry.effective_date < entry.created_date:
        raise CatalogueError(_("施行日期不能早于生成日期。"), "effective_date")


def publication_lag(
    created: date, published: date, calendar: workdays.WorkCalendar | None = None
) -> tuple[int | None, bool | None]:
    """Working days from 生成日期 to 发布日期 and whether that exceeds the 第二十六条 limit,
    counted on the one working calendar (the database's, which staff edit).

    (None, None) when the calendar has no data for those years: unknown, not "on time".
    """
    limit = law.PUBLISH.amount
    try:
        lag = (calendar or db_calendar()).working_days_between(created, published)
    except workdays.CalendarMissing:
        return None, None
    lag = max(lag, 0)
    return lag, lag > limit


def recount_publication_lags(years=frozenset(), **_signal) -> list:
    """A calendar edit re-counts the lag of every published entry whose 生成日期..发布日期 spans an
    edited year (a ``calendar_changed`` receiver). Lags are statistics, not deadlines: nothing to
    report as moved."""
    if not years:
        return []
    calendar = db_calendar()
    rows = Entry.objects.filter(
        publish_date__isnull=False, created_date__year__lte=max(years), publish_date__year__gte=min(years)
    ).values_list("pk", "created_date", "publish_date", "publish_lag", "late")
    stale = []
    for pk, created, published, lag, late in rows.iterator(chunk_size=5000):  # tuples: no model per row
        counted = publication_lag(created, published, calendar)
        if counted != (lag, late):
            stale.append(Entry(pk=pk, publish_lag=counted[0], late=counted[1]))
    Entry.objects.bulk_update(stale, ["publish_lag", "late"], batch_size=1000)
    if stale:
        cache.bump()  # bulk_update sends no post_save: the public pages' cache is cleared here
    return []


@transaction.atomic
def transition(actor, entry: Entry, action: str, reason: str = "", today: date | None = None) -> Entry:
    t = MACHINE.get(action)
    if t is None:
        raise CatalogueError(_("未知的操作。"))
    entry = locked(entry)
    require_role(actor, entry.agency, t.role)
    try:
        target = MACHINE.fire(entry.status, action)
    except statemachine.TransitionRefused as exc:
        raise CatalogueError(exc.message) from None
    reason = (reason or "").strip()
    if t.needs_reason and not reason:
        raise CatalogueError(_("请填写理由。"), "reason")
    before = snapshot(entry, LOGGED_FIELDS)
    entry.status = target
    if t.action == "return":
        entry.return_reason = reason
    elif t.action == "submit":
        entry.return_reason = ""
    elif t.action == "publish":
        entry.publish_date = today or timezone.localdate()
        entry.publish_lag, entry.late = publication_lag(entry.created_date, entry.publish_date)
    entry.save()
    b, a = changed(before, snapshot(entry, LOGGED_FIELDS))
    record(actor, f"catalogue.entry.{t.action}", entry, b, a, note=reason)
    return entry


def submit(actor, entry):
    return transition(actor, entry, "submit")


def publish(actor, entry, today: date | None = None):
    return transition(actor, entry, "publish", today=today)


def return_entry(actor, entry, reason: str):
    return transition(actor, entry, "return", reason=reason)


def withdraw(actor, entry, reason: str):
    return transition(actor, entry, "withdraw", reason=reason)


@transaction.atomic
def set_validity(actor, entry: Entry, validity: str, invalid_date: date | None = None) -> Entry:
    """Mark a published document 失效 or 废止 (or 有效 again); it stays in the catalogue."""
    entry = locked(entry)
    require_role(actor, entry.agency, (Role.CLERK, Role.REVIEWER))
    if entry.status != Status.PUBLISHED:
        raise CatalogueError(_("只有已发布的条目可以变更有效性；草稿请直接修改。"))
    if validity not in Validity.values:
        raise CatalogueError(_("请选择有效性。"), "validity")
    before = snapshot(entry, LOGGED_FIELDS)
    entry.validity, entry.invalid_date = validity, invalid_date
    check_validity(entry)
    entry.save(update_fields=["validity", "invalid_date", "updated_at"])
    b, a = changed(before, snapshot(entry, LOGGED_FIELDS))
    record(actor, "catalogue.entry.validity", entry, b, a)
    return entry
