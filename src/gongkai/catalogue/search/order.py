"""The two sort orders of a search: by relevance or by date (newest first)."""

from __future__ import annotations

from django.db.models import F

RELEVANCE, DATE = "relevance", "date"
ORDERS = (RELEVANCE, DATE)
# Newest first; entries not yet published (staff search) after the published ones.
DATE_ORDER = (F("publish_date").desc(nulls_last=True), F("created_date").desc(), F("id").desc())


def order_for(requested: str, query) -> str:
    """The sort order asked for, else relevance when there is a query and date when there is not."""
    if requested in ORDERS and (query or requested == DATE):
        return requested
    return RELEVANCE if query else DATE
