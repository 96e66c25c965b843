"""A batch's states: queued for the worker, being checked, done; re-checked from any of them (a
worker that died leaves its files pending, and the button queues them again)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from gongkai.statemachine import Machine, Transition


class BatchState(models.TextChoices):
    QUEUED = "queued", _("排队等待检查")
    CHECKING = "checking", _("正在检查")
    DONE = "done", _("检查完毕")


MACHINE = Machine(
    [
        Transition("start", _("开始检查"), {BatchState.QUEUED, BatchState.CHECKING}, BatchState.CHECKING),
        Transition("finish", _("完成检查"), {BatchState.QUEUED, BatchState.CHECKING}, BatchState.DONE),
        Transition("recheck", _("重新检查"), set(BatchState), BatchState.QUEUED),
    ],
    dict(BatchState.choices),
)
