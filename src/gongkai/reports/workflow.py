"""The life of an annual report as a state machine, declared as data (like applications.workflow).

  draft ─submit→ in_review ─publish→ published ─revise→ draft (a correction: the next publish makes
  version n+1 and needs a 更正说明) ; in_review ─return→ returned ─submit→ in_review

Texts can be edited in draft and returned only, so what a 审核人 approves is what was submitted.
"""

from __future__ import annotations

from enum import StrEnum

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gongkai.agencies.models import Role
from gongkai.i18n import list_separator
from gongkai.statemachine import Machine, Transition


class Status(StrEnum):
    DRAFT = "draft"
    IN_REVIEW = "in_review"
    RETURNED = "returned"
    PUBLISHED = "published"


STATUS_LABELS = {
    Status.DRAFT: gettext_lazy("草稿"),
    Status.IN_REVIEW: gettext_lazy("待审核"),
    Status.RETURNED: gettext_lazy("已退回"),
    Status.PUBLISHED: gettext_lazy("已发布"),
}
EDITABLE = frozenset({Status.DRAFT, Status.RETURNED})


def _refusal(state: str, action: str, allowed: str) -> str:
    """In the active language (the labels arrive translated, joined by the active separator)."""
    return _("报告当前为“%(state)s”，不能%(action)s（仅限%(allowed)s状态）") % {
        "state": state,
        "action": action,
        "allowed": allowed,
    }


MACHINE = Machine(
    (
        Transition(
            "submit",
            gettext_lazy("提交审核"),
            frozenset({Status.DRAFT, Status.RETURNED}),
            Status.IN_REVIEW,
            Role.CLERK,
        ),
        Transition(
            "return", gettext_lazy("退回修改"), frozenset({Status.IN_REVIEW}), Status.RETURNED, Role.REVIEWER
        ),
        Transition(
            "publish",
            gettext_lazy("审核通过并发布"),
            frozenset({Status.IN_REVIEW}),
            Status.PUBLISHED,
            Role.REVIEWER,
        ),
        Transition(
            "revise",
            gettext_lazy("更正已发布的报告"),
            frozenset({Status.PUBLISHED}),
            Status.DRAFT,
            Role.CLERK,
        ),
    ),
    STATUS_LABELS,
    refusal=_refusal,
    separator=list_separator,
)


# ---------------------------------------------------------------- a report file being imported
#
#   queued ─start→ reading ─finish→ done ; queued/reading ─fail→ failed
#
# A PDF is read on the worker (a scanned one goes through OCR, a few seconds a page: too long for
# a web request). A task delivered again (Celery, after a worker died) starts a new read, and only
# the latest read may finish; a read that never ends is failed by the sweep (services).


class UploadState(StrEnum):
    QUEUED = "queued"
    READING = "reading"
    DONE = "done"
    FAILED = "failed"


UPLOAD_LABELS = {
    UploadState.QUEUED: gettext_lazy("排队等待读取"),
    UploadState.READING: gettext_lazy("正在读取"),
    UploadState.DONE: gettext_lazy("已导入"),
    UploadState.FAILED: gettext_lazy("未能导入"),
}
UPLOAD_WAITING = (UploadState.QUEUED, UploadState.READING)  # a tuple: its order makes the migration stable

UPLOAD_MACHINE = Machine(
    (
        Transition("start", gettext_lazy("开始读取"), UPLOAD_WAITING, UploadState.READING),
        Transition("finish", gettext_lazy("完成导入"), frozenset({UploadState.READING}), UploadState.DONE),
        Transition("fail", gettext_lazy("记录未能导入"), UPLOAD_WAITING, UploadState.FAILED),
    ),
    UPLOAD_LABELS,
    separator=list_separator,
)
