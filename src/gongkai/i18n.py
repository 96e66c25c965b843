"""Joining the parts of a message in the active language, so an English page does not show Chinese
punctuation (the separators are in the project-level catalogue, web/locale, LOCALE_PATHS)."""

from __future__ import annotations

from collections.abc import Iterable

from django.utils.translation import pgettext


def join_list(items: Iterable) -> str:
    """Items joined with the enumeration mark of the active language (“、” in Chinese, ", " in English)."""
    return list_separator().join(str(i) for i in items)


def join_clauses(items: Iterable) -> str:
    """Clauses joined with the active language's semicolon (“；” in Chinese, "; " in English)."""
    return pgettext("clause separator", "；").join(str(i) for i in items)


def list_separator() -> str:
    """The enumeration mark of the active language (what ``join_list`` puts between items)."""
    return pgettext("list separator", "、")
