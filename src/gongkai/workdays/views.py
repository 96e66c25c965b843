"""The working-day calendar screen (site-wide): read by every staff member, edited by the
administrators of a supervising office (and superusers)."""

from __future__ import annotations

from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.agencies.access import agencies_for
from gongkai.agencies.models import Membership, Role
from gongkai.i18n import join_list

from . import services
from .counting import statutory_arrangement
from .forms import CalendarDayForm, CalendarImportForm, CalendarYearForm
from .models import CalendarYear, HolidayCalendarDay


def _may_edit_calendar(user) -> bool:
    if user.is_superuser:
        return True
    return (
        Membership.objects.active()
        .filter(user=user, role=Role.AGENCY_ADMIN, agency__is_supervising_office=True)
        .exists()
    )


@login_required
def calendar_view(request):
    """The working-day calendar, by year: read for every staff member, edited by administrators."""
    if not agencies_for(request.user).exists() and not request.user.is_superuser:
        raise Http404("no agency")
    may_edit = _may_edit_calendar(request.user)
    years = list(CalendarYear.objects.order_by("-year"))
    try:
        year = int(request.GET.get("year") or timezone.localdate().year)
    except ValueError:
        year = timezone.localdate().year
    forms_ = {
        "day": CalendarDayForm(prefix="day"),
        "import": CalendarImportForm(prefix="import"),
        "year": CalendarYearForm(prefix="year"),
    }
    if request.method == "POST":
        if not may_edit:
            raise PermissionDenied
        op = request.POST.get("op")
        try:
            if op == "set":
                forms_["day"] = form = CalendarDayForm(request.POST, prefix="day")
                if form.is_valid():
                    d = form.cleaned_data
                    moved = services.set_day(request.user, d["date"], d["kind"], d["source"])
                    return _calendar_done(request, moved, d["date"].year)
            elif op == "remove":
                day = date.fromisoformat(request.POST.get("date", ""))
                moved = services.remove_day(request.user, day)
                return _calendar_done(request, moved, day.year)
            elif op == "import":
                forms_["import"] = form = CalendarImportForm(request.POST, prefix="import")
                if form.is_valid():
                    years_, moved = services.import_notice(
                        request.user, form.cleaned_data["text"], form.cleaned_data["source"]
                    )
                    return _calendar_done(request, moved, years_[0])
            elif op == "cover":
                forms_["year"] = form = CalendarYearForm(request.POST, prefix="year")
                if form.is_valid():
                    moved = services.cover_year(
                        request.user, form.cleaned_data["year"], form.cleaned_data["source"]
                    )
                    return _calendar_done(request, moved, form.cleaned_data["year"])
            else:
                raise Http404("no such operation")
        except services.CalendarError as exc:
            target = {"set": "day", "import": "import", "cover": "year"}.get(op)
            if target:
                form = forms_[target]
                form.add_error(exc.field if exc.field in form.fields else None, exc.message)
            else:
                messages.error(request, exc.message)
        except ValueError:
            messages.error(request, _("日期格式错误。"))
    days = HolidayCalendarDay.objects.filter(date__year=year)
    provisional_years = sorted(services.db_calendar().provisional_years)
    return render(
        request,
        "workdays/calendar.html",
        {
            "years": years,
            "year": year,
            "covered": any(y.year == year for y in years),
            "days": days,
            "may_edit": may_edit,
            "forms": forms_,
            "gap": services.coverage_gap(),
            "provisional_years": provisional_years,
            "provisional_days": statutory_arrangement(year) if year in provisional_years else (),
        },
    )


def _calendar_done(request, moved, year):
    if moved:
        messages.success(
            request,
            _("已保存。%(n)s件办理中申请的期限随之变化：%(list)s")
            % {
                "n": len(moved),
                "list": join_list(
                    _("%(no)s（%(before)s→%(after)s）")
                    % {"no": m.reference, "before": m.before or "—", "after": m.after or "—"}
                    for m in moved[:20]
                ),
            },
        )
    else:
        messages.success(request, _("已保存。没有办理中申请的期限因此变化。"))
    return redirect(f"{request.path}?year={year}")
