"""Reads of the registry for the staff and public pages."""

from __future__ import annotations

from datetime import date

from django.db.models import Count, Q, QuerySet

from .checks import warnings_for
from .metrics import FACETS, facet_filter, in_force
from .models import ServiceItem, Status


def _search(qs: QuerySet, q: str) -> QuerySet:
    q = q.strip()
    if q:
        qs = qs.filter(Q(name__icontains=q) | Q(code__icontains=q) | Q(basic_code__icontains=q))
    return qs


def staff_items(
    agency, q: str = "", item_type: str = "", status: str = "", facet: str = "", as_of: date | None = None
):
    """The registry's current versions, or (with a metric's ``facet`` and date) the versions in force
    that the metric counts, so that each figure's items can be listed."""
    if facet in FACETS and as_of is not None:
        qs = in_force([agency.pk], as_of).filter(facet_filter(facet))
    else:
        qs = ServiceItem.objects.filter(agency=agency, is_current=True)
        if status:
            qs = qs.filter(status=status)
    if item_type:
        qs = qs.filter(item_type=item_type)
    return _search(qs, q).annotate(material_count=Count("materials")).order_by("item_type", "code")


def with_warnings(items) -> list[tuple[ServiceItem, list]]:
    return [(item, warnings_for(item, item.material_count)) for item in items]


def warning_summary(agency) -> tuple[int, dict]:
    """How many current items fail at least one check, and how many fail each check."""
    per_check: dict = {}
    failing = 0
    items = ServiceItem.objects.filter(agency=agency, is_current=True).annotate(
        material_count=Count("materials")
    )
    for item in items:
        found = warnings_for(item, item.material_count)
        failing += bool(found)
        for check in found:
            per_check[check] = per_check.get(check, 0) + 1
    return failing, per_check


def public_items(agency, q: str = "", item_type: str = "") -> QuerySet:
    qs = ServiceItem.objects.filter(agency=agency, is_current=True, status=Status.IN_USE)
    if item_type:
        qs = qs.filter(item_type=item_type)
    return _search(qs, q).order_by("item_type", "name")


def public_item(agency, code: str) -> ServiceItem | None:
    return (
        ServiceItem.objects.filter(agency=agency, code=code, is_current=True)
        .prefetch_related("materials")
        .first()
    )
