"""The statutory clock of one application: a pure function of the receipt date and the clock events.

Rules (条例, counting per 民法典第二百零一条 — the day an event happens is not counted after it; the
periods themselves are in ``gongkai.law`` and reach the clock as ``Deadlines``):
- reply within ``law.REPLY`` working days after receipt (第三十三条);
- 补正 (第三十条): the notice is due within ``law.CORRECTION_NOTICE`` WD after receipt, once; while the applicant corrects,
  the clock stands still, and when the corrected application arrives it starts again from zero;
- 征求意见 (第三十二条、第三十四条、第三十三条第二款): the time is not counted. The day the letter
  goes out still counts; the working days after it, up to the day the consultation ends, do not —
  but at most the consultation period (``Deadlines.cap_consultation_pause``), because after it
  a third party's silence lets the agency decide and a co-producer's silence is consent;
- 延期 (第三十三条): once, at most ``law.EXTENSION_MAX`` WD, decided before the deadline;
- 收费 (109号): payment due ``law.PAYMENT`` WD after the notice; whether the reply clock stands still meanwhile is
  unconfirmed [U], so it is a setting (``Deadlines.fee_notice_pauses_clock``, off by default).

A pause that starts after the deadline has passed does not revive it: the application stays overdue.
Events that contradict the rules (a second 补正, an extension beyond the maximum …) raise ``ClockError``.

Messages and warnings are built in the active language (Chinese, the source language, by default);
labels are Chinese data marked with ``gettext_noop`` and translated where they are shown.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from ..workdays import CalendarMissing, WorkCalendar, default_calendar
from .rules import DEFAULT_DEADLINES, Deadlines


class EventKind(StrEnum):
    CORRECTION_REQUESTED = "correction_requested"
    CORRECTION_RECEIVED = "correction_received"
    CONSULTATION_STARTED = "consultation_started"
    CONSULTATION_ENDED = "consultation_ended"
    EXTENSION_GRANTED = "extension_granted"
    FEE_NOTICE_SENT = "fee_notice_sent"
    FEE_PAID = "fee_paid"


EVENT_LABELS = {
    EventKind.CORRECTION_REQUESTED: gettext_noop("告知补正"),
    EventKind.CORRECTION_RECEIVED: gettext_noop("收到补正"),
    EventKind.CONSULTATION_STARTED: gettext_noop("征求意见"),
    EventKind.CONSULTATION_ENDED: gettext_noop("征求意见结束"),
    EventKind.EXTENSION_GRANTED: gettext_noop("延长答复期限"),
    EventKind.FEE_NOTICE_SENT: gettext_noop("发出收费通知"),
    EventKind.FEE_PAID: gettext_noop("缴纳费用"),
}


@dataclass(frozen=True)
class ClockEvent:
    kind: EventKind
    on: date
    days: int | None = None  # extension_granted: working days added
    until: date | None = None  # correction_requested: the 补正期限 given to the applicant


class Status(StrEnum):
    RUNNING = "running"
    STOPPED = "stopped"  # waiting for the applicant's 补正
    PAUSED = "paused"  # consultation (or fee, if configured) — not counted


STATUS_LABELS = {
    Status.RUNNING: gettext_noop("计时中"),
    Status.STOPPED: gettext_noop("待补正（停止计时）"),
    Status.PAUSED: gettext_noop("暂停计时"),
}


class ClockError(ValueError):
    """The events contradict the rules; the message is in the active language (Chinese by default)."""


@dataclass(frozen=True)
class Due:
    kind: str  # reply | correction_notice | correction | consultation | payment
    label: str  # Chinese, marked for translation: show it with gettext
    on: date
    days_left: int | None  # working days left as of ``today``; None without ``today`` or calendar data
    provisional: bool = False  # counted into a year whose holiday notice is not entered: show 暂定


@dataclass(frozen=True)
class ClockState:
    received: date
    status: Status
    started: date  # the clock counts working days after this day (receipt, or 补正 received)
    budget: int  # reply period in WD, extension included
    extended_by: int
    paused_days: int  # working days not counted because of consultations (and fee, if configured)
    reply_due: date | None  # None while stopped for 补正 (or paused with no cap)
    correction_notice_due: date | None  # while no 补正 notice has been sent
    correction_due: date | None  # the applicant's 补正期限, while waiting for it
    consultation_due: date | None
    payment_due: date | None
    warnings: tuple[str, ...]
    today: date | None
    calendar: WorkCalendar

    @property
    def paused(self) -> bool:
        return self.status is not Status.RUNNING

    @property
    def status_label(self) -> str:
        """计时中 / 待补正（停止计时） / 暂停计时, in the active language."""
        return _(STATUS_LABELS[self.status])

    def _left(self, on: date) -> int | None:
        """Working days left until ``on`` as of ``today``; None when there is no ``today`` or when
        the calendar cannot count between the two (``today`` in a year without holiday data: the
        deadline itself stands, only the count is unknown — never guessed as plain weekdays)."""
        if self.today is None:
            return None
        try:
            return self.calendar.working_days_left(self.today, on)
        except CalendarMissing:
            return None

    @property
    def days_left(self) -> int | None:
        return None if self.reply_due is None else self._left(self.reply_due)

    @property
    def overdue(self) -> bool:
        return self.reply_due is not None and self.today is not None and self.today > self.reply_due

    def deadlines(self) -> tuple[Due, ...]:
        """Every deadline now in force, with working days left."""
        items = (
            ("correction_notice", gettext_noop("补正告知期限"), self.correction_notice_due),
            ("correction", gettext_noop("申请人补正期限"), self.correction_due),
            ("consultation", gettext_noop("征求意见期限"), self.consultation_due),
            ("payment", gettext_noop("缴费期限"), self.payment_due),
            ("reply", gettext_noop("答复期限"), self.reply_due),
        )
        return tuple(
            Due(kind, label, on, self._left(on), self.calendar.is_provisional(on))
            for kind, label, on in items
            if on is not None
        )

    @property
    def provisional(self) -> bool:
        """Whether any deadline now in force is provisional (暂定)."""
        return any(due.provisional for due in self.deadlines())


def compute_clock(
    received: date,
    events: Iterable[ClockEvent] = (),
    today: date | None = None,
    calendar: WorkCalendar | None = None,
    rules: Deadlines = DEFAULT_DEADLINES,
) -> ClockState:
    """The clock of an application received on ``received`` after ``events`` (in any order)."""
    return _Clock(received, calendar or default_calendar(), rules).run(events, today)


class _Clock:
    def __init__(self, received: date, calendar: WorkCalendar, rules: Deadlines):
        self.cal = calendar
        self.rules = rules
        self.received = received
        self.status = Status.RUNNING
        self.started = received
        self.consumed = 0  # working days used before the current running segment
        self.budget = rules.reply
        self.frozen_due: date | None = None  # set when a pause starts after the deadline
        self.extended_by = 0
        self.paused_days = 0
        self.pause_start: date | None = None
        self.pause_kind: EventKind | None = None
        self.correction_requested = False
        self.correction_due: date | None = None
        self.consultation_due: date | None = None
        self.fee_notice_sent = False
        self.payment_due: date | None = None
        self.warnings: list[str] = []

    # ------------------------------------------------------------ helpers

    def due(self) -> date:
        """The reply deadline while running."""
        if self.frozen_due is not None:
            return self.frozen_due
        return self.cal.nth_working_day_after(self.started, self.budget - self.consumed)

    def pause(self, on: date, kind: EventKind) -> None:
        deadline = self.due()
        if on > deadline:
            self.frozen_due = deadline  # already overdue: the pause does not revive the deadline
        elif self.frozen_due is None:
            self.consumed += self.cal.working_days_between(self.started, on)
        self.status = Status.PAUSED
        self.pause_start = on
        self.pause_kind = kind

    def resume(self, on: date) -> None:
        assert self.pause_start is not None
        self.paused_days += max(0, self.cal.working_days_between(self.pause_start, on))
        self.started = on
        self.status = Status.RUNNING
        self.pause_start = self.pause_kind = None

    def consultation_resume_date(self, ended: date) -> date:
        assert self.consultation_due is not None
        if self.rules.cap_consultation_pause and ended > self.consultation_due:
            return self.consultation_due
        return ended

    def fail(self, message: str) -> None:
        raise ClockError(message)

    # ------------------------------------------------------------ events

    def run(self, events: Iterable[ClockEvent], today: date | None) -> ClockState:
        ordered = sorted(events, key=lambda e: e.on)  # stable: same-day events keep their order
        for event in ordered:
            if event.on < self.received:
                self.fail(
                    _("“%(event)s”的日期 %(on)s 早于收到申请日期 %(received)s")
                    % {"event": _(EVENT_LABELS[event.kind]), "on": event.on, "received": self.received}
                )
            getattr(self, f"on_{event.kind.value}")(event)
        return self.state(today)

    def on_correction_requested(self, e: ClockEvent) -> None:
        if self.correction_requested:
            self.fail(_("补正只能一次性告知（条例第三十条），不能再次告知补正"))
        if self.status is not Status.RUNNING:
            self.fail(_("%(status)s期间不能告知补正") % {"status": _(STATUS_LABELS[self.status])})
        notice_due = self.cal.nth_working_day_after(self.received, self.rules.correction_notice)
        if e.on > notice_due:
            self.warnings.append(
                _("补正告知于 %(on)s 发出，晚于法定期限 %(due)s（收到申请后%(days)s个工作日）")
                % {"on": e.on, "due": notice_due, "days": self.rules.correction_notice}
            )
        self.correction_requested = True
        self.correction_due = e.until
        self.status = Status.STOPPED

    def on_correction_received(self, e: ClockEvent) -> None:
        if self.status is not Status.STOPPED:
            self.fail(_("没有待补正的告知，不能登记收到补正"))
        # 第三十条: 答复期限自行政机关收到补正的申请之日起计算 — a fresh start.
        self.started = e.on
        self.consumed = 0
        self.frozen_due = None
        self.paused_days = 0
        self.correction_due = None
        self.status = Status.RUNNING

    def on_consultation_started(self, e: ClockEvent) -> None:
        if self.status is not Status.RUNNING:
            self.fail(_("%(status)s期间不能开始征求意见") % {"status": _(STATUS_LABELS[self.status])})
        self.consultation_due = self.cal.nth_working_day_after(e.on, self.rules.consultation)
        self.pause(e.on, EventKind.CONSULTATION_STARTED)

    def on_consultation_ended(self, e: ClockEvent) -> None:
        if self.pause_kind is not EventKind.CONSULTATION_STARTED:
            self.fail(_("没有进行中的征求意见，不能登记征求意见结束"))
        self.resume(self.consultation_resume_date(e.on))
        self.consultation_due = None

    def on_extension_granted(self, e: ClockEvent) -> None:
        if self.extended_by:
            self.fail(_("答复期限只能延长一次（条例第三十三条）"))
        days = e.days
        if days is None or not 1 <= days <= self.rules.extension_max:
            self.fail(
                _("延长的期限应为1至%(max)s个工作日，实为 %(days)s")
                % {"max": self.rules.extension_max, "days": days}
            )
        if self.status is Status.STOPPED:
            self.fail(_("待补正期间不能延长答复期限"))
        if self.frozen_due is not None or (self.status is Status.RUNNING and e.on > self.due()):
            self.fail(_("答复期限已届满，不能再延长"))
        self.budget += days
        self.extended_by = days

    def on_fee_notice_sent(self, e: ClockEvent) -> None:
        if self.fee_notice_sent:
            self.fail(_("本申请已发出过收费通知"))
        if self.status is not Status.RUNNING:
            self.fail(_("%(status)s期间不能发出收费通知") % {"status": _(STATUS_LABELS[self.status])})
        self.fee_notice_sent = True
        self.payment_due = self.cal.nth_working_day_after(e.on, self.rules.payment)
        if self.rules.fee_notice_pauses_clock:
            self.pause(e.on, EventKind.FEE_NOTICE_SENT)

    def on_fee_paid(self, e: ClockEvent) -> None:
        if self.payment_due is None:
            self.fail(_("没有待缴费的收费通知，不能登记缴费"))
        if e.on > self.payment_due:
            self.warnings.append(
                _("缴费日期 %(on)s 晚于缴费期限 %(due)s") % {"on": e.on, "due": self.payment_due}
            )
        if self.pause_kind is EventKind.FEE_NOTICE_SENT:
            self.resume(e.on)
        self.payment_due = None

    # ------------------------------------------------------------ result

    def state(self, today: date | None) -> ClockState:
        status = self.status
        reply_due: date | None
        if status is Status.STOPPED:
            reply_due = None
        elif status is Status.RUNNING:
            reply_due = self.due()
        elif self.frozen_due is not None:
            reply_due = self.frozen_due
        elif self.pause_kind is EventKind.CONSULTATION_STARTED and self.rules.cap_consultation_pause:
            # Projected: the consultation can hold the clock at most until its own deadline.
            assert self.consultation_due is not None
            remaining = self.budget - self.consumed
            reply_due = self.cal.nth_working_day_after(self.consultation_due, remaining)
            if today is not None and today > self.consultation_due:
                status = Status.RUNNING  # the consultation period is over; the clock runs again
        else:
            reply_due = None
        notice_due = None
        if not self.correction_requested:
            notice_due = self.cal.nth_working_day_after(self.received, self.rules.correction_notice)
            if today is not None and today > notice_due:
                notice_due = None  # the window has closed; nothing left to act on
        return ClockState(
            received=self.received,
            status=status,
            started=self.started,
            budget=self.budget,
            extended_by=self.extended_by,
            paused_days=self.paused_days,
            reply_due=reply_due,
            correction_notice_due=notice_due,
            correction_due=self.correction_due,
            consultation_due=self.consultation_due,
            payment_due=self.payment_due,
            warnings=tuple(self.warnings),
            today=today,
            calendar=self.cal,
        )
