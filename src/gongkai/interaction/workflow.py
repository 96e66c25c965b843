"""A message's steps on the shared state machine, logged as ``interaction.message.<action>``."""

from django.utils.translation import gettext_lazy as _

from gongkai.agencies.models import Role
from gongkai.statemachine import Guard, Machine, Transition

from .models import State

S = State
MACHINE = Machine(
    [
        Transition("answer", _("答复"), {S.RECEIVED}, S.ANSWERED, role=Role.CLERK),
        Transition(
            "publish",
            _("公开"),
            {S.ANSWERED},
            S.PUBLISHED,
            role=Role.REVIEWER,
            guards=(Guard("consent", True, _("留言人未同意公开")),),
        ),
        Transition("unpublish", _("撤回公开"), {S.PUBLISHED}, S.ANSWERED, role=Role.REVIEWER),
    ],
    {s: s.label for s in State},
)
