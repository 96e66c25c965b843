"""Staff pages of the knowledge base: they render and call services."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gongkai.agencies.access import agencies_for, agency_required
from gongkai.agencies.models import Role
from gongkai.events.models import Event

from . import export, queries, search, services
from .forms import EntryForm, SearchForm
from .models import Entry, Status
from .workflow import MACHINE


@login_required
def index(request):
    agencies = list(agencies_for(request.user).order_by("sort_order", "code"))
    if len(agencies) == 1:
        return redirect("hotline:entries", agency_code=agencies[0].code)
    return render(request, "hotline/index.html", {"agencies": agencies})


def _ctx(request, **extra):
    return {"agency": request.agency, "access": request.agency_access, **extra}


def _found(qs, query):
    """The rows of ``qs`` matching ``query``, best first."""
    ids = search.search(qs, query)
    by_id = {e.pk: e for e in qs.filter(pk__in=ids).select_related("agency")}
    return [by_id[i] for i in ids if i in by_id]


@agency_required()
def entries(request, agency_code):
    """The agency's own entries (any state), filtered by state, searchable."""
    form = SearchForm(request.GET or None)
    own = Entry.objects.filter(agency=request.agency)
    qs = own
    status = request.GET.get("status", "")
    if status in Status.values:
        qs = qs.filter(status=status)
    query = form.cleaned_data["q"] if form.is_valid() else ""
    rows = _found(qs, query) if query else qs.order_by("-updated_at", "-id")
    counts = dict(own.values_list("status").annotate(n=Count("id")).values_list("status", "n"))
    return render(
        request,
        "hotline/entries.html",
        _ctx(
            request,
            page=Paginator(rows, 50).get_page(request.GET.get("page")),
            form=form,
            query=query,
            status=status,
            statuses=[(value, label, counts.get(value, 0)) for value, label in Status.choices],
        ),
    )


@agency_required()
def lookup(request, agency_code):
    """Hotline staff answering a caller: every agency's entries in force, by words of the question."""
    form = SearchForm(request.GET or None)
    query = form.cleaned_data["q"] if form.is_valid() else ""
    rows = _found(queries.public(timezone.localdate()), query) if query else []
    return render(request, "hotline/lookup.html", _ctx(request, form=form, query=query, rows=rows[:50]))


def _entry(request, pk) -> Entry:
    return get_object_or_404(Entry.objects.select_related("agency"), pk=pk, agency=request.agency)


@agency_required(needs=Role.CLERK)
def entry_create(request, agency_code):
    form = EntryForm(request.POST or None, initial={"effective_from": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        entry = services.create(request.user, request.agency, **form.entry_fields())
        messages.success(request, _("已新建知识条目 %(code)s") % {"code": entry.code})
        return redirect("hotline:entry", agency_code=agency_code, pk=entry.pk)
    return render(request, "hotline/form.html", _ctx(request, form=form, entry=None))


@agency_required(needs=Role.CLERK)
def entry_edit(request, agency_code, pk):
    entry = _entry(request, pk)
    form = EntryForm(request.POST or None, instance=entry)
    if entry.status != Status.DRAFT:
        messages.error(request, _("只有草稿可以修改；已发布的条目请先“修订”。"))
        return redirect("hotline:entry", agency_code=agency_code, pk=pk)
    if request.method == "POST" and form.is_valid():
        try:
            services.update(request.user, Entry.objects.get(pk=pk), **form.entry_fields())
        except services.HotlineError as exc:
            messages.error(request, exc.message)
        return redirect("hotline:entry", agency_code=agency_code, pk=pk)
    return render(request, "hotline/form.html", _ctx(request, form=form, entry=entry))


@agency_required()
def entry_detail(request, agency_code, pk):
    entry = _entry(request, pk)
    access = request.agency_access
    actions = [t for t in MACHINE.available(entry.status) if access.has(t.role)]
    events = Event.objects.for_subject(entry).order_by("-id")[:50]
    return render(
        request,
        "hotline/detail.html",
        _ctx(
            request,
            entry=entry,
            actions=actions,
            events=events,
            reviews=entry.reviews.all()[:20],
            basis=queries.basis_rows(entry),
        ),
    )


@agency_required(needs=(Role.CLERK, Role.REVIEWER, Role.AGENCY_ADMIN))
@require_POST
def entry_action(request, agency_code, pk):
    entry = _entry(request, pk)
    transition = MACHINE.get(request.POST.get("action", ""))
    if transition is None or not request.agency_access.has(transition.role):
        raise PermissionDenied
    try:
        services.fire(request.user, entry, transition.action, note=request.POST.get("note", "")[:300])
    except services.HotlineError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("已%(action)s") % {"action": transition.label})
    return redirect("hotline:entry", agency_code=agency_code, pk=pk)


@agency_required()
def staleness(request, agency_code):
    today = timezone.localdate()
    if request.method == "POST":
        if not request.agency_access.has(Role.REVIEWER):
            raise PermissionDenied
        done = services.sweep(request.user, [request.agency.pk], today)
        messages.success(
            request,
            _("已将 %(due)d 条转为待复核，%(expired)d 条设为失效。")
            % {"due": done.due, "expired": done.expired},
        )
        return redirect("hotline:staleness", agency_code=agency_code)
    rows = queries.staleness([request.agency.pk], today)
    return render(request, "hotline/staleness.html", _ctx(request, rows=rows, today=today))


@agency_required()
def export_file(request, agency_code, fmt):
    """The knowledge base in force (every agency's: the hotline answers for all of them)."""
    rows = queries.public(timezone.localdate()).select_related("agency").order_by("code")
    stamp = timezone.localdate().strftime("%Y%m%d")
    if fmt == "json":
        response = HttpResponse(export.to_json(rows), content_type="application/json; charset=utf-8")
    else:
        response = HttpResponse(
            export.to_xlsx(rows),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    response["Content-Disposition"] = f'attachment; filename="hotline-kb-{stamp}.{fmt}"'
    return response
