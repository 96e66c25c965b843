"""The batch checker's pages: upload, the batch with its live progress and result table, one
file's findings over its tables, the findings as .xlsx/.csv, re-check and delete. Not about one
agency: any staff member may check reports from outside, and sees only their own batches."""

from __future__ import annotations

from functools import wraps

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from django.views.decorators.http import require_POST

from gongkai.agencies.access import agencies_for
from gongkai.annual.grid_view import grid_views
from gongkai.annual.layout import cell_label
from gongkai.downloads import download

from . import exports, queries, services
from .forms import UploadForm
from .models import ItemState

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def staff_required(view):
    """Logged in and serving some agency (or a superuser): the checker is back office."""

    @login_required
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not request.user.is_superuser and not agencies_for(request.user).exists():
            raise Http404("not staff")
        return view(request, *args, **kwargs)

    return wrapped


@staff_required
def index(request):
    form = UploadForm()
    if request.method == "POST":
        form = UploadForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                batch = services.create_batch(request.user, form.cleaned_data["files"])
            except services.UploadRefused as exc:
                form.add_error("files", str(exc))
            else:
                return redirect("checker:batch", batch.pk)
    batches = list(queries.batches_for(request.user)[:50])
    return render(
        request,
        "checker/index.html",
        {
            "form": form,
            "batches": [(b, queries.progress(b)) for b in batches],
            "keep_days": settings.GONGKAI_CHECKER_KEEP_DAYS,
        },
        status=400 if form.errors else 200,
    )


SORT_LABELS = {
    "name": gettext_noop("文件"),
    "kind": gettext_noop("类型"),
    "agency": gettext_noop("机关"),
    "year": gettext_noop("年度"),
    "errors": gettext_noop("错误"),
    "warnings": gettext_noop("警告"),
    "notes": gettext_noop("阅读说明"),
    "state": gettext_noop("状态"),
}


@staff_required
def batch(request, pk):
    batch = queries.batch_for(request.user, pk)
    sort = request.GET.get("sort", "name")
    sort = sort if sort in queries.SORTS else "name"
    descending = request.GET.get("dir") == "desc"
    progress = queries.progress(batch)
    columns = [
        {
            "key": key,
            "label": _(label),
            "current": key == sort,
            "descending": key == sort and descending,
            "next": "asc" if key == sort and descending else ("desc" if key == sort else "asc"),
        }
        for key, label in SORT_LABELS.items()
    ]
    rows = [
        {"item": item, "kind": queries.kind_label(item.kind), "state": ItemState(item.state).label}
        for item in queries.items(batch, sort, descending)
    ]
    return render(
        request,
        "checker/batch.html",
        {
            "batch": batch,
            "progress": progress,
            "columns": columns,
            "rows": rows,
            "keep_days": settings.GONGKAI_CHECKER_KEEP_DAYS,
        },
    )


@staff_required
def progress(request, pk):
    batch = queries.batch_for(request.user, pk)
    return JsonResponse(queries.progress(batch).as_json(), headers={"Cache-Control": "no-store"})


@staff_required
def item(request, pk, item_pk):
    item = queries.item_for(request.user, pk, item_pk)
    report = queries.stored_report(item)
    findings = queries.findings(item, report)
    marked = request.GET.getlist("cell")
    if not marked:  # what an officer looks at first: the cells of the errors and warnings
        marked = [c for f in findings if f["severity"] in ("error", "warning") for c in f["cells"]]
    grids = grid_views(report, marked=marked) if report else []
    return render(
        request,
        "checker/item.html",
        {
            "batch": item.batch,
            "item": item,
            "kind": queries.kind_label(item.kind),
            "state": ItemState(item.state).label,
            "findings": findings,
            "notes": queries.notes(item, report),
            "grids": grids,
            "marked_labels": [cell_label(c, report.layout if report else None) for c in dict.fromkeys(marked)]
            if request.GET.getlist("cell")
            else [],
        },
    )


@staff_required
def export(request, pk, fmt):
    batch = queries.batch_for(request.user, pk)
    name = _("报告检查结果-%(pk)s") % {"pk": batch.pk}
    if fmt == "xlsx":
        return download(exports.findings_xlsx(batch), f"{name}.xlsx", XLSX, f"checker-{batch.pk}.xlsx")
    if fmt == "csv":
        return download(
            exports.findings_csv(batch), f"{name}.csv", "text/csv; charset=utf-8", f"checker-{batch.pk}.csv"
        )
    raise Http404("no such format")


@staff_required
@require_POST
def recheck(request, pk):
    batch = queries.batch_for(request.user, pk)
    services.recheck(request.user, batch)
    messages.success(request, _("已重新排队检查。"))
    return redirect("checker:batch", batch.pk)


@staff_required
@require_POST
def delete(request, pk):
    batch = queries.batch_for(request.user, pk)
    services.delete_batch(request.user, batch)
    messages.success(request, _("已删除这批报告及其文件。"))
    return redirect("checker:index")
