"""Catalogue full-text search: one interface, a backend per database vendor.

``search(query, filters, order=…)`` returns entry ids, best match (or newest) first. A query is
parsed once (``parse_query``: segmented words, synonyms expanded, the 索引号/文号 it may be) and the
same ``Query`` serves the search and the highlighting. Text is segmented with rjieba
(``segment.py``) on both databases: SQLite matches it with an FTS5 table (unicode61, bm25),
PostgreSQL with a ``to_tsvector('simple', …)`` GIN index plus pg_trgm for substrings of titles.
An exact 索引号 or 文号 comes first. Odd input (quotes, FTS operators, emoji, very long text, nothing
at all) never raises.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import connection
from django.db.models import Q, QuerySet

from . import highlight
from .order import DATE, DATE_ORDER, ORDERS, RELEVANCE, order_for
from .query import MAX_QUERY_CHARS, Query, parse
from .segment import index_words
from .synonyms import groups_for

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


def parse_query(text, filters: Filters | None = None) -> Query:
    """``text`` parsed with the synonyms that apply to the agencies ``filters`` searches."""
    return parse(text, groups_for(filters.agency_ids if filters else None))


def _exact_ids(qs: QuerySet, query: Query) -> list[int]:
    c = query.exact
    if not c:
        return []
    # 索引号 is unique and 文号 has an index: the OR is two index lookups, never a scan.
    match = Q(index_no__in=c.index_nos) | Q(doc_number__in=c.doc_numbers)
    return list(qs.filter(match).order_by(*DATE_ORDER).values_list("id", flat=True)[:DEFAULT_LIMIT])


def search(
    query: str | Query, filters: Filters | None = None, limit: int = DEFAULT_LIMIT, order: str = RELEVANCE
) -> list[int]:
    """Ids of the entries matching `query` under `filters` (at most `limit`): an exact 索引号 or 文号
    first, then the best matches (``RELEVANCE``) or the newest (``DATE``)."""
    from ..models import Entry

    if not isinstance(query, Query):
        query = parse_query(query, filters)
    if not query:
        return []
    qs = apply_filters(Entry.objects.all(), filters)
    exact = _exact_ids(qs, query)
    found: list[int] = []
    if query.clauses:
        # The raw text is used for substring matching: printable characters only (PostgreSQL refuses NUL).
        raw = "" if exact else "".join(ch for ch in query.text if ch.isprintable()).strip()
        found = _backend().search_ids(qs, query, raw, limit, order)
    if not exact:
        return found
    if order == DATE and found:
        ids = set(exact) | set(found)
        return list(qs.filter(pk__in=ids).order_by(*DATE_ORDER).values_list("id", flat=True)[:limit])
    seen = set(exact)
    return (exact + [i for i in found if i not in seen])[:limit]


def segmented_fields(title: str, summary: str, body: str, doc_number: str = "", keywords: str = "") -> dict:
    """The values of the two segmented columns for an entry's text."""
    return {
        "search_title": index_words(title),
        "search_text": index_words(" ".join(p for p in (doc_number, keywords, summary, body) if p)),
    }


__all__ = [
    "DATE",
    "DEFAULT_LIMIT",
    "MAX_QUERY_CHARS",
    "ORDERS",
    "RELEVANCE",
    "Filters",
    "Query",
    "apply_filters",
    "highlight",
    "index_words",
    "order_for",
    "parse_query",
    "public_entries",
    "search",
    "segmented_fields",
]
