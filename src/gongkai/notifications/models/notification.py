"""One message to one address: the outbox row the worker sends, and the record of what was sent.

Rows are only added and moved along their states (``workflow.MACHINE``); the text is kept as sent.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gongkai.applications.privacy import mask_email, mask_phone


class Kind(models.TextChoices):
    ACK = "ack", _("收到申请")
    CORRECTION = "correction", _("补正告知")
    EXTENSION = "extension", _("延期告知")
    REPLY = "reply", _("答复告知")
    REMINDER = "reminder", _("期限提醒")


class Channel(models.TextChoices):
    EMAIL = "email", _("电子邮件")
    SMS = "sms", _("短信")


class State(models.TextChoices):
    QUEUED = "queued", _("待发送")
    SENDING = "sending", _("发送中")
    SENT = "sent", _("已发送")
    FAILED = "failed", _("发送失败")


class Notification(models.Model):
    application = models.ForeignKey(
        "applications.Application",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="notifications",
        verbose_name=_("申请"),
    )
    # The step it tells of (one message per step, channel and address, however often the signal
    # comes), or the reminder it carries.
    event = models.ForeignKey(
        "events.Event", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    reminder = models.ForeignKey(
        "applications.Reminder", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    recipient_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    kind = models.CharField(_("类型"), max_length=16, choices=Kind.choices)
    channel = models.CharField(_("方式"), max_length=8, choices=Channel.choices)
    recipient = models.CharField(_("发送至"), max_length=254)
    subject = models.CharField(_("标题"), max_length=200, blank=True)
    body = models.TextField(_("内容"))
    state = models.CharField(_("状态"), max_length=8, choices=State.choices, default=State.QUEUED)
    attempts = models.PositiveSmallIntegerField(_("尝试次数"), default=0)
    last_error = models.CharField(_("错误"), max_length=500, blank=True)
    provider_ref = models.CharField(_("发送回执"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("生成时间"), default=timezone.now)
    # When a worker last claimed it: one still 发送中 long after is stuck (the worker died).
    claimed_at = models.DateTimeField(_("开始发送时间"), null=True, blank=True)
    sent_at = models.DateTimeField(_("发送时间"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("通知")
        verbose_name_plural = _("通知")
        constraints = [
            models.UniqueConstraint(
                fields=["event", "channel", "recipient"],
                condition=Q(event__isnull=False),
                name="notification_once_per_step",
            )
        ]
        indexes = [models.Index(fields=["state", "created_at"], name="notification_state_idx")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} → {self.recipient_masked}"

    @property
    def recipient_masked(self) -> str:
        return mask_email(self.recipient) if self.channel == Channel.EMAIL else mask_phone(self.recipient)
