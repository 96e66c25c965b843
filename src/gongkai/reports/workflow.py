"""The life of an annual report as a state machine, declared as data (like applications.workflow).

  draft ─submit→ in_review ─publish→ published ─revise→ draft (a correction: the next publish makes
  version n+1 and needs a 更正说明) ; in_review ─return→ returned ─submit→ in_review

Texts can be edited in draft and returned only, so what a 审核人 approves is what was submitted.
"""

from __future__ import annotations

from enum import StrEnum

from gongkai.agencies.models import Role
from gongkai.statemachine import Machine, Transition


class Status(StrEnum):
    DRAFT = "draft"
    IN_REVIEW = "in_review"
    RETURNED = "returned"
    PUBLISHED = "published"


STATUS_LABELS = {
    Status.DRAFT: "草稿",
    Status.IN_REVIEW: "待审核",
    Status.RETURNED: "已退回",
    Status.PUBLISHED: "已发布",
}
EDITABLE = frozenset({Status.DRAFT, Status.RETURNED})


MACHINE = Machine(
    (
        Transition(
            "submit", "提交审核", frozenset({Status.DRAFT, Status.RETURNED}), Status.IN_REVIEW, Role.CLERK
        ),
        Transition("return", "退回修改", frozenset({Status.IN_REVIEW}), Status.RETURNED, Role.REVIEWER),
        Transition(
            "publish", "审核通过并发布", frozenset({Status.IN_REVIEW}), Status.PUBLISHED, Role.REVIEWER
        ),
        Transition("revise", "更正已发布的报告", frozenset({Status.PUBLISHED}), Status.DRAFT, Role.CLERK),
    ),
    STATUS_LABELS,
    refusal="报告当前为“{state}”，不能{action}（仅限{allowed}状态）",
)
