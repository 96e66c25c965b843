"""The year the calendar is entered through (for the 暂定 marks), and the back-office banner when
it does not cover the coming months (from October on, next year's notice is due)."""

from functools import cache

from django.utils import timezone
from django.utils.translation import gettext as _

from . import services


def calendar_banner(request):
    # Called (once per request) only by a page that shows a deadline.
    context = {"calendar_last_year": cache(services.last_entered_year)}
    path = getattr(request, "path", "")
    user = getattr(request, "user", None)
    if not path.startswith("/staff/") or not getattr(user, "is_authenticated", False):
        return context
    context["year_now"] = timezone.localdate().year
    year = services.coverage_gap()
    if year is not None:
        context["calendar_banner"] = _(
            "工作日日历尚未录入%(year)s年的节假日安排：落入该年的期限暂按法定节假日计算，标为“暂定”。"
            "国务院办公厅公布通知后，请管理员导入，期限将自动重算。"
        ) % {"year": year}
    return context
