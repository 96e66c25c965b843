"""SQLite backend: FTS5 (unicode61) over the segmented columns, bm25 ranking.

The FTS table ``catalogue_entry_fts`` is an external-content table over ``catalogue_entry`` kept in
step by triggers (migration 0002), so every ORM write, bulk or not, updates the index.
"""

from __future__ import annotations

from django.db.models import QuerySet

FTS = "catalogue_entry_fts"


def match_expression(words: list[str]) -> str:
    # Words contain only letters and digits (segment._clean), so quoting each one is enough to keep
    # FTS5 operators out; a one-character word also matches words starting with it.
    return " ".join(f'"{w}"*' if len(w) == 1 else f'"{w}"' for w in words)


def search_ids(qs: QuerySet, words: list[str], raw: str, limit: int) -> list[int]:
    ranked = qs.extra(
        tables=[FTS],
        where=[f"{FTS}.rowid = catalogue_entry.id", f"{FTS} MATCH %s"],
        params=[match_expression(words)],
        select={"rank": f"bm25({FTS}, 10.0, 1.0)"},
        order_by=["rank", "-id"],
    )
    ids = list(ranked.values_list("id", flat=True)[:limit])
    if ids or not raw:
        return ids
    # Nothing by words (a fragment that segmentation splits differently): plain substring of titles.
    return list(
        qs.filter(title__contains=raw).order_by("-publish_date", "-id").values_list("id", flat=True)[:limit]
    )
