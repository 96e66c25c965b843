"""Rewriting text: every replacement has the length of what it replaces, so a character's position
is the same before and after and the file writers (``docx``, ``pdf``) can map changes back to runs
and glyph boxes."""

from __future__ import annotations

from collections.abc import Iterable

from .detect import EMAIL, ID_NUMBER, NAME, PARTY, PHONE, Proposal
from .profiles import Action, Profile

BLOCK = "■"
STAR = "*"


def _partial(kind: str, value: str) -> str:
    n = len(value)
    if kind in (NAME, PARTY):
        return value[0] + "某" * (n - 1)  # 法释〔2016〕19号 第九条: the surname stays
    if kind == ID_NUMBER and n > 5:
        return value[:2] + STAR * (n - 5) + value[-3:]
    if kind == PHONE and n >= 11:
        return value[:3] + STAR * (n - 7) + value[-4:]
    if kind == EMAIL and "@" in value:
        local, domain = value.split("@", 1)
        return local[:1] + STAR * (len(local) - 1) + "@" + domain
    return BLOCK * n


def replacement(proposal: Proposal, action: Action, value: str) -> str:
    if action is Action.KEEP:
        return value
    if action is Action.MASK:
        return _partial(proposal.kind, value)
    if action is Action.TRUNCATE:
        return value[: proposal.keep] + BLOCK * (len(value) - proposal.keep)
    return BLOCK * len(value)


def apply(text: str, proposals: Iterable[Proposal], profile: Profile) -> str:
    """The text with each proposal replaced as its kind's action says; nothing else changes."""
    out = list(text)
    for p in proposals:
        new = replacement(p, profile.action(p.kind), text[p.start : p.end])
        out[p.start : p.end] = new
    return "".join(out)
