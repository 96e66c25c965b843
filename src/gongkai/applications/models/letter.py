"""Numbered documents sent to applicants and third parties, and their per-agency templates."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from gongkai import law


class Letter(models.Model):
    """An issued document. Its text is frozen when issued: editing a template later changes nothing."""

    agency = models.ForeignKey("agencies.Agency", on_delete=models.PROTECT, related_name="+")
    application = models.ForeignKey(
        "applications.Application", on_delete=models.PROTECT, related_name="letters"
    )
    kind = models.CharField(_("文书类型"), max_length=40)
    number = models.CharField(_("文号"), max_length=80)
    title = models.CharField(_("标题"), max_length=100)
    recipient = models.CharField(_("收件人"), max_length=200)
    body = models.TextField(_("正文"))
    issued_on = models.DateField(_("日期"))
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["issued_on", "id"]
        constraints = [models.UniqueConstraint(fields=["agency", "number"], name="letter_number_unique")]
        verbose_name = _("文书")
        verbose_name_plural = _("文书")

    def __str__(self) -> str:
        return f"{self.title} {self.number}"


class LetterTemplate(models.Model):
    """An agency's own wording for one kind of letter; the built-in default applies when absent."""

    agency = models.ForeignKey("agencies.Agency", on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("文书类型"), max_length=40)
    title = models.CharField(_("标题"), max_length=100)
    body = models.TextField(_("正文模板"))
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        constraints = [models.UniqueConstraint(fields=["agency", "kind"], name="letter_template_unique")]


class Counter(models.Model):
    """Last serial per agency, year and series (申请编号, each 文号 series); never reused."""

    agency = models.ForeignKey("agencies.Agency", on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField()
    series = models.CharField(max_length=16)
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["agency", "year", "series"], name="applications_counter_unique")
        ]


class ApplicationSettings(models.Model):
    """Per-agency settings: the 文号 prefix and the periods the provincial rules leave open."""

    agency = models.OneToOneField("agencies.Agency", on_delete=models.PROTECT, related_name="+")
    doc_prefix = models.CharField(
        _("文号机关代字"), max_length=16, blank=True, help_text=_("如 示教，文号为 示教依复〔2025〕12号")
    )
    payment_days = models.PositiveSmallIntegerField(_("缴费期限（工作日）"), default=law.PAYMENT.amount)
    correction_days = models.PositiveSmallIntegerField(
        _("默认补正期限（工作日）"), default=law.CORRECTION_DEFAULT.amount
    )
    due_soon_days = models.PositiveSmallIntegerField(_("临期提醒（剩余工作日）"), default=3)
