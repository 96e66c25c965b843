"""Back-office banner when the working-day calendar does not cover the coming months."""

from django.utils.translation import gettext as _


def calendar_banner(request):
    path = getattr(request, "path", "")
    user = getattr(request, "user", None)
    if not path.startswith("/staff/") or not getattr(user, "is_authenticated", False):
        return {}
    from django.utils import timezone

    from .services import coverage_gap

    year = coverage_gap()
    now = {"year_now": timezone.localdate().year}
    if year is None:
        return now
    return {
        **now,
        "calendar_banner": _(
            "工作日日历尚未录入%(year)s年的节假日安排：落入该年的期限无法计算。请管理员导入国务院办公厅的节假日安排通知。"
        )
        % {"year": year},
    }
