"""Staff catalogue pages under /staff/catalogue/<agency_code>/. Every view resolves the agency through
gongkai.agencies.access: staff of another agency get 404, a missing role gives 403."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gongkai.agencies.access import agencies_for, agency_required
from gongkai.agencies.models import Role
from gongkai.downloads import file_download
from gongkai.events.models import Event

from . import attachments, queries, services, workflow
from .errors import CatalogueError
from .forms import (
    AttachmentForm,
    EntryForm,
    OwnCategoryForm,
    ReasonForm,
    SettingsForm,
    StaffFilterForm,
    SynonymForm,
    ValidityForm,
    list_params,
)
from .models import AgencySettings, Attachment, Entry, OwnCategory, Status, Synonym
from .search import Filters, apply_filters
from .search.synonyms import seed_groups

PAGE_SIZE = 30


def _entry(request, pk) -> Entry:
    return get_object_or_404(Entry.objects.select_related("agency"), agency=request.agency, pk=pk)


@login_required
def index(request):
    """The catalogue agencies of this user; straight to the only one when there is one."""
    agencies = list(agencies_for(request.user))
    if len(agencies) == 1:
        return redirect("catalogue:entry_list", agency_code=agencies[0].code)
    return render(request, "catalogue/index.html", {"agencies": agencies})


@agency_required()
def entry_list(request, agency_code):
    form = StaffFilterForm(request.GET or None, agency=request.agency)
    filters = Filters(agency_ids=(request.agency.pk,))
    text, sort = "", ""
    if form.is_valid():
        d = form.cleaned_data
        text, sort = d["q"], d["sort"]
        filters = Filters(
            agency_ids=(request.agency.pk,),
            category=d["category"],
            doc_type=d["doc_type"],
            year=d["year"],
            validity=d["validity"],
            status=(d["status"],) if d["status"] else None,
        )
    results = queries.parse_search(text, filters, sort)
    if results.query:
        results = queries.search_page(results, filters, request.GET.get("page"), PAGE_SIZE)
        page, entries = results.page, results.entries
    else:
        qs = apply_filters(Entry.objects.filter(agency=request.agency), filters).order_by(
            "-updated_at", "-id"
        )
        page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
        entries = list(page.object_list)
    page_params, sort_params = list_params(request.GET)
    return render(
        request,
        "catalogue/entry_list.html",
        {
            "agency": request.agency,
            "access": request.agency_access,
            "form": form,
            "page": page,
            "entries": entries,
            "results": results,
            "params": page_params,
            "sort_params": sort_params,
            "queue_count": queries.review_queue(request.agency).count(),
        },
    )


@agency_required(needs=Role.REVIEWER)
def review_queue(request, agency_code):
    return render(
        request,
        "catalogue/review_queue.html",
        {
            "agency": request.agency,
            "access": request.agency_access,
            "entries": queries.review_queue(request.agency),
        },
    )


def _apply_error(form, exc: CatalogueError) -> None:
    field = exc.field if exc.field in form.fields else None
    form.add_error(field, exc.message)


@agency_required(needs=Role.CLERK)
def entry_create(request, agency_code):
    form = EntryForm(request.POST or None, agency=request.agency)
    if request.method == "POST" and form.is_valid():
        try:
            entry = services.create_entry(request.user, request.agency, **form.cleaned_data)
        except CatalogueError as exc:
            _apply_error(form, exc)
        else:
            messages.success(request, _("已保存草稿，索引号 %(no)s。") % {"no": entry.index_no})
            return redirect("catalogue:entry_detail", agency_code=agency_code, pk=entry.pk)
    return render(
        request, "catalogue/entry_form.html", {"agency": request.agency, "form": form, "entry": None}
    )


@agency_required(needs=Role.CLERK)
def entry_edit(request, agency_code, pk):
    entry = _entry(request, pk)
    if entry.status not in workflow.EDITABLE_STATES:
        messages.error(request, _("只有草稿或已退回的条目可以修改。"))
        return redirect("catalogue:entry_detail", agency_code=agency_code, pk=pk)
    form = EntryForm(request.POST or None, instance=entry, agency=request.agency)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_entry(request.user, entry, **form.cleaned_data)
        except CatalogueError as exc:
            _apply_error(form, exc)
        else:
            messages.success(request, _("已保存。"))
            return redirect("catalogue:entry_detail", agency_code=agency_code, pk=pk)
    return render(
        request, "catalogue/entry_form.html", {"agency": request.agency, "form": form, "entry": entry}
    )


@agency_required()
def entry_detail(request, agency_code, pk):
    entry = _entry(request, pk)
    return render(
        request,
        "catalogue/entry_detail.html",
        {
            "agency": request.agency,
            "access": request.agency_access,
            "entry": entry,
            "category_label": queries.category_label(entry.category, entry.agency),
            "attachments": entry.attachments.all(),
            "transitions": workflow.allowed_transitions(entry, request.user),
            "editable": entry.status in workflow.EDITABLE_STATES and request.agency_access.is_clerk,
            "attachment_form": AttachmentForm(),
            "reason_form": ReasonForm(),
            "validity_form": ValidityForm(
                initial={"validity": entry.validity, "invalid_date": entry.invalid_date}
            ),
            "can_set_validity": entry.status == Status.PUBLISHED
            and request.agency_access.has((Role.CLERK, Role.REVIEWER)),
        },
    )


@agency_required()
def entry_history(request, agency_code, pk):
    entry = _entry(request, pk)
    events = Event.objects.for_subject(entry).select_related("actor")
    return render(
        request,
        "catalogue/entry_history.html",
        {"agency": request.agency, "entry": entry, "events": events},
    )


@agency_required(needs=(Role.CLERK, Role.REVIEWER))
@require_POST
def entry_transition(request, agency_code, pk, action):
    entry = _entry(request, pk)
    t = workflow.MACHINE.get(action)
    if t is None:
        raise Http404("no such action")
    if not request.agency_access.has(t.role):
        raise PermissionDenied
    reason = ""
    if t.needs_reason:
        form = ReasonForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("请填写理由。"))
            return redirect("catalogue:entry_detail", agency_code=agency_code, pk=pk)
        reason = form.cleaned_data["reason"]
    try:
        workflow.transition(request.user, entry, action, reason=reason)
    except CatalogueError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("已%(action)s。") % {"action": t.label})
    if action in ("publish", "return") and request.POST.get("next") == "queue":
        return redirect("catalogue:review_queue", agency_code=agency_code)
    return redirect("catalogue:entry_detail", agency_code=agency_code, pk=pk)


@agency_required(needs=Role.CLERK)
@require_POST
def entry_delete(request, agency_code, pk):
    entry = _entry(request, pk)
    try:
        services.delete_entry(request.user, entry)
    except CatalogueError as exc:
        messages.error(request, exc.message)
        return redirect("catalogue:entry_detail", agency_code=agency_code, pk=pk)
    messages.success(request, _("已删除。"))
    return redirect("catalogue:entry_list", agency_code=agency_code)


@agency_required(needs=(Role.CLERK, Role.REVIEWER))
@require_POST
def entry_validity(request, agency_code, pk):
    entry = _entry(request, pk)
    form = ValidityForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("请检查有效性和日期。"))
    else:
        try:
            workflow.set_validity(
                request.user, entry, form.cleaned_data["validity"], form.cleaned_data["invalid_date"]
            )
        except CatalogueError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("已更新有效性。"))
    return redirect("catalogue:entry_detail", agency_code=agency_code, pk=pk)


@agency_required(needs=Role.CLERK)
@require_POST
def attachment_add(request, agency_code, pk):
    entry = _entry(request, pk)
    form = AttachmentForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _("请选择要上传的文件。"))
    else:
        try:
            attachments.add_attachment(request.user, entry, form.cleaned_data["file"])
        except CatalogueError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("附件已上传。"))
    return redirect("catalogue:entry_detail", agency_code=agency_code, pk=pk)


@agency_required(needs=Role.CLERK)
@require_POST
def attachment_delete(request, agency_code, pk, att):
    entry = _entry(request, pk)
    attachment = get_object_or_404(Attachment, entry=entry, pk=att)
    try:
        attachments.delete_attachment(request.user, attachment)
    except CatalogueError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("附件已删除。"))
    return redirect("catalogue:entry_detail", agency_code=agency_code, pk=pk)


@agency_required()
def attachment_download(request, agency_code, pk, att):
    entry = _entry(request, pk)
    attachment = get_object_or_404(Attachment, entry=entry, pk=att)
    return attachment_response(attachment)


def attachment_response(attachment: Attachment) -> FileResponse:
    try:
        fh = attachment.file.open("rb")
    except (FileNotFoundError, OSError) as exc:
        raise Http404("file missing") from exc
    return file_download(fh, attachment.name, attachment.content_type)


@agency_required(needs=Role.AGENCY_ADMIN)
def agency_settings(request, agency_code):
    row = AgencySettings.objects.filter(agency=request.agency).first() or AgencySettings(
        agency=request.agency
    )
    form = SettingsForm(instance=row, prefix="s")
    cat_form = OwnCategoryForm(prefix="c")
    if request.method == "POST" and "add_category" in request.POST:
        cat_form = OwnCategoryForm(request.POST, prefix="c")
        if cat_form.is_valid():
            try:
                services.add_own_category(request.user, request.agency, **cat_form.cleaned_data)
            except CatalogueError as exc:
                _apply_error(cat_form, exc)
            else:
                messages.success(request, _("已添加分类。"))
                return redirect("catalogue:settings", agency_code=agency_code)
    elif request.method == "POST":
        form = SettingsForm(request.POST, instance=row, prefix="s")
        if form.is_valid():
            try:
                services.save_index_pattern(request.user, request.agency, form.cleaned_data["index_pattern"])
            except CatalogueError as exc:
                _apply_error(form, exc)
            else:
                messages.success(request, _("已保存。"))
                return redirect("catalogue:settings", agency_code=agency_code)
    return render(
        request,
        "catalogue/settings.html",
        {
            "agency": request.agency,
            "form": form,
            "cat_form": cat_form,
            "own_categories": OwnCategory.objects.filter(agency=request.agency),
        },
    )


@agency_required(needs=Role.AGENCY_ADMIN)
def synonyms(request, agency_code):
    """The search synonyms: the shipped list, the site-wide groups (site administrators edit them)
    and the agency's own."""
    form = SynonymForm(site_wide=request.user.is_superuser)
    if request.method == "POST" and "delete" in request.POST:
        pk = request.POST["delete"]
        scope = Synonym.objects.filter(Q(agency=None) | Q(agency=request.agency))
        row = get_object_or_404(scope, pk=int(pk) if pk.isdigit() else 0)
        try:
            services.delete_synonym(request.user, request.agency, row)
        except CatalogueError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("已删除同义词“%(terms)s”。") % {"terms": row})
        return redirect("catalogue:synonyms", agency_code=agency_code)
    if request.method == "POST":
        form = SynonymForm(request.POST, site_wide=request.user.is_superuser)
        if form.is_valid():
            try:
                row = services.add_synonym(
                    request.user,
                    request.agency,
                    form.cleaned_data["terms"],
                    form.cleaned_data.get("site_wide", False),
                )
            except CatalogueError as exc:
                _apply_error(form, exc)
            else:
                messages.success(request, _("已添加同义词“%(terms)s”。") % {"terms": row})
                return redirect("catalogue:synonyms", agency_code=agency_code)
    return render(
        request,
        "catalogue/synonyms.html",
        {
            "agency": request.agency,
            "form": form,
            "own": Synonym.objects.filter(agency=request.agency),
            "site_wide": Synonym.objects.filter(agency=None),
            "seed": seed_groups(),
            "can_edit_site_wide": request.user.is_superuser,
        },
    )
