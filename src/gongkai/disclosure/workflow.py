"""The plan's states: 隐去处理中 → 已转为目录条目 (accept) or → 已放弃 (cancel)."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gongkai import statemachine
from gongkai.agencies.models import Role

from .models import PlanState

WRITE_ROLES = (Role.CLERK, Role.REVIEWER)


def _refusal(state: str, action: str, allowed: str) -> str:
    return _("当前状态为“%(status)s”，不能执行“%(action)s”。") % {"status": state, "action": action}


MACHINE = statemachine.Machine(
    (
        statemachine.Transition(
            "accept",
            gettext_lazy("确认隐去并转为主动公开"),
            frozenset({PlanState.DRAFT}),
            PlanState.ACCEPTED,
            Role.CLERK,
        ),
        statemachine.Transition(
            "cancel", gettext_lazy("放弃"), frozenset({PlanState.DRAFT}), PlanState.CANCELLED, Role.CLERK
        ),
    ),
    dict(PlanState.choices),
    refusal=_refusal,
)
