"""A user's query as the backends see it: an AND of clauses, each an OR of alternatives, each an AND
of segmented words, plus the 索引号/文号 it may be.

``低保 标准`` with the group 低保 最低生活保障 becomes ``(低保 OR (最低 AND 生活 AND 保障)) AND 标准``.
Words contain letters and digits only (``segment._clean``), so quoting them is all the escaping a
backend needs: quotes, ``*``, ``NEAR``, ``-`` or ``:`` typed by the user never reach the engine.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from .numbers import Candidates, exact_candidates
from .segment import query_words
from .synonyms import Group, Thesaurus

MAX_QUERY_CHARS = 100  # longer text gets a message on the page, not a search
# The search boxes' maxlength: longer text still reaches the page and its message, but the URL stays
# under the request-line limit of servers in front (gunicorn: 4094 bytes; a CJK character is 9).
INPUT_CHARS = 300
MAX_WORDS = 48  # words over all alternatives: bounds the engine's work whatever the synonyms

Alternative = tuple[str, ...]
Clause = tuple[Alternative, ...]


@dataclass(frozen=True)
class Query:
    text: str = ""
    clauses: tuple[Clause, ...] = ()
    exact: Candidates = field(default_factory=Candidates)
    too_long: bool = False

    def __bool__(self) -> bool:
        return bool(self.clauses or self.exact)

    @property
    def words(self) -> tuple[str, ...]:
        """Every word that can make a hit, for highlighting."""
        return tuple(dict.fromkeys(w for clause in self.clauses for alt in clause for w in alt))

    @property
    def expanded(self) -> bool:
        return any(len(clause) > 1 for clause in self.clauses)

    def render(self, word: Callable[[str], str], and_: str, or_: str) -> str:
        """The boolean expression in a backend's syntax (``word`` quotes one word)."""

        def group(items: list[str], op: str) -> str:
            return items[0] if len(items) == 1 else "(" + f" {op} ".join(items) + ")"

        return f" {and_} ".join(
            group([group([word(w) for w in alt], and_) for alt in clause], or_) for clause in self.clauses
        )


def parse(text, groups: list[Group]) -> Query:
    """Never raises; an over-long text is flagged (``too_long``) and searches nothing."""
    text = str(text or "").strip()
    if len(text) > MAX_QUERY_CHARS:
        return Query(text=text, too_long=True)
    clauses: list[Clause] = []
    budget = MAX_WORDS
    for piece, alternatives in Thesaurus(groups).split(text):
        if alternatives is None:
            found: list[Clause] = [((w,),) for w in query_words(piece)]
        else:
            alts = tuple(dict.fromkeys(a for a in (tuple(query_words(t)) for t in alternatives) if a))
            found = [alts] if alts else []
        for clause in found:
            size = sum(len(a) for a in clause)
            if clause in clauses or size > budget:
                continue
            clauses.append(clause)
            budget -= size
    return Query(text=text, clauses=tuple(clauses), exact=exact_candidates(text))
