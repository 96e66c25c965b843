"""A person's role in an agency. One person may hold several roles in several agencies."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    CLERK = "clerk", _("信息公开专员")  # enters and processes
    REVIEWER = "reviewer", _("审核人")  # reviews and approves
    AGENCY_ADMIN = "agency_admin", _("机构管理员")  # manages people and settings of the agency
    SUPERVISOR = "supervisor", _("监督")  # of a 主管部门: reads every agency under it


class MembershipQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True, user__is_active=True)


class Membership(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="memberships",
        verbose_name=_("用户"),
    )
    agency = models.ForeignKey(
        "agencies.Agency", on_delete=models.PROTECT, related_name="memberships", verbose_name=_("机构")
    )
    role = models.CharField(_("角色"), max_length=16, choices=Role.choices)
    is_active = models.BooleanField(_("有效"), default=True)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        ordering = ["agency", "user__username", "role"]
        verbose_name = _("机构人员角色")
        verbose_name_plural = _("机构人员角色")
        constraints = [
            models.UniqueConstraint(fields=["user", "agency", "role"], name="membership_unique_role"),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.agency} · {self.get_role_display()}"
