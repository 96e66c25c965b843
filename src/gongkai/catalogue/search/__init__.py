"""Catalogue full-text search: one interface, a backend per database vendor.

``search(query, filters)`` returns entry ids, best match first. Text is segmented with rjieba
(``segment.py``) on both databases: SQLite matches it with an FTS5 table (unicode61, bm25),
PostgreSQL with a ``to_tsvector('simple', …)`` GIN index plus pg_trgm for substrings of titles.
Odd input (quotes, FTS operators, emoji, very long text, nothing at all) never raises.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import connection
from django.db.models import QuerySet

from .segment import index_words, query_words

DEFAULT_LIMIT = 2000


@dataclass(frozen=True)
class Filters:
    agency_ids: tuple[int, ...] | None = None
    category: str = ""
    doc_type: str = ""
    year: int | None = None  # year of 生成日期, as in the 索引号
    validity: str = ""
    status: tuple[str, ...] | None = None
    public_only: bool = False


def public_entries() -> QuerySet:
    """Entries a visitor may see: published, and not marked 不予公开."""
    from ..models import DisclosureMode, Entry, Status

    return Entry.objects.filter(status=Status.PUBLISHED).exclude(disclosure=DisclosureMode.NOT_DISCLOSED)


def apply_filters(qs: QuerySet, filters: Filters | None) -> QuerySet:
    if filters is None:
        return qs
    if filters.public_only:
        qs = qs & public_entries()
    if filters.agency_ids is not None:
        qs = qs.filter(agency_id__in=filters.agency_ids)
    if filters.category:
        qs = qs.filter(category=filters.category)
    if filters.doc_type:
        qs = qs.filter(doc_type=filters.doc_type)
    if filters.year:
        qs = qs.filter(created_date__year=filters.year)
    if filters.validity:
        qs = qs.filter(validity=filters.validity)
    if filters.status:
        qs = qs.filter(status__in=filters.status)
    return qs


def _backend():
    if connection.vendor == "postgresql":
        from . import postgres

        return postgres
    from . import sqlite

    return sqlite


def search(query: str, filters: Filters | None = None, limit: int = DEFAULT_LIMIT) -> list[int]:
    """Ids of the entries matching `query` under `filters`, best first (at most `limit`)."""
    from ..models import Entry

    words = query_words(query or "")
    if not words:
        return []
    qs = apply_filters(Entry.objects.all(), filters)
    # The raw text is used for substring matching: printable characters only (PostgreSQL refuses NUL).
    raw = "".join(ch for ch in str(query)[:200] if ch.isprintable()).strip()
    return _backend().search_ids(qs, words, raw, limit)


def segmented_fields(title: str, summary: str, body: str, doc_number: str = "", keywords: str = "") -> dict:
    """The values of the two segmented columns for an entry's text."""
    return {
        "search_title": index_words(title),
        "search_text": index_words(" ".join(p for p in (doc_number, keywords, summary, body) if p)),
    }


__all__ = ["Filters", "apply_filters", "public_entries", "search", "segmented_fields", "index_words"]
