"""A released document of a plan: the original file (kept private, never attached to the public
entry) and its extracted text, on which the redactions' spans are counted."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from gongkai.redaction.profiles import PENALTY_DECISION, REPLY_COPY

PROFILE_CHOICES = [
    (REPLY_COPY, _("依申请公开提供的信息")),
    (PENALTY_DECISION, _("行政处罚决定书")),
]


def _upload_to(instance, filename: str) -> str:
    return (
        f"disclosure/{instance.plan.agency_id}/{instance.plan_id}/{instance.sha256[:16]}{instance.extension}"
    )


class Document(models.Model):
    plan = models.ForeignKey("disclosure.Plan", on_delete=models.CASCADE, related_name="documents")
    name = models.CharField(_("文件名"), max_length=255)
    kind = models.CharField(max_length=8)  # pdf | docx (catalogue.files kinds)
    extension = models.CharField(max_length=8)
    profile = models.CharField(_("文件类型"), max_length=24, choices=PROFILE_CHOICES, default=REPLY_COPY)
    file = models.FileField(upload_to=_upload_to, max_length=300)
    sha256 = models.CharField(max_length=64)
    text = models.TextField(blank=True)
    attachment = models.ForeignKey(
        "catalogue.Attachment", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return self.name
