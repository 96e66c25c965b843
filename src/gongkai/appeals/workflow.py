"""The stage of an appeal as a small state machine, declared as data.

registered ─answer→ answered ─decide→ decided
registered ─decide→ decided            (the body may decide without our answer on file)
registered / answered ─withdraw→ withdrawn
decided ─correct_decision→ decided     (a wrongly entered decision is corrected, and logged)
"""

from __future__ import annotations

from enum import StrEnum

from gongkai.statemachine import Machine, Transition


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


MACHINE = Machine(
    (
        Transition("answer", "登记答复/答辩", frozenset({Stage.REGISTERED}), Stage.ANSWERED),
        Transition("decide", "登记审理结果", frozenset({Stage.REGISTERED, Stage.ANSWERED}), Stage.DECIDED),
        Transition("withdraw", "登记撤回", frozenset({Stage.REGISTERED, Stage.ANSWERED}), Stage.WITHDRAWN),
        Transition("correct_decision", "更正审理结果", frozenset({Stage.DECIDED}), Stage.DECIDED),
    ),
    STAGE_LABELS,
    refusal="案件当前为“{state}”，不能{action}（仅限{allowed}的案件）",
)
