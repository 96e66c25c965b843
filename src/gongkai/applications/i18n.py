"""Small helpers for messages built from parts, so an English page does not show Chinese punctuation."""

from __future__ import annotations

from collections.abc import Iterable

from django.utils.translation import pgettext


def join_list(items: Iterable) -> str:
    """Items joined with the enumeration mark of the active language (“、” in Chinese, ", " in English)."""
    return pgettext("list separator", "、").join(str(i) for i in items)


def join_clauses(items: Iterable) -> str:
    """Clauses joined with the active language's semicolon (“；” in Chinese, "; " in English)."""
    return pgettext("clause separator", "；").join(str(i) for i in items)
