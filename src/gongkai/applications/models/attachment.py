"""Files sent with an application or its correction, or added by staff."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class AttachmentPurpose(models.TextChoices):
    APPLICATION = "application", _("申请材料")
    CORRECTION = "correction", _("补正材料")
    STAFF = "staff", _("办理材料")


def _upload_to(instance, filename: str) -> str:
    # Never the applicant's file name on disk (it may carry personal data); the kind gives the suffix.
    return f"applications/{instance.application.agency.code}/{instance.application.pk}/{instance.sha256[:16]}{instance.extension}"


class Attachment(models.Model):
    application = models.ForeignKey(
        "applications.Application", on_delete=models.CASCADE, related_name="attachments"
    )
    purpose = models.CharField(max_length=16, choices=AttachmentPurpose.choices)
    file = models.FileField(upload_to=_upload_to, max_length=300)
    original_name = models.CharField(_("文件名"), max_length=200)
    kind = models.CharField(max_length=16)
    extension = models.CharField(max_length=8)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return self.original_name
