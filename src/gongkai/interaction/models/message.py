"""A 留言 of 政民互动 (spec §4 Message; GB/T 39046 表10 咨询 data set)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ..rules import DEFAULT_ANSWER_DAYS, KINDS


class State(models.TextChoices):
    RECEIVED = "received", _("待答复")
    ANSWERED = "answered", _("已答复")
    PUBLISHED = "published", _("已答复并公开")


class Message(models.Model):
    agency = models.ForeignKey(
        "agencies.Agency", on_delete=models.PROTECT, related_name="+", verbose_name=_("答复部门")
    )
    ack_no = models.CharField(_("受理编号"), max_length=64, unique=True)
    query_code_hash = models.CharField(max_length=64, editable=False)
    kind = models.CharField(_("类型"), max_length=16, choices=KINDS, default="consult")
    title = models.CharField(_("标题"), max_length=100)
    body = models.TextField(_("留言内容"))
    name = models.CharField(_("姓名"), max_length=50)  # personal data: never on a public page
    contact = models.CharField(_("联系电话"), max_length=50)
    consent = models.BooleanField(_("同意公开"), default=False)
    received_at = models.DateTimeField(_("留言时间"))
    received_on = models.DateField(_("受理日期"))
    due_on = models.DateField(_("答复期限"))
    state = models.CharField(_("状态"), max_length=16, choices=State.choices, default=State.RECEIVED)
    answer = models.TextField(_("答复内容"), blank=True)
    answered_on = models.DateField(_("答复日期"), null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # What the public list shows: the texts with personal data masked, fixed at publication.
    public_title = models.CharField(max_length=100, blank=True)
    public_body = models.TextField(blank=True)
    public_answer = models.TextField(blank=True)
    published_on = models.DateField(_("公开日期"), null=True, blank=True)

    class Meta:
        verbose_name = _("留言")
        verbose_name_plural = _("留言")
        ordering = ["-received_at", "-id"]
        indexes = [
            models.Index(fields=["agency", "state", "due_on"]),
            models.Index(fields=["state", "published_on"]),
        ]

    def __str__(self):
        return f"{self.ack_no} {self.title}"

    def overdue_on(self, today) -> bool:
        """Late: unanswered past its period, or answered after it."""
        if self.answered_on:
            return self.answered_on > self.due_on
        return today > self.due_on


class AgencySettings(models.Model):
    agency = models.OneToOneField("agencies.Agency", on_delete=models.CASCADE, related_name="+")
    answer_days = models.PositiveSmallIntegerField(_("答复期限（工作日）"), default=DEFAULT_ANSWER_DAYS)


class Counter(models.Model):
    """Last serial of the 受理编号 per agency and year; never reused."""

    agency = models.ForeignKey("agencies.Agency", on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["agency", "year"], name="interaction_counter_unique")]
