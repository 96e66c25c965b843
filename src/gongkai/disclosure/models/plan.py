"""A redaction plan: the released documents of one replied application, prepared for 主动公开 under
条例第四十四条. The link between the case and the catalogue entry lives here (neither of those apps
knows about the other's row)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class PlanState(models.TextChoices):
    DRAFT = "draft", _("隐去处理中")
    ACCEPTED = "accepted", _("已转为目录条目")
    CANCELLED = "cancelled", _("已放弃")


class Plan(models.Model):
    agency = models.ForeignKey("agencies.Agency", on_delete=models.PROTECT, related_name="+")
    application = models.ForeignKey(
        "applications.Application", on_delete=models.PROTECT, related_name="+", verbose_name=_("申请")
    )
    state = models.CharField(_("状态"), max_length=16, choices=PlanState.choices, default=PlanState.DRAFT)
    # The configurable list of names: people the case does not know by its fields (one per line).
    extra_names = models.TextField(_("其他需要隐去的姓名"), blank=True)
    entry = models.ForeignKey(
        "catalogue.Entry", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    accepted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("隐去方案")
        verbose_name_plural = _("隐去方案")
        constraints = [
            # One plan in progress per case: a second click finds the first.
            models.UniqueConstraint(
                fields=["application"],
                condition=models.Q(state="draft"),
                name="disclosure_one_draft_per_case",
            )
        ]

    def __str__(self) -> str:
        return f"{self.application} #{self.pk}"

    def names(self) -> list[str]:
        return [line.strip() for line in self.extra_names.splitlines() if line.strip()]
