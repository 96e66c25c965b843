"""The review workflow of a knowledge entry: 草稿 → 待审核 → 已发布 → 待复核 / 已失效, on the shared
state machine. Every step is logged as ``hotline.entry.<action>``."""

from django.utils.translation import gettext_lazy as _

from gongkai.agencies.models import Role
from gongkai.statemachine import Machine, Transition

from .models import Status

S = Status
MACHINE = Machine(
    [
        Transition("submit", _("提交审核"), {S.DRAFT}, S.IN_REVIEW, role=Role.CLERK),
        Transition("send_back", _("退回修改"), {S.IN_REVIEW}, S.DRAFT, role=Role.REVIEWER),
        Transition("publish", _("审核发布"), {S.IN_REVIEW}, S.PUBLISHED, role=Role.REVIEWER),
        # The review date passed (the staleness report or the nightly sweep).
        Transition("mark_due", _("转为待复核"), {S.PUBLISHED}, S.DUE_REVIEW, role=Role.REVIEWER),
        Transition("confirm", _("复核通过"), {S.PUBLISHED, S.DUE_REVIEW}, S.PUBLISHED, role=Role.REVIEWER),
        Transition("revise", _("修订"), {S.PUBLISHED, S.DUE_REVIEW, S.EXPIRED}, S.DRAFT, role=Role.CLERK),
        Transition("expire", _("设为失效"), {S.PUBLISHED, S.DUE_REVIEW}, S.EXPIRED, role=Role.REVIEWER),
    ],
    {s: s.label for s in Status},
)

PUBLIC_STATES = (S.PUBLISHED, S.DUE_REVIEW)  # a 待复核 entry still answers callers until it is revised
