"""Per-agency settings of the applications app."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from gongkai import law


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
