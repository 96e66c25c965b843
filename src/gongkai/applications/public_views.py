"""Public pages: apply online, follow an application with its tracking number and query code (no
account), and the deadline calculator. They never show personal data: the status page carries the
state, the deadlines and what the agency asked for, not who applied."""

from __future__ import annotations

from django.core.cache import cache
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from gongkai.agencies.models import Agency
from gongkai.workdays import CalendarMissing
from gongkai.workdays.services import db_calendar

from . import services
from .clock import ClockError
from .forms import ApplicationForm, CalculatorForm, TrackForm, apply_error
from .queries import clock_of, find_for_applicant
from .workflow import State

TRACK_LIMIT = (
    20  # failed look-ups per address per 10 minutes: query codes must not be guessable by brute force
)
TRACK_WINDOW = 600


def index(request):
    agencies = Agency.objects.filter(is_active=True).order_by("sort_order", "code")
    return render(request, "applications/public/index.html", {"agencies": agencies})


@never_cache
def form(request, agency_code):
    agency = get_object_or_404(Agency, code=agency_code, is_active=True)
    form = ApplicationForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            intake = services.submit_online(
                agency, form.applicant_data(), d.get("attachments"), d.get("token") or None
            )
        except services.ApplicationError as exc:
            apply_error(form, exc)
        else:
            codes = request.session.get("apply_codes", {})
            if intake.query_code:
                codes[intake.application.tracking_no] = intake.query_code
            request.session["apply_codes"] = dict(list(codes.items())[-5:])
            request.session["apply_last"] = intake.application.tracking_no
            return redirect("apply:done")
    return render(request, "applications/public/form.html", {"agency": agency, "form": form})


@never_cache
def done(request):
    tracking_no = request.session.get("apply_last")
    if not tracking_no:
        return redirect("apply:index")
    return render(
        request,
        "applications/public/done.html",
        {"tracking_no": tracking_no, "code": request.session.get("apply_codes", {}).get(tracking_no)},
    )


def _client(request) -> str:
    return request.META.get("REMOTE_ADDR", "")


@never_cache
def track(request):
    """POST only for the look-up, so the query code never lands in a URL, a log or a Referer."""
    form = TrackForm(request.POST or None)
    app = None
    if request.method == "POST" and form.is_valid():
        key = f"apply-track:{_client(request)}"
        if cache.get(key, 0) >= TRACK_LIMIT:
            form.add_error(None, _("查询次数过多，请10分钟后再试。"))
        else:
            app = find_for_applicant(form.cleaned_data["tracking_no"], form.cleaned_data["code"])
            if app is None:
                cache.set(key, cache.get(key, 0) + 1, TRACK_WINDOW)
                form.add_error(None, _("申请编号或查询码不正确。"))
    if app is None:
        return render(request, "applications/public/track.html", {"form": form})
    today = timezone.localdate()
    deadlines, clock_error = (), ""
    try:
        clock = clock_of(app, today)
        if clock is not None and app.is_open:
            deadlines = [d for d in clock.deadlines() if d.kind in ("reply", "correction", "payment")]
    except (CalendarMissing, ClockError) as exc:
        clock_error = str(exc)
    return render(
        request,
        "applications/public/status.html",
        {
            "app": app,
            "deadlines": deadlines,
            "clock_error": clock_error,
            "correction": app.state == State.CORRECTION_REQUESTED,
            "letters": app.letters.all(),
        },
    )


def calculator(request):
    form = CalculatorForm(request.GET or None)
    result, error = None, ""
    if request.GET and form.is_valid():
        try:
            result = db_calendar().nth_working_day_after(
                form.cleaned_data["start"], form.cleaned_data["days"]
            )
        except CalendarMissing as exc:
            error = str(exc)
    return render(
        request, "applications/public/calculator.html", {"form": form, "result": result, "error": error}
    )
