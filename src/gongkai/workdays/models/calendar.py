"""The editable working-day calendar: holidays and 调休 make-up working days, by year."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from ..counting import HOLIDAY, MAKEUP_WORKDAY


class DayKind(models.TextChoices):
    HOLIDAY = HOLIDAY, _("法定节假日（休息）")
    MAKEUP_WORKDAY = MAKEUP_WORKDAY, _("调休上班日")


class CalendarYear(models.Model):
    """A year whose arrangement is entered: only covered years may be counted into."""

    year = models.PositiveSmallIntegerField(_("年份"), unique=True)
    source = models.CharField(_("依据"), max_length=200, blank=True, help_text=_("如 国办发明电〔2025〕7号"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["year"]
        verbose_name = _("日历年份")
        verbose_name_plural = _("日历年份")

    def __str__(self) -> str:
        return str(self.year)


class HolidayCalendarDay(models.Model):
    date = models.DateField(_("日期"), unique=True)
    kind = models.CharField(_("类型"), max_length=16, choices=DayKind.choices)
    source = models.CharField(_("依据文号"), max_length=200, blank=True)
    note = models.CharField(_("说明"), max_length=100, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["date"]
        verbose_name = _("节假日安排")
        verbose_name_plural = _("节假日安排")

    def __str__(self) -> str:
        return f"{self.date.isoformat()} {self.get_kind_display()}"
