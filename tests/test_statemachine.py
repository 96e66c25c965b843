"""The shared state machine (gongkai.statemachine): allowed, refused, unknown action, available."""

from enum import StrEnum

import pytest

from gongkai.statemachine import Machine, Transition, TransitionRefused


class S(StrEnum):
    OPEN = "open"
    HELD = "held"
    CLOSED = "closed"


LABELS = {S.OPEN: "办理中", S.HELD: "已中止", S.CLOSED: "已办结"}

MACHINE = Machine(
    (
        Transition("hold", "中止", frozenset({S.OPEN}), S.HELD, role="clerk"),
        Transition("close", "办结", frozenset({S.OPEN, S.HELD}), S.CLOSED),
        Transition("resume", "恢复", frozenset({S.HELD}), S.OPEN),
    ),
    LABELS,
)


def test_allowed_returns_the_target():
    assert MACHINE.fire(S.OPEN, "hold") is S.HELD
    assert MACHINE.fire("held", "close") is S.CLOSED  # a stored plain string works too


def test_refused_names_the_state_and_the_action():
    with pytest.raises(TransitionRefused) as err:
        MACHINE.fire(S.CLOSED, "close")
    assert err.value.message == "当前状态为“已办结”，不能办结（仅限办理中、已中止）"
    assert str(err.value) == err.value.message


def test_refusal_template_and_callable():
    custom = Machine(MACHINE.transitions.values(), LABELS, refusal="案件当前为“{state}”，不能{action}")
    with pytest.raises(TransitionRefused, match="^案件当前为“已办结”，不能恢复$"):
        custom.fire(S.CLOSED, "resume")
    called = Machine(MACHINE.transitions.values(), LABELS, refusal=lambda **kw: "|".join(sorted(kw.values())))
    with pytest.raises(TransitionRefused) as err:
        called.fire(S.OPEN, "resume")
    assert err.value.message == "|".join(sorted(["办理中", "恢复", "已中止"]))


def test_the_allowed_states_are_joined_by_the_machines_separator():
    separators = iter([", ", " / "])  # a callable is asked at each refusal (the active language's)
    machine = Machine(MACHINE.transitions.values(), LABELS, separator=lambda: next(separators))
    for joined in ("办理中, 已中止", "办理中 / 已中止"):
        with pytest.raises(TransitionRefused) as err:
            machine.fire(S.CLOSED, "close")
        assert err.value.message == f"当前状态为“已办结”，不能办结（仅限{joined}）"


def test_unknown_action():
    with pytest.raises(TransitionRefused, match="未知的操作：fly"):
        MACHINE.fire(S.OPEN, "fly")
    assert "fly" not in MACHINE and MACHINE.get("fly") is None


def test_available_in_declaration_order():
    assert [t.action for t in MACHINE.available(S.OPEN)] == ["hold", "close"]
    assert [t.action for t in MACHINE.available("held")] == ["close", "resume"]
    assert MACHINE.available(S.CLOSED) == []
    assert MACHINE["hold"].role == "clerk" and MACHINE["close"].role is None


def test_duplicate_actions_are_refused():
    t = Transition("x", "x", frozenset({S.OPEN}), S.HELD)
    with pytest.raises(ValueError):
        Machine((t, t), LABELS)


def test_guards_refuse_with_their_reasons():
    from dataclasses import dataclass

    from gongkai.statemachine import Guard

    @dataclass(frozen=True)
    class Facts:
        signed: bool = False
        paid: bool = False

    guarded = Machine(
        (
            Transition(
                "close",
                "办结",
                frozenset({S.OPEN}),
                S.CLOSED,
                guards=(Guard("signed", True, "须先签发"), Guard("paid", True, "须先缴费")),
            ),
            Transition("note", "备注", frozenset({S.OPEN}), None),  # stays where it is
        ),
        LABELS,
    )
    assert guarded.fire(S.OPEN, "close", Facts(signed=True, paid=True)) is S.CLOSED
    assert guarded.fire(S.OPEN, "note") is S.OPEN
    with pytest.raises(TransitionRefused) as err:
        guarded.fire(S.OPEN, "close", Facts(signed=True))
    assert err.value.message == "当前状态为“办理中”，不能办结：须先缴费"
    assert (err.value.state, err.value.action, err.value.reasons) == (S.OPEN, "close", ("须先缴费",))
    called = Machine(guarded.transitions.values(), LABELS, guard_refusal=lambda **kw: "|".join(kw["reasons"]))
    with pytest.raises(TransitionRefused, match=r"^须先签发\|须先缴费$"):
        called.fire(S.OPEN, "close", Facts())
    with pytest.raises(TransitionRefused, match="仅限办理中"):  # the state is checked before the guards
        guarded.fire(S.CLOSED, "close", Facts())
