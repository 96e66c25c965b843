"""Demo notifications: the messages the demo applications' steps queued, sent through the real
path (the demo's addresses are fictional, so e-mail goes to an in-memory backend and SMS to the
configured gateway, by default the log), and a couple that failed, to show the resend button."""

from __future__ import annotations

from django.core.mail import get_connection
from django.core.mail.backends.base import BaseEmailBackend

from . import services
from .models import Channel, Notification, State

FAILED_PER_AGENCY = 1


class _Unreachable(BaseEmailBackend):
    def send_messages(self, messages):
        raise ConnectionRefusedError("邮件服务器 10.0.0.25:25 拒绝连接（演示）")


def load_demo_notifications(log=print) -> int:
    queued = Notification.objects.filter(state=State.QUEUED).order_by("pk")
    failing: set[int] = set()
    seen: dict[int, int] = {}
    for pk, agency_id in queued.filter(channel=Channel.EMAIL).values_list("pk", "application__agency_id"):
        if seen.get(agency_id, 0) < FAILED_PER_AGENCY:
            seen[agency_id] = seen.get(agency_id, 0) + 1
            failing.add(pk)
    memory, broken = get_connection("django.core.mail.backends.locmem.EmailBackend"), _Unreachable()
    sent = 0
    for pk in list(queued.values_list("pk", flat=True)):
        state = services.attempt(pk, connection=broken if pk in failing else memory)
        sent += state == State.SENT
    log(f"已发送 {sent} 条演示通知，{len(failing)} 条发送失败（可在申请详情页重新发送）。")
    return sent
