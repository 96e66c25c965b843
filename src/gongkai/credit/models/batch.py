"""A 报送 batch to the public credit platform: the records sent together, the platform's feedback."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class BatchState(models.TextChoices):
    CREATED = "created", _("待报送")
    SENT = "sent", _("已报送")
    FEEDBACK = "feedback", _("已反馈")
    CANCELLED = "cancelled", _("已作废")


class SubmissionBatch(models.Model):
    agency = models.ForeignKey("agencies.Agency", on_delete=models.PROTECT, related_name="+")
    number = models.CharField(_("批次号"), max_length=30)
    state = models.CharField(_("状态"), max_length=10, choices=BatchState.choices, default=BatchState.CREATED)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    sent_on = models.DateField(_("报送日期"), null=True, blank=True)
    feedback_on = models.DateField(_("反馈日期"), null=True, blank=True)
    note = models.CharField(_("备注"), max_length=300, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "number"], name="credit_batch_unique_number")
        ]
        indexes = [models.Index(fields=["agency", "sent_on"])]

    def __str__(self) -> str:
        return f"报送批次 {self.number}"


class BatchItem(models.Model):
    batch = models.ForeignKey(SubmissionBatch, on_delete=models.CASCADE, related_name="items")
    record = models.ForeignKey("credit.CreditRecord", on_delete=models.PROTECT, related_name="batch_items")
    rejected = models.BooleanField(_("被退回"), default=False)
    reason = models.CharField(_("退回原因"), max_length=500, blank=True)

    class Meta:
        ordering = ["id"]
        constraints = [models.UniqueConstraint(fields=["batch", "record"], name="credit_item_unique")]
