"""SQLite backend: FTS5 (unicode61) over the segmented columns, bm25 ranking.

The FTS table ``catalogue_entry_fts`` is an external-content table over ``catalogue_entry`` kept in
step by triggers (migration 0002), so every ORM write, bulk or not, updates the index.
"""

from __future__ import annotations

from django.db.models import QuerySet

from .order import DATE, DATE_ORDER
from .query import Query

FTS = "catalogue_entry_fts"


def _word(w: str) -> str:
    # Words contain only letters and digits (segment._clean), so quoting each one is enough to keep
    # FTS5 operators out; a one-character word also matches words starting with it.
    return f'"{w}"*' if len(w) == 1 else f'"{w}"'


def match_expression(query: Query) -> str:
    return query.render(_word, "AND", "OR")


def search_ids(qs: QuerySet, query: Query, raw: str, limit: int, order: str) -> list[int]:
    ranked = qs.extra(
        tables=[FTS],
        where=[f"{FTS}.rowid = catalogue_entry.id", f"{FTS} MATCH %s"],
        params=[match_expression(query)],
        select={"rank": f"bm25({FTS}, 10.0, 1.0)"},
    )
    ranked = ranked.order_by(*DATE_ORDER) if order == DATE else ranked.order_by("rank", "-id")
    ids = list(ranked.values_list("id", flat=True)[:limit])
    if ids or not raw:
        return ids
    # Nothing by words (a fragment that segmentation splits differently): plain substring of titles.
    return list(qs.filter(title__contains=raw).order_by(*DATE_ORDER).values_list("id", flat=True)[:limit])
