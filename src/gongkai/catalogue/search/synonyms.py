"""Synonyms and abbreviations for search (低保 ↔ 最低生活保障): groups of terms that stand for each other.

The seed list ships as ``data/synonyms.txt``; site administrators add site-wide groups and agencies
their own (``models.Synonym``). The index is not touched: a query is expanded instead, so a group
added today works on every entry at once, in both directions, on both databases.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

SEED = Path(__file__).resolve().parent.parent / "data" / "synonyms.txt"
# Terms are separated by spaces, commas or semicolons (not 、, which occurs inside terms such as
# 简政放权、放管结合、优化服务).
_SEPARATORS = re.compile(r"[\s,，;；]+")
MAX_TERMS = 10
MAX_TERM_CHARS = 30

Group = tuple[str, ...]


def split_terms(text: str) -> list[str]:
    """The distinct terms of one group as written on a line or in the staff form."""
    return list(dict.fromkeys(t for t in _SEPARATORS.split(text or "") if t))


@lru_cache(maxsize=1)
def seed_groups() -> tuple[Group, ...]:
    groups = []
    for line in SEED.read_text("utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            terms = split_terms(line)
            if len(terms) > 1:
                groups.append(tuple(terms))
    return tuple(groups)


def groups_for(agency_ids: tuple[int, ...] | None) -> list[Group]:
    """The seed groups, the site-wide ones and those of the agencies searched (all agencies' when
    the search is not narrowed to some)."""
    from django.db.models import Q

    from ..models import Synonym

    rows = Synonym.objects.all()
    if agency_ids is not None:
        rows = rows.filter(Q(agency__isnull=True) | Q(agency_id__in=agency_ids))
    return [*seed_groups(), *(tuple(terms.split()) for terms in rows.values_list("terms", flat=True))]


class Thesaurus:
    """Finds the terms of the groups in a query, longest first, and what each stands for."""

    def __init__(self, groups: list[Group]):
        self.alternatives: dict[str, tuple[str, ...]] = {}
        for group in groups:
            for term in group:
                key = term.casefold()
                merged = dict.fromkeys((*self.alternatives.get(key, ()), *group))
                self.alternatives[key] = tuple(merged)
        self._by_first: dict[str, list[str]] = {}
        for key in sorted(self.alternatives, key=len, reverse=True):
            self._by_first.setdefault(key[0], []).append(key)

    def split(self, text: str) -> list[tuple[str, tuple[str, ...] | None]]:
        """``text`` cut into (piece, alternatives) parts: alternatives is None for plain text, else
        every term of the groups the piece (a term) belongs to, itself included."""
        folded = text.casefold()
        if len(folded) != len(text):  # casefold changed the length (ß → ss): match as written
            folded = text
        parts: list[tuple[str, tuple[str, ...] | None]] = []
        plain_from = i = 0
        while i < len(text):
            term = next((t for t in self._by_first.get(folded[i], ()) if folded.startswith(t, i)), None)
            if term is None:
                i += 1
                continue
            if plain_from < i:
                parts.append((text[plain_from:i], None))
            parts.append((text[i : i + len(term)], self.alternatives[term]))
            i = plain_from = i + len(term)
        if plain_from < len(text):
            parts.append((text[plain_from:], None))
        return parts
