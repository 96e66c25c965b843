"""The stage of an appeal as a small state machine, declared as data.

registered ─answer→ answered ─decide→ decided
registered ─decide→ decided            (the body may decide without our answer on file)
registered / answered ─withdraw→ withdrawn
decided ─correct_decision→ decided     (a wrongly entered decision is corrected, and logged)
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Stage(StrEnum):
    REGISTERED = "registered"
    ANSWERED = "answered"
    DECIDED = "decided"
    WITHDRAWN = "withdrawn"


STAGE_LABELS = {
    Stage.REGISTERED: "已登记",
    Stage.ANSWERED: "已答复/答辩",
    Stage.DECIDED: "已审结",
    Stage.WITHDRAWN: "已撤回",
}
FINISHED = frozenset({Stage.DECIDED, Stage.WITHDRAWN})


@dataclass(frozen=True)
class Transition:
    action: str
    sources: frozenset[Stage]
    target: Stage
    label: str


TRANSITIONS: dict[str, Transition] = {
    t.action: t
    for t in (
        Transition("answer", frozenset({Stage.REGISTERED}), Stage.ANSWERED, "登记答复/答辩"),
        Transition("decide", frozenset({Stage.REGISTERED, Stage.ANSWERED}), Stage.DECIDED, "登记审理结果"),
        Transition("withdraw", frozenset({Stage.REGISTERED, Stage.ANSWERED}), Stage.WITHDRAWN, "登记撤回"),
        Transition("correct_decision", frozenset({Stage.DECIDED}), Stage.DECIDED, "更正审理结果"),
    )
}


class TransitionRefused(Exception):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def fire(stage: str, action: str) -> Stage:
    transition = TRANSITIONS.get(action)
    if transition is None:
        raise TransitionRefused(f"未知的操作：{action}")
    current = Stage(stage)
    if current not in transition.sources:
        allowed = "、".join(STAGE_LABELS[s] for s in sorted(transition.sources))
        raise TransitionRefused(
            f"案件当前为“{STAGE_LABELS[current]}”，不能{transition.label}（仅限{allowed}的案件）"
        )
    return transition.target


def allowed_actions(stage: str) -> list[Transition]:
    current = Stage(stage)
    return [t for t in TRANSITIONS.values() if current in t.sources]
