"""Public pages under /shuanggongshi/: per agency, the 行政许可 and 行政处罚 now in 公示, masked."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext

from gongkai.agencies.models import Agency

from . import exporting, queries
from .models import CreditRecord, PublicityState
from .public import masked_value
from .rules import Kind, public_columns

PER_PAGE = 30


def index(request):
    today = timezone.localdate()
    shown = Q(state=PublicityState.ACTIVE, published_on__lte=today) & (
        Q(publicity_end__isnull=True) | Q(publicity_end__gte=today)
    )
    counts = {
        row["agency_id"]: row
        for row in CreditRecord.objects.filter(shown)
        .values("agency_id")
        .annotate(
            licences=Count("pk", filter=Q(kind=Kind.LICENCE)),
            penalties=Count("pk", filter=Q(kind=Kind.PENALTY)),
        )
        .order_by()
    }
    agencies = [
        (a, counts[a.pk]) for a in Agency.objects.filter(pk__in=counts, is_active=True).order_by("name")
    ]
    return render(request, "credit/public_index.html", {"agencies": agencies})


def _agency(code) -> Agency:
    return get_object_or_404(Agency, code=code, is_active=True)


def _kind(request) -> str:
    kind = request.GET.get("kind") or Kind.LICENCE
    return kind if kind in Kind.values else Kind.LICENCE


def agency_list(request, code):
    agency, kind = _agency(code), _kind(request)
    q = (request.GET.get("q") or "").strip()[:100]
    qs = queries.in_public(agency, timezone.localdate(), kind, q)
    page = Paginator(qs, PER_PAGE).get_page(request.GET.get("page"))
    rows = [
        {
            "pk": r.pk,
            "subject": masked_value(r, _column(kind, "subject_name")),
            "doc_no": r.doc_no,
            "what": r.licence_category if kind == Kind.LICENCE else r.penalty_categories,
            "decided_on": r.decided_on,
            "published_on": r.published_on,
        }
        for r in page
    ]
    return render(
        request,
        "credit/public_list.html",
        {"agency": agency, "kind": kind, "kinds": Kind.choices, "q": q, "page": page, "rows": rows},
    )


def _column(kind, key):
    return next(c for c in public_columns(kind) if c.key == key)


def detail(request, code, pk):
    agency = _agency(code)
    rec = queries.in_public(agency, timezone.localdate()).filter(pk=pk).first()
    if rec is None:
        raise Http404("not in publicity")
    fields = [(gettext(c.header), masked_value(rec, c)) for c in public_columns(rec.kind)]
    return render(request, "credit/public_detail.html", {"agency": agency, "rec": rec, "fields": fields})


def export(request, code, kind):
    agency = _agency(code)
    if kind not in Kind.values:
        raise Http404("no such kind")
    body = exporting.public_csv(kind, queries.in_public(agency, timezone.localdate(), kind))
    response = HttpResponse(body, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = content_disposition_header(
        True, f"{agency.name}{Kind(kind).label}公示.csv"
    )
    return response
