"""Public pages: apply online (with a printable receipt), follow an application with its tracking
number and query code (no account), answer a 补正 request, download the letters sent to the
applicant, and the deadline calculator. The status page never shows personal data: it carries the
state, the deadlines, what the agency asked for and the outcome in plain words, not who applied."""

from __future__ import annotations

from django.core import signing
from django.core.cache import cache
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from gongkai.agencies.models import Agency
from gongkai.catalogue import cache as public_cache
from gongkai.workdays import CalendarMissing
from gongkai.workdays.services import db_calendar

from . import letters, services
from .clock import ClockError, EventKind
from .forms import ApplicationForm, CalculatorForm, CorrectionAnswerForm, TrackForm, apply_error
from .letters import LETTER_KINDS
from .models import Application, AttachmentPurpose, Channel, Letter
from .queries import clock_of, find_for_applicant
from .rules import PLAIN_OUTCOMES
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
    posted = request.method == "POST"  # an empty POST is still a submission to answer with errors
    form = ApplicationForm(request.POST if posted else None, request.FILES if posted else None)
    if posted and form.is_valid():
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


def _submitted(request) -> Application | None:
    """The online application this browser just submitted (the session remembers it)."""
    tracking_no = request.session.get("apply_last")
    if not tracking_no:
        return None
    return (
        Application.objects.select_related("agency")
        .filter(tracking_no=tracking_no, channel=Channel.ONLINE)
        .first()
    )


def _receipt_context(request, app: Application) -> dict:
    return {
        "app": app,
        "code": request.session.get("apply_codes", {}).get(app.tracking_no),
        "submitted": timezone.localtime(app.submitted_at),
        "attachments": app.attachments.filter(purpose=AttachmentPurpose.APPLICATION),
        "track_url": request.build_absolute_uri(reverse("apply:track")),
    }


@never_cache
def done(request):
    app = _submitted(request)
    if app is None:
        return redirect("apply:index")
    return render(request, "applications/public/done.html", _receipt_context(request, app))


@never_cache
def receipt_pdf(request):
    from weasyprint import HTML

    app = _submitted(request)
    if app is None:
        return redirect("apply:index")
    page = render_to_string("applications/public/receipt_pdf.html", _receipt_context(request, app), request)
    response = HttpResponse(HTML(string=page).write_pdf(), content_type="application/pdf")
    response["Content-Disposition"] = content_disposition_header(
        True, _("政府信息公开申请回执%(no)s.pdf") % {"no": app.tracking_no}
    )
    return response


def _client(request) -> str:
    return request.META.get("REMOTE_ADDR", "")


def _look_up(request, form) -> Application | None:
    """The application for the form's number and code; failed tries are counted per address."""
    key = f"apply-track:{_client(request)}"
    if cache.get(key, 0) >= TRACK_LIMIT:
        form.add_error(None, _("查询次数过多，请10分钟后再试。"))
        return None
    app = find_for_applicant(form.cleaned_data["tracking_no"], form.cleaned_data["code"])
    if app is None:
        cache.set(key, cache.get(key, 0) + 1, TRACK_WINDOW)
        form.add_error(None, _("申请编号或查询码不正确。"))
    return app


@never_cache
@public_cache.public_page
def track(request):
    """POST only for the look-up, so the query code never lands in a URL, a log or a Referer.

    The empty form (GET) is the same for everyone: cached like the other public pages, with each
    visitor's own CSRF token put in. A look-up's answer (POST) is one applicant's and never cached."""
    posted = request.method == "POST"
    form = TrackForm(request.POST if posted else None)
    app = _look_up(request, form) if posted and form.is_valid() else None
    if app is None:
        return public_cache.render_public(request, "applications/public/track.html", {"form": form})
    return _status(request, app, form.cleaned_data["code"])


@never_cache
@require_POST
def correct(request):
    """The applicant's 补正 from the status page; a refused one shows the page again with the errors."""
    form = CorrectionAnswerForm(request.POST, request.FILES)
    look_up = TrackForm({"tracking_no": request.POST.get("tracking_no"), "code": request.POST.get("code")})
    app = _look_up(request, look_up) if look_up.is_valid() else None
    if app is None:
        return render(request, "applications/public/track.html", {"form": look_up})
    code = look_up.cleaned_data["code"]
    if form.is_valid():
        d = form.cleaned_data
        try:
            answer = services.answer_correction(
                app.tracking_no, code, d["text"], d.get("attachments"), d.get("token") or None
            )
        except services.ApplicationError as exc:
            apply_error(form, exc)
        else:
            return _status(request, answer.application, code, answered=True)
    return _status(request, app, code, correction_form=form)


def _status(request, app: Application, code: str, correction_form=None, answered: bool = False):
    today = timezone.localdate()
    deadlines, clock_error = (), ""
    try:
        clock = clock_of(app, today)
        if clock is not None and app.is_open:
            deadlines = [d for d in clock.deadlines() if d.kind in ("reply", "correction", "payment")]
    except (CalendarMissing, ClockError) as exc:
        clock_error = str(exc)
    can_correct = services.correction_open(app, today)
    if can_correct and correction_form is None:
        correction_form = CorrectionAnswerForm(initial={"tracking_no": app.tracking_no, "code": code})
    letters = _applicant_letters(app)
    return render(
        request,
        "applications/public/status.html",
        {
            "app": app,
            "deadlines": deadlines,
            "clock_error": clock_error,
            "correction": app.state == State.CORRECTION_REQUESTED,
            "correction_form": correction_form if can_correct else None,
            "corrected_on": app.clock_entries.filter(kind=EventKind.CORRECTION_RECEIVED)
            .values_list("on", flat=True)
            .first(),
            "correction_files": app.attachments.filter(purpose=AttachmentPurpose.CORRECTION),
            "answered": answered,
            "outcome_words": outcome_words(app),
            "letters": [(letter, _letter_token(letter)) for letter in letters],
            "link_minutes": LETTER_LINK_AGE // 60,
        },
    )


def outcome_words(app: Application) -> str:
    """The outcome in plain words for the applicant ('' while open, or withdrawn / merged)."""
    if not app.outcome or app.state in (State.WITHDRAWN, State.MERGED):
        return ""
    return _(PLAIN_OUTCOMES[app.outcome])


# ----------------------------------------------------------------- the applicant's letters

LETTER_LINK_SALT = "gongkai.apply.letter"
LETTER_LINK_AGE = 3600  # seconds a download link from the status page stays valid
LETTER_FORMATS = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


def _applicant_letters(app: Application) -> list[Letter]:
    """The letters addressed to the applicant (never the consulted parties')."""
    return [
        letter
        for letter in app.letters.all()
        if letter.kind in LETTER_KINDS and not LETTER_KINDS[letter.kind].to_party
    ]


def _letter_token(letter: Letter) -> str:
    """Signed proof that the number and code were checked for this letter's application: the link
    is not guessable, and it expires."""
    return signing.dumps([letter.application_id, letter.pk], salt=LETTER_LINK_SALT)


@never_cache
def letter_download(request, token, fmt):
    try:
        app_id, letter_id = signing.loads(token, salt=LETTER_LINK_SALT, max_age=LETTER_LINK_AGE)
    except (signing.BadSignature, ValueError, TypeError):
        raise Http404("no such letter") from None
    letter = get_object_or_404(
        Letter.objects.select_related("application__agency"), pk=letter_id, application_id=app_id
    )
    if fmt not in LETTER_FORMATS or letter not in _applicant_letters(letter.application):
        raise Http404("no such letter")
    data = letters.to_pdf(letter) if fmt == "pdf" else letters.to_docx(letter)
    response = HttpResponse(data, content_type=LETTER_FORMATS[fmt])
    response["Content-Disposition"] = content_disposition_header(True, f"{letter.title}{letter.number}.{fmt}")
    return response


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
