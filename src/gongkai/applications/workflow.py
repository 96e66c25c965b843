"""The processing of an application as a state machine, declared as data.

States and transitions are tables; a transition's guards are declared as (fact, expected value,
message) so the Django layer, the docs and the tests all read the same rules. ``fire`` checks an
action against the current state and the facts and returns the new state, or raises
``TransitionRefused`` with a message naming the states. Labels and messages are Chinese (the
source language); labels stay Chinese as data (``gettext_noop``) and are translated where they are
shown, refusal messages are built in the active language.

Main line (条例第三十条–第三十三条、第四十二条):
  submitted ─confirm_receipt→ registered ─reply→ replied ─deliver→ delivered ─close→ closed
  registered ─request_correction→ correction_requested ─receive_correction→ registered (clock restarts)
  correction_requested ─lapse_correction→ closed  (（六）1)
  registered ─start_consultation→ consulting ─end_consultation→ registered (clock paused meanwhile)
  registered / consulting ─grant_extension→ same state (once, ≤ 20 WD)
  registered ─send_fee_notice→ fee_notified ─receive_payment→ registered; ─lapse_payment→ closed (（六）2)
  any open state ─withdraw→ withdrawn; ─merge→ merged; registered ─refer→ referred ─deliver→ delivered
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from gongkai import statemachine
from gongkai.i18n import join_clauses, join_list
from gongkai.statemachine import Guard, TransitionRefused

from .rules import LAPSE_OUTCOMES, OUTCOMES, REFERRED_OUTCOME, WITHDRAWN_OUTCOME


class State(StrEnum):
    SUBMITTED = "submitted"
    REGISTERED = "registered"
    CORRECTION_REQUESTED = "correction_requested"
    CONSULTING = "consulting"
    FEE_NOTIFIED = "fee_notified"
    REPLIED = "replied"
    REFERRED = "referred"
    DELIVERED = "delivered"
    CLOSED = "closed"
    WITHDRAWN = "withdrawn"
    MERGED = "merged"


class Clock(StrEnum):
    """What the reply clock does while an application is in a state."""

    NOT_STARTED = "not_started"  # receipt not yet confirmed (条例第三十一条)
    RUNNING = "running"
    STOPPED = "stopped"  # 补正: restarts from zero on the corrected application (第三十条)
    PAUSED = "paused"  # 征求意见: the time is not counted (第三十三条第二款)
    FEE = "fee"  # waiting for payment: paused or running per rules.Deadlines.fee_notice_pauses_clock [U]
    DONE = "done"


@dataclass(frozen=True)
class StateInfo:
    state: State
    label: str
    clock: Clock
    open: bool  # still being handled: counts as 结转 in table 三
    final: bool = False  # no action leaves it


STATES: dict[State, StateInfo] = {
    s.state: s
    for s in (
        StateInfo(State.SUBMITTED, gettext_noop("待确认收到"), Clock.NOT_STARTED, open=False),
        StateInfo(State.REGISTERED, gettext_noop("办理中"), Clock.RUNNING, open=True),
        StateInfo(State.CORRECTION_REQUESTED, gettext_noop("待补正"), Clock.STOPPED, open=True),
        StateInfo(State.CONSULTING, gettext_noop("征求意见中"), Clock.PAUSED, open=True),
        StateInfo(State.FEE_NOTIFIED, gettext_noop("待缴费"), Clock.FEE, open=True),
        StateInfo(State.REPLIED, gettext_noop("已答复"), Clock.DONE, open=False),
        StateInfo(State.REFERRED, gettext_noop("已告知负责机关"), Clock.DONE, open=False),
        StateInfo(State.DELIVERED, gettext_noop("已送达"), Clock.DONE, open=False),
        StateInfo(State.CLOSED, gettext_noop("已办结"), Clock.DONE, open=False, final=True),
        StateInfo(State.WITHDRAWN, gettext_noop("已撤回"), Clock.DONE, open=False, final=True),
        StateInfo(State.MERGED, gettext_noop("已合并"), Clock.DONE, open=False, final=True),
    )
}


def state_label(state: State | str) -> str:
    return STATES[State(state)].label


@dataclass(frozen=True)
class Facts:
    """What the guards look at. The caller fills it from the application and its event log."""

    correction_requested_before: bool = False  # a 补正告知 was already sent (一次性告知)
    extension_granted_before: bool = False
    office_head_approved: bool = False  # 延期 needs the 工作机构负责人's consent (第三十三条)
    fee_notice_sent_before: bool = False
    correction_deadline_passed: bool = False  # the applicant's 补正期限 is over
    payment_deadline_passed: bool = False  # the 缴费期限 is over
    outcome: str | None = None  # the table-三 row key chosen for the reply
    merge_target: str | None = None  # tracking number of the application this one joins
    referral_agency: str | None = None  # the agency responsible for the information (第三十六条第（五）项)

    @property
    def has_outcome(self) -> bool:
        return self.outcome is not None

    @property
    def outcome_is_known(self) -> bool:
        return self.outcome is None or self.outcome in OUTCOMES

    @property
    def outcome_is_chosen_by_staff(self) -> bool:
        # The （六）1/（六）2 outcomes come only from a lapse, never from a reply.
        return self.outcome not in LAPSE_OUTCOMES

    @property
    def has_merge_target(self) -> bool:
        return bool(self.merge_target)

    @property
    def has_referral_agency(self) -> bool:
        return bool(self.referral_agency)


@dataclass(frozen=True)
class Transition(statemachine.Transition):
    """The shared transition (label: the button / event name in Chinese, marked for translation and
    shown with gettext; target None: stays, e.g. 延期) with what an application's step also fixes."""

    outcome: str | None = None  # table-三 outcome the transition fixes, if any
    clock_event: str | None = None  # the clock.py event it records, if any
    article: str = ""


_OPEN = (State.REGISTERED, State.CORRECTION_REQUESTED, State.CONSULTING, State.FEE_NOTIFIED)

NOT_CORRECTED_BEFORE = Guard(
    "correction_requested_before",
    False,
    gettext_noop("补正只能一次性告知，本申请已告知过补正（条例第三十条）"),
)
NOT_EXTENDED_BEFORE = Guard(
    "extension_granted_before", False, gettext_noop("答复期限只能延长一次，本申请已延期（条例第三十三条）")
)
HEAD_APPROVED = Guard(
    "office_head_approved",
    True,
    gettext_noop("延长答复期限须经政府信息公开工作机构负责人同意（条例第三十三条）"),
)
NO_FEE_NOTICE_BEFORE = Guard("fee_notice_sent_before", False, gettext_noop("本申请已发出过收费通知"))
HAS_OUTCOME = Guard("has_outcome", True, gettext_noop("答复前须选择办理结果"))
KNOWN_OUTCOME = Guard("outcome_is_known", True, gettext_noop("办理结果不在年度报告表三的办理结果之列"))
STAFF_OUTCOME = Guard(
    "outcome_is_chosen_by_staff",
    True,
    gettext_noop("“逾期不补正”“逾期未缴费”只能在期限届满后由系统结案，不能作为答复结果"),
)

TRANSITIONS: tuple[Transition, ...] = (
    Transition(
        "confirm_receipt",
        gettext_noop("确认收到申请"),
        (State.SUBMITTED,),
        State.REGISTERED,
        clock_event="received",
        article="第三十一条",
    ),
    Transition(
        "request_correction",
        gettext_noop("告知补正"),
        (State.REGISTERED,),
        State.CORRECTION_REQUESTED,
        guards=(NOT_CORRECTED_BEFORE,),
        clock_event="correction_requested",
        article="第三十条",
    ),
    Transition(
        "receive_correction",
        gettext_noop("收到补正材料"),
        (State.CORRECTION_REQUESTED,),
        State.REGISTERED,
        clock_event="correction_received",
        article="第三十条",
    ),
    Transition(
        "lapse_correction",
        gettext_noop("逾期未补正，不再处理"),
        (State.CORRECTION_REQUESTED,),
        State.CLOSED,
        guards=(
            Guard("correction_deadline_passed", True, gettext_noop("补正期限尚未届满，不能按逾期不补正结案")),
        ),
        outcome="r_other_no_correction",
        article="第三十条",
    ),
    Transition(
        "start_consultation",
        gettext_noop("征求第三方或其他机关意见"),
        (State.REGISTERED,),
        State.CONSULTING,
        clock_event="consultation_started",
        article="第三十二条、第三十四条",
    ),
    Transition(
        "end_consultation",
        gettext_noop("征求意见结束"),
        (State.CONSULTING,),
        State.REGISTERED,
        clock_event="consultation_ended",
        article="第三十二条、第三十四条",
    ),
    Transition(
        "grant_extension",
        gettext_noop("延长答复期限"),
        (State.REGISTERED, State.CONSULTING),
        None,
        guards=(NOT_EXTENDED_BEFORE, HEAD_APPROVED),
        clock_event="extension_granted",
        article="第三十三条",
    ),
    Transition(
        "send_fee_notice",
        gettext_noop("发出收费通知"),
        (State.REGISTERED,),
        State.FEE_NOTIFIED,
        guards=(NO_FEE_NOTICE_BEFORE,),
        clock_event="fee_notice_sent",
        article="第四十二条、国办函〔2020〕109号",
    ),
    Transition(
        "receive_payment",
        gettext_noop("收到缴费"),
        (State.FEE_NOTIFIED,),
        State.REGISTERED,
        clock_event="fee_paid",
        article="国办函〔2020〕109号",
    ),
    Transition(
        "lapse_payment",
        gettext_noop("逾期未缴费，不再处理"),
        (State.FEE_NOTIFIED,),
        State.CLOSED,
        guards=(
            Guard("payment_deadline_passed", True, gettext_noop("缴费期限尚未届满，不能按逾期未缴费结案")),
        ),
        outcome="r_other_fee_unpaid",
        article="国办函〔2020〕109号",
    ),
    Transition(
        "reply",
        gettext_noop("作出答复"),
        (State.REGISTERED,),
        State.REPLIED,
        guards=(HAS_OUTCOME, KNOWN_OUTCOME, STAFF_OUTCOME),
        article="第三十六条",
    ),
    Transition(
        "refer",
        gettext_noop("告知由负责公开的机关办理"),
        (State.REGISTERED,),
        State.REFERRED,
        guards=(Guard("has_referral_agency", True, gettext_noop("须写明负责公开该政府信息的行政机关")),),
        outcome=REFERRED_OUTCOME,
        article="第三十六条第（五）项",
    ),
    Transition(
        "deliver",
        gettext_noop("送达"),
        (State.REPLIED, State.REFERRED),
        State.DELIVERED,
        article="第四十五条",
    ),
    Transition("close", gettext_noop("办结归档"), (State.DELIVERED,), State.CLOSED, article="第四十五条"),
    Transition(
        "withdraw",
        gettext_noop("申请人撤回申请"),
        (State.SUBMITTED, *_OPEN),
        State.WITHDRAWN,
        outcome=WITHDRAWN_OUTCOME,
    ),
    Transition(
        "merge",
        gettext_noop("合并重复申请"),
        (State.SUBMITTED, State.REGISTERED, State.CORRECTION_REQUESTED),
        State.MERGED,
        guards=(Guard("has_merge_target", True, gettext_noop("须指明合并到哪一件申请")),),
    ),
)

# The shared machine decides (the state first, then the guards); ``fire`` words its refusals.
MACHINE = statemachine.Machine(TRANSITIONS, {state: info.label for state, info in STATES.items()})
TRANSITIONS_BY_ACTION: dict[str, Transition] = MACHINE.transitions
INITIAL_STATES = (State.SUBMITTED, State.REGISTERED)  # 平信/网络/传真 need confirmation; 当面/挂号 do not


def allowed_actions(state: State | str) -> tuple[str, ...]:
    """Actions that leave ``state`` (ignoring guards)."""
    return tuple(t.action for t in MACHINE.available(State(state)))


@dataclass(frozen=True)
class Step:
    """The result of an allowed action."""

    source: State
    target: State
    transition: Transition
    outcome: str | None = None  # the outcome the application now has, if this step fixed one


def fire(state: State | str, action: str, facts: Facts | None = None) -> Step:
    """Check ``action`` from ``state`` under ``facts``; return the step or raise ``TransitionRefused``
    worded for the application (its states, what may be done instead), in the active language."""
    state = State(state)
    facts = facts or Facts()
    try:
        target = MACHINE.fire(state, action, facts)
    except TransitionRefused as refused:
        reasons = tuple(_(r) for r in refused.reasons)
        raise TransitionRefused(_refusal(state, action, reasons), state, action, reasons) from None
    transition = MACHINE[action]
    outcome = transition.outcome or (facts.outcome if action == "reply" else None)
    return Step(state, target, transition, outcome)


def _refusal(state: State, action: str, reasons: tuple[str, ...]) -> str:
    transition = MACHINE.get(action)
    if transition is None:
        return _("未知的操作：%(action)s") % {"action": action}
    if not reasons:  # the state does not allow it
        allowed = join_list(_(MACHINE[a].label) for a in allowed_actions(state)) or _("无（已终结）")
        return _(
            "申请处于“%(state)s”状态，不能“%(action)s”（该操作仅适用于：%(sources)s；当前可进行的操作：%(allowed)s）"
        ) % {
            "state": _(state_label(state)),
            "action": _(transition.label),
            "sources": join_list(_(state_label(s)) for s in transition.sources),
            "allowed": allowed,
        }
    target = transition.target_for(state)
    values = {
        "state": _(state_label(state)),
        "target": _(state_label(target)),
        "action": _(transition.label),
        "reasons": join_clauses(reasons),
    }
    if target == state:
        return _("不能从“%(state)s”（%(action)s）：%(reasons)s") % values
    return _("不能从“%(state)s”转为“%(target)s”（%(action)s）：%(reasons)s") % values
