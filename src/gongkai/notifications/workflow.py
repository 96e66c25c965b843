"""A notification's states. The worker claims a queued one (so a retried or doubled job finds it
taken and sends nothing), then marks it sent, queues it again for a later retry, or gives up. One
left 发送中 by a worker that died is marked failed by the sweep (never sent again on its own: it may
have gone out), so staff can check and resend it."""

from django.utils.translation import gettext_lazy as _

from gongkai.statemachine import Machine, Transition

from .models import State

MACHINE = Machine(
    [
        Transition("claim", _("开始发送"), {State.QUEUED}, State.SENDING),
        Transition("sent", _("发送成功"), {State.SENDING}, State.SENT),
        Transition("again", _("稍后重试"), {State.SENDING}, State.QUEUED),
        Transition("fail", _("发送失败"), {State.SENDING}, State.FAILED),
        Transition("lose", _("发送状态不明"), {State.SENDING}, State.FAILED),
        Transition("retry", _("重新发送"), {State.FAILED}, State.QUEUED, role="staff"),
    ],
    {s: s.label for s in State},
)
