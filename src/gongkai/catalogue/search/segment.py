"""Chinese word segmentation with rjieba and the shipped disclosure-term dictionary.

The index stores words cut in search mode (long words plus their dictionary sub-words), so a
two-character query such as 复议 finds 行政复议. Queries are cut in normal mode: each query word
then has to be present in the index.
"""

from __future__ import annotations

import re
import threading
from pathlib import Path

import rjieba

USERDICT = Path(__file__).resolve().parent.parent / "data" / "userdict.txt"
MAX_QUERY_CHARS = 200
MAX_QUERY_WORDS = 24

_lock = threading.Lock()
_jieba: rjieba.Jieba | None = None
# Only letters and digits (CJK counts as letters) are kept; punctuation, emoji and FTS operator
# characters never reach the FTS query parser.
_NOT_WORD = re.compile(r"[^\w]+", re.UNICODE)


def _load() -> rjieba.Jieba:
    global _jieba
    if _jieba is not None:
        return _jieba
    with _lock:
        if _jieba is None:
            jb = rjieba.Jieba()
            for line in USERDICT.read_text("utf-8").splitlines():
                line = line.strip()
                if not line or line.startswith("#"):
                    continue
                parts = line.split()
                freq = int(parts[1]) if len(parts) > 1 and parts[1].isdigit() else None
                tag = parts[2] if len(parts) > 2 else None
                jb.add_word(parts[0], freq, tag)
            _jieba = jb
    return _jieba


def _clean(words) -> list[str]:
    # Punctuation inside a token (ABC-12, 〔2024〕) splits it; "_" is a \\w char the FTS parsers
    # would treat differently, so it splits too. One regex pass over the joined words is fast.
    return _NOT_WORD.sub(" ", " ".join(words).replace("_", " ")).lower().split()


def index_words(text: str) -> str:
    """Space-separated search-mode words of `text`, for the FTS column."""
    if not text:
        return ""
    return " ".join(_clean(_load().cut_for_search(text)))


def query_words(query: str) -> list[str]:
    """The distinct words of a user query, bounded in length and count; never raises."""
    if not query:
        return []
    query = str(query)[:MAX_QUERY_CHARS]
    seen: list[str] = []
    for w in _clean(_load().cut(query)):
        if w not in seen:
            seen.append(w)
        if len(seen) >= MAX_QUERY_WORDS:
            break
    return seen
