"""Hits marked in titles and snippets with ``<mark>``.

Matches are found on the raw text; every piece of it is then HTML-escaped and only the ``<mark>``
tags are ours, so a title such as ``A&B <script>`` stays text and a word never matches inside an
entity (``amp`` in ``&amp;``).
"""

from __future__ import annotations

import re

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

SNIPPET_BEFORE = 30
SNIPPET_CHARS = 120
ELLIPSIS = "…"


def pattern(words) -> re.Pattern | None:
    """One regex for ``words``, longest first so 政府信息公开 wins over 信息."""
    words = sorted({w for w in words if w}, key=len, reverse=True)
    if not words:
        return None
    return re.compile("|".join(re.escape(w) for w in words), re.IGNORECASE)


def mark(text: str, words_re: re.Pattern | None) -> SafeString:
    """``text`` escaped, with every hit of ``words_re`` in ``<mark>``."""
    text = text or ""
    if words_re is None:
        return mark_safe(escape(text))
    out, last = [], 0
    for m in words_re.finditer(text):
        out.append(escape(text[last : m.start()]))
        out.append(f"<mark>{escape(m.group())}</mark>")
        last = m.end()
    out.append(escape(text[last:]))
    return mark_safe("".join(out))


def snippet(texts, words_re: re.Pattern | None, chars: int = SNIPPET_CHARS) -> SafeString:
    """About ``chars`` characters around the first hit in the first of ``texts`` that has one;
    the start of the first non-empty text when none has."""
    texts = [" ".join(t.split()) for t in texts if t and t.strip()]
    if not texts:
        return mark_safe("")
    chosen, start = texts[0], 0
    if words_re is not None:
        for text in texts:
            m = words_re.search(text)
            if m is not None:
                chosen, start = text, max(0, m.start() - SNIPPET_BEFORE)
                break
    end = min(len(chosen), start + chars)
    piece = chosen[start:end]
    html = mark(piece, words_re)
    return mark_safe(f"{ELLIPSIS if start else ''}{html}{ELLIPSIS if end < len(chosen) else ''}")
