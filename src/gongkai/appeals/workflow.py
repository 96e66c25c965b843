"""The stage of an appeal as a small state machine, declared as data.

registered ─answer→ answered ─decide→ decided
registered ─decide→ decided            (the body may decide without our answer on file)
registered / answered ─withdraw→ withdrawn
decided ─correct_decision→ decided     (a wrongly entered decision is corrected, and logged)
"""

from __future__ import annotations

from enum import StrEnum

from django.utils.translation import gettext, gettext_lazy

from gongkai.i18n import list_separator
from gongkai.statemachine import Machine, Transition


class Stage(StrEnum):
    REGISTERED = "registered"
    ANSWERED = "answered"
    DECIDED = "decided"
    WITHDRAWN = "withdrawn"


STAGE_LABELS = {
    Stage.REGISTERED: gettext_lazy("已登记"),
    Stage.ANSWERED: gettext_lazy("已答复/答辩"),
    Stage.DECIDED: gettext_lazy("已审结"),
    Stage.WITHDRAWN: gettext_lazy("已撤回"),
}
FINISHED = frozenset({Stage.DECIDED, Stage.WITHDRAWN})


def _refusal(state: str, action: str, allowed: str) -> str:
    """Translated when the refusal happens (the labels arrive already in the active language)."""
    return gettext("案件当前为“%(state)s”，不能%(action)s（仅限%(allowed)s的案件）") % {
        "state": state,
        "action": action,
        "allowed": allowed,
    }


MACHINE = Machine(
    (
        Transition("answer", gettext_lazy("登记答复/答辩"), frozenset({Stage.REGISTERED}), Stage.ANSWERED),
        Transition(
            "decide",
            gettext_lazy("登记审理结果"),
            frozenset({Stage.REGISTERED, Stage.ANSWERED}),
            Stage.DECIDED,
        ),
        Transition(
            "withdraw",
            gettext_lazy("登记撤回"),
            frozenset({Stage.REGISTERED, Stage.ANSWERED}),
            Stage.WITHDRAWN,
        ),
        Transition(
            "correct_decision", gettext_lazy("更正审理结果"), frozenset({Stage.DECIDED}), Stage.DECIDED
        ),
    ),
    STAGE_LABELS,
    refusal=_refusal,
    separator=list_separator,
)
