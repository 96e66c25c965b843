"""limit/offset paging with a hard maximum, shared by every list."""

from __future__ import annotations

from ninja import Field, Schema

DEFAULT_LIMIT = 20
MAX_LIMIT = 100
MAX_OFFSET = 100_000  # deep enough for any listing; keeps generated SQL offsets in range


class Paging(Schema):
    limit: int = Field(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT, description=f"每页条数（1–{MAX_LIMIT}）")
    offset: int = Field(0, ge=0, le=MAX_OFFSET, description="从第几条开始（0 起）")


def page(items, paging: Paging, count: int | None = None) -> dict:
    """One page of ``items`` (a queryset or a list) with its count and the paging asked for."""
    if count is None:
        count = items.count() if hasattr(items, "query") else len(items)
    return {
        "count": count,
        "limit": paging.limit,
        "offset": paging.offset,
        "items": list(items[paging.offset : paging.offset + paging.limit]),
    }
