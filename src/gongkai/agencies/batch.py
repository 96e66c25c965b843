"""Helpers for queries that serve many agencies at once (the annual-report tables of a county).

A batch query takes ``agencies`` as model instances, a queryset or primary keys, runs one grouped
query with ``agency_id`` in the GROUP BY and splits the result by agency. The ``IN`` list is cut
into chunks of ``CHUNK`` keys, so a province-sized list stays well under every database's limit on
query parameters (SQLite allows 32,766; a county has tens of agencies, so one chunk).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from django.db.models import QuerySet

CHUNK = 500


def agency_pks(agencies) -> list[int]:
    """The primary keys of ``agencies`` (instances, a queryset, or pks), in order, each once.
    A queryset is evaluated once, with one query for its keys only."""
    if isinstance(agencies, QuerySet):
        items: Iterable = agencies.values_list("pk", flat=True)
    else:
        items = (a if isinstance(a, int) else a.pk for a in agencies)
    return list(dict.fromkeys(items))


def chunks(pks: list[int], size: int | None = None) -> Iterator[list[int]]:
    """``pks`` in slices of at most ``size`` (default ``CHUNK``; none for an empty list)."""
    size = size or CHUNK
    for i in range(0, len(pks), size):
        yield pks[i : i + size]
