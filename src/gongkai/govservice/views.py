"""Staff pages under /staff/govservice/<agency_code>/ and the public pages under /services/."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from gongkai.agencies.access import WRITE_ROLES, agencies_for, agency_required
from gongkai.agencies.models import Agency

from . import importing, qr, queries, services
from .checks import warnings_for
from .codes import DEPTHS, FORMS, ITEM_TYPES, PROJECT_TYPES, USE_LEVELS
from .errors import GovServiceError
from .forms import PublicFilter, RegistryFilter, UploadForm
from .metrics import compute
from .models import BatchStatus, ImportBatch, ServiceItem

PAGE_SIZE = 50
FACET_LABELS = {
    "counted": gettext_lazy("计入事项数的事项"),
    "online": gettext_lazy("计为网上可办的事项"),
    "not_online": gettext_lazy("未计为网上可办的事项"),
    "immediate": gettext_lazy("即办件"),
    "zero_visit": gettext_lazy("零跑动事项"),
}


def _context(request, **extra) -> dict:
    return {"agency": request.agency, "access": request.agency_access, **extra}


@login_required
def index(request):
    agencies = list(agencies_for(request.user))
    if len(agencies) == 1:
        return redirect("govservice:registry", agency_code=agencies[0].code)
    return render(request, "govservice/index.html", {"agencies": agencies})


@agency_required()
def registry(request, agency_code):
    form = RegistryFilter(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    as_of = data.get("as_of") or timezone.localdate()
    facet = data.get("facet", "")
    items = queries.staff_items(
        request.agency, data.get("q", ""), data.get("type", ""), data.get("status", ""), facet, as_of
    )
    page = Paginator(items, PAGE_SIZE).get_page(request.GET.get("page"))
    failing, per_check = queries.warning_summary(request.agency)
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "govservice/registry.html",
        _context(
            request,
            form=form,
            metrics=compute([request.agency.pk], as_of),
            as_of=as_of,
            facet=facet,
            facet_label=FACET_LABELS.get(facet, ""),
            page=page,
            rows=queries.with_warnings(page.object_list),
            failing=failing,
            per_check=sorted(per_check.items(), key=lambda kv: -kv[1]),
            query=query.urlencode(),
            types=ITEM_TYPES,
            recent=ImportBatch.objects.filter(agency=request.agency)[:5],
        ),
    )


def _labels(item: ServiceItem) -> dict:
    return {
        "type": ITEM_TYPES.get(item.item_type, ""),
        "level": USE_LEVELS.get(item.use_level, ""),
        "project": PROJECT_TYPES.get(item.project_type, ""),
        "depth": DEPTHS.get(item.depth, ""),
        "forms": "、".join(FORMS[f] for f in item.forms or [] if f in FORMS),
    }


@agency_required()
def item_detail(request, agency_code, pk):
    item = get_object_or_404(ServiceItem, agency=request.agency, pk=pk)
    materials = list(item.materials.all())
    versions = ServiceItem.objects.filter(agency=request.agency, code=item.code).order_by("-version")
    return render(
        request,
        "govservice/item.html",
        _context(
            request,
            item=item,
            labels=_labels(item),
            materials=materials,
            warnings=warnings_for(item, len(materials)),
            versions=versions,
            actions=services.STATUS.available(item.status) if item.is_current else [],
        ),
    )


@agency_required(needs=WRITE_ROLES)
@require_POST
def item_status(request, agency_code, pk):
    item = get_object_or_404(ServiceItem, agency=request.agency, pk=pk)
    try:
        item = services.change_status(request.user, item, request.POST.get("action", ""))
    except GovServiceError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("已保存为第%(v)s版。") % {"v": item.version})
    return redirect("govservice:item", agency_code=agency_code, pk=item.pk)


# ---------------------------------------------------------------- import


@agency_required(needs=WRITE_ROLES)
def import_upload(request, agency_code):
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        batch = importing.preview(request.user, request.agency, upload.name, upload.read())
        return redirect("govservice:import_preview", agency_code=agency_code, pk=batch.pk)
    return render(
        request,
        "govservice/import_upload.html",
        _context(
            request,
            form=form,
            columns=importing.COLUMNS,
            max_mb=importing.max_bytes() // (1024 * 1024),
            recent=ImportBatch.objects.filter(agency=request.agency)[:10],
        ),
    )


def _batch(request, pk) -> ImportBatch:
    return get_object_or_404(ImportBatch, agency=request.agency, pk=pk)


def _render_preview(request, batch: ImportBatch, error: str = "", status: int = 200):
    return render(
        request,
        "govservice/import_preview.html",
        _context(
            request,
            batch=batch,
            error=error,
            counts={a: batch.count(a) for a in ("new", "update", "same")},
            can_confirm=batch.status == BatchStatus.PREVIEWED and not batch.errors and bool(batch.rows),
            sample=batch.rows[:20],
            types=ITEM_TYPES,
        ),
        status=status,
    )


@agency_required(needs=WRITE_ROLES)
def import_preview(request, agency_code, pk):
    return _render_preview(request, _batch(request, pk))


@agency_required(needs=WRITE_ROLES)
@require_POST
def import_confirm(request, agency_code, pk):
    batch = _batch(request, pk)
    try:
        counts = importing.confirm(request.user, batch)
    except GovServiceError as error:
        batch.refresh_from_db()
        return _render_preview(request, batch, error.message, status=400)
    messages.success(
        request,
        _("已导入：新增 %(new)s 项，更新 %(update)s 项（各增加一个版本），%(same)s 项无变化。") % counts,
    )
    return redirect("govservice:registry", agency_code=agency_code)


@agency_required(needs=WRITE_ROLES)
@require_POST
def import_discard(request, agency_code, pk):
    try:
        importing.discard(request.user, _batch(request, pk))
    except GovServiceError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("已放弃该文件，未导入任何数据。"))
    return redirect("govservice:import_upload", agency_code=agency_code)


# ---------------------------------------------------------------- public


def _public_agency(code: str) -> Agency:
    return get_object_or_404(Agency, code=code, is_active=True)


def public_list(request, agency_code):
    agency = _public_agency(agency_code)
    form = PublicFilter(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    items = queries.public_items(agency, data.get("q", ""), data.get("type", ""))
    page = Paginator(items, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "govservice/public_list.html",
        {"agency": agency, "form": form, "page": page, "types": ITEM_TYPES, "query": query.urlencode()},
    )


def _public_item(agency_code, code):
    agency = _public_agency(agency_code)
    item = queries.public_item(agency, code)
    if item is None:
        raise Http404("no such item")
    return agency, item


def _guide_context(request, agency, item) -> dict:
    guide_url = request.build_absolute_uri(reverse("govservice_public:guide", args=[agency.code, item.code]))
    target = item.guide_target or guide_url
    return {
        "agency": agency,
        "item": item,
        "labels": _labels(item),
        "materials": list(item.materials.all()),
        "qr_target": target,
        "qr_svg": qr.svg(target, title=item.name) if item.status != "cancelled" else "",
        "guide_url": guide_url,
    }


def public_guide(request, agency_code, code):
    agency, item = _public_item(agency_code, code)
    return render(request, "govservice/public_guide.html", _guide_context(request, agency, item))


def public_sample(request, agency_code, code):
    agency, item = _public_item(agency_code, code)
    return render(request, "govservice/public_sample.html", _guide_context(request, agency, item))
