"""PostgreSQL backend: the segmented columns through ``to_tsvector('simple', …)`` (GIN, migration
0002) ranked with ts_rank, plus pg_trgm substring matches on titles for queries of 3+ characters
(trigrams cannot index shorter strings; the segmented words cover those)."""

from __future__ import annotations

from django.db.models import QuerySet

from .order import DATE, DATE_ORDER
from .query import Query

# Must stay textually equal to the index expression in migration 0002 so the planner uses it.
TSV = (
    "(setweight(to_tsvector('simple'::regconfig, catalogue_entry.search_title), 'A') || "
    "to_tsvector('simple'::regconfig, catalogue_entry.search_text))"
)


def _word(w: str) -> str:
    # Words are letters and digits only; quoting as lexemes keeps tsquery operators out.
    return f"'{w}':*" if len(w) == 1 else f"'{w}'"


def tsquery(query: Query) -> str:
    return query.render(_word, "&", "|")


def _like_escape(s: str) -> str:
    return s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def search_ids(qs: QuerySet, query: Query, raw: str, limit: int, order: str) -> list[int]:
    tsq = tsquery(query)
    if len(raw) >= 3:
        where = f"({TSV} @@ to_tsquery('simple'::regconfig, %s) OR catalogue_entry.title ILIKE %s)"
        params = [tsq, f"%{_like_escape(raw)}%"]
        rank = (
            f"(ts_rank({TSV}, to_tsquery('simple'::regconfig, %s)) + similarity(catalogue_entry.title, %s))"
        )
        rank_params = [tsq, raw]
    else:
        where = f"{TSV} @@ to_tsquery('simple'::regconfig, %s)"
        params = [tsq]
        rank = f"ts_rank({TSV}, to_tsquery('simple'::regconfig, %s))"
        rank_params = [tsq]
    ranked = qs.extra(where=[where], params=params, select={"rank": rank}, select_params=rank_params)
    ranked = ranked.order_by(*DATE_ORDER) if order == DATE else ranked.order_by("-rank", "-id")
    return list(ranked.values_list("id", flat=True)[:limit])
