"""The two state machines: a record's 公示 (spec §2.5) and a 报送 batch's way to the platform."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from gongkai.statemachine import Guard, Machine, Transition

from .models import BatchState, PublicityState

P = PublicityState
PUBLICITY = Machine(
    [
        Transition("publish", _("上网公示"), {P.PENDING}, P.ACTIVE),
        # 行政处罚法第四十八条: a decision changed, revoked or annulled is withdrawn (any kind, any time).
        Transition("withdraw", _("撤回公示"), {P.PENDING, P.ACTIVE}, P.WITHDRAWN),
        Transition(
            "repair",
            _("信用修复提前撤下"),
            {P.ACTIVE},
            P.REPAIRED,
            guards=(
                Guard("is_penalty", True, _("只有行政处罚信息可以信用修复")),
                Guard("past_shortest", True, _("尚未届满最短公示期")),
            ),
        ),
    ],
    dict(P.choices),
)


@dataclass(frozen=True)
class RecordFacts:
    is_penalty: bool
    past_shortest: bool


B = BatchState
BATCH = Machine(
    [
        Transition("send", _("标记为已报送"), {B.CREATED}, B.SENT),
        Transition("feedback", _("登记平台反馈"), {B.SENT, B.FEEDBACK}, B.FEEDBACK),
        Transition("cancel", _("作废批次"), {B.CREATED}, B.CANCELLED),
    ],
    dict(B.choices),
)
