"""Every allowed and every refused transition of the application state machine."""

import pytest

from gongkai.applications.workflow import (
    INITIAL_STATES,
    STATES,
    TRANSITIONS,
    Facts,
    State,
    TransitionRefused,
    allowed_actions,
    fire,
    state_label,
)

S = State

# (state, action) → target, written out by hand from the 条例 (not derived from the table).
ALLOWED = {
    (S.SUBMITTED, "confirm_receipt"): S.REGISTERED,
    (S.SUBMITTED, "withdraw"): S.WITHDRAWN,
    (S.SUBMITTED, "merge"): S.MERGED,
    (S.REGISTERED, "request_correction"): S.CORRECTION_REQUESTED,
    (S.REGISTERED, "start_consultation"): S.CONSULTING,
    (S.REGISTERED, "grant_extension"): S.REGISTERED,
    (S.REGISTERED, "send_fee_notice"): S.FEE_NOTIFIED,
    (S.REGISTERED, "reply"): S.REPLIED,
    (S.REGISTERED, "refer"): S.REFERRED,
    (S.REGISTERED, "withdraw"): S.WITHDRAWN,
    (S.REGISTERED, "merge"): S.MERGED,
    (S.CORRECTION_REQUESTED, "receive_correction"): S.REGISTERED,
    (S.CORRECTION_REQUESTED, "lapse_correction"): S.CLOSED,
    (S.CORRECTION_REQUESTED, "withdraw"): S.WITHDRAWN,
    (S.CORRECTION_REQUESTED, "merge"): S.MERGED,
    (S.CONSULTING, "end_consultation"): S.REGISTERED,
    (S.CONSULTING, "grant_extension"): S.CONSULTING,
    (S.CONSULTING, "withdraw"): S.WITHDRAWN,
    (S.FEE_NOTIFIED, "receive_payment"): S.REGISTERED,
    (S.FEE_NOTIFIED, "lapse_payment"): S.CLOSED,
    (S.FEE_NOTIFIED, "withdraw"): S.WITHDRAWN,
    (S.REPLIED, "deliver"): S.DELIVERED,
    (S.REFERRED, "deliver"): S.DELIVERED,
    (S.DELIVERED, "close"): S.CLOSED,
}
ACTIONS = sorted({t.action for t in TRANSITIONS})

# Facts under which every guard holds.
OK = Facts(
    office_head_approved=True,
    correction_deadline_passed=True,
    payment_deadline_passed=True,
    outcome="r_open",
    merge_target="GK-2025-000001",
    referral_agency="某市自然资源和规划局",
)


def test_declared_table_is_the_expected_one():
    declared = {(s, t.action): t.target_for(s) for t in TRANSITIONS for s in t.sources}
    assert declared == ALLOWED


@pytest.mark.parametrize(("state", "action"), sorted(ALLOWED))
def test_allowed(state, action):
    step = fire(state, action, OK)
    assert step.source is state
    assert step.target is ALLOWED[(state, action)]


REFUSED = [(s, a) for s in State for a in ACTIONS if (s, a) not in ALLOWED]


@pytest.mark.parametrize(("state", "action"), REFUSED)
def test_refused(state, action):
    with pytest.raises(TransitionRefused) as info:
        fire(state, action, OK)
    message = str(info.value)
    assert f"申请处于“{state_label(state)}”状态" in message
    assert info.value.state is state and info.value.action == action


def test_refusal_message_names_states_and_alternatives():
    with pytest.raises(TransitionRefused) as info:
        fire(S.REPLIED, "request_correction", OK)
    assert (
        str(info.value)
        == "申请处于“已答复”状态，不能“告知补正”（该操作仅适用于：办理中；当前可进行的操作：送达）"
    )
    with pytest.raises(TransitionRefused, match="当前可进行的操作：无（已终结）"):
        fire(S.CLOSED, "reply", OK)


def test_final_states_have_no_way_out():
    for state, info in STATES.items():
        assert info.final == (allowed_actions(state) == ()), state
    assert {s for s, i in STATES.items() if i.final} == {S.CLOSED, S.WITHDRAWN, S.MERGED}
    assert INITIAL_STATES == (S.SUBMITTED, S.REGISTERED)


# (state, action, facts that break one guard, expected message fragment)
GUARD_FAILURES = [
    (S.REGISTERED, "request_correction", {"correction_requested_before": True}, "补正只能一次性告知"),
    (S.REGISTERED, "grant_extension", {"extension_granted_before": True}, "答复期限只能延长一次"),
    (S.CONSULTING, "grant_extension", {"extension_granted_before": True}, "答复期限只能延长一次"),
    (S.REGISTERED, "grant_extension", {"office_head_approved": False}, "工作机构负责人同意"),
    (S.REGISTERED, "send_fee_notice", {"fee_notice_sent_before": True}, "已发出过收费通知"),
    (S.CORRECTION_REQUESTED, "lapse_correction", {"correction_deadline_passed": False}, "补正期限尚未届满"),
    (S.FEE_NOTIFIED, "lapse_payment", {"payment_deadline_passed": False}, "缴费期限尚未届满"),
    (S.REGISTERED, "reply", {"outcome": None}, "答复前须选择办理结果"),
    (S.REGISTERED, "reply", {"outcome": "r_total"}, "不在年度报告表三的办理结果之列"),
    (S.REGISTERED, "reply", {"outcome": "r_other_no_correction"}, "只能在期限届满后由系统结案"),
    (S.REGISTERED, "reply", {"outcome": "r_other_fee_unpaid"}, "只能在期限届满后由系统结案"),
    (S.REGISTERED, "refer", {"referral_agency": None}, "负责公开该政府信息的行政机关"),
    (S.REGISTERED, "merge", {"merge_target": ""}, "须指明合并到哪一件申请"),
]


@pytest.mark.parametrize(("state", "action", "broken", "fragment"), GUARD_FAILURES)
def test_guard_refusals(state, action, broken, fragment):
    import dataclasses

    with pytest.raises(TransitionRefused) as info:
        fire(state, action, dataclasses.replace(OK, **broken))
    assert fragment in str(info.value)
    assert f"“{state_label(state)}”" in str(info.value)


def test_every_guard_is_exercised():
    guarded = {(s, t.action) for t in TRANSITIONS if t.guards for s in t.sources}
    assert guarded == {(s, a) for s, a, _, _ in GUARD_FAILURES} | {
        (S.SUBMITTED, "merge"),
        (S.CORRECTION_REQUESTED, "merge"),
    }


def test_refusal_of_a_guard_names_source_and_target():
    with pytest.raises(TransitionRefused) as info:
        fire(S.REGISTERED, "reply", Facts())
    assert str(info.value) == "不能从“办理中”转为“已答复”（作出答复）：答复前须选择办理结果"


def test_outcomes_fixed_by_transitions():
    assert fire(S.REGISTERED, "reply", Facts(outcome="r_partial")).outcome == "r_partial"
    assert fire(S.CORRECTION_REQUESTED, "lapse_correction", OK).outcome == "r_other_no_correction"
    assert fire(S.FEE_NOTIFIED, "lapse_payment", OK).outcome == "r_other_fee_unpaid"
    assert fire(S.REGISTERED, "refer", OK).outcome == "r_unable_not_held"
    assert fire(S.CONSULTING, "withdraw").outcome == "r_other_other"
    assert fire(S.REGISTERED, "merge", OK).outcome is None
    assert fire(S.REGISTERED, "start_consultation").outcome is None


def test_unknown_action_and_state():
    with pytest.raises(TransitionRefused, match="未知的操作"):
        fire(S.REGISTERED, "approve")
    with pytest.raises(ValueError):
        fire("nonsense", "reply")
    assert fire("registered", "start_consultation").target is S.CONSULTING


def test_a_full_run():
    state = S.SUBMITTED
    facts = Facts()
    for action in ("confirm_receipt", "request_correction", "receive_correction", "start_consultation"):
        state = fire(state, action, facts).target
    state = fire(state, "grant_extension", Facts(office_head_approved=True)).target
    assert state is S.CONSULTING
    state = fire(state, "end_consultation").target
    state = fire(state, "send_fee_notice").target
    state = fire(state, "receive_payment").target
    state = fire(state, "reply", Facts(outcome="r_open", correction_requested_before=True)).target
    state = fire(state, "deliver").target
    assert fire(state, "close").target is S.CLOSED
