"""A query that is a 索引号 or a 文号, in the forms people type them.

文号 are written with 〔〕 by the 党政机关公文格式 standard, but typed with [] () （） 【】 and stray
spaces; a 索引号 is copied with spaces or in full-width characters. ``exact_candidates`` gives the
stored forms such a query can stand for, so both can be looked up by index (no scan) and ranked
first.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

# The bracket pairs seen around the year of a 文号, as stored (full-width forms included: stored
# values are not NFKC-normalised).
BRACKETS = ("〔〕", "[]", "()", "（）", "［］", "【】", "〖〗", "﹝﹞")
_OPEN = "".join(pair[0] for pair in BRACKETS)
_CLOSE = "".join(pair[1] for pair in BRACKETS)
_DOC_NUMBER = re.compile(
    rf"^(?P<issuer>[^\W\d_]+?)[{re.escape(_OPEN)}](?P<year>\d{{4}})[{re.escape(_CLOSE)}](?P<serial>\d{{1,5}})号?$"
)
_SPACE = re.compile(r"\s+")
# An 索引号 has digits and letters joined by - / . _; nothing else.
_INDEX_NO = re.compile(r"^[0-9A-Za-z][0-9A-Za-z\-/._]{3,79}$")
MAX_NUMBER_CHARS = 100


def compact(text: str) -> str:
    """NFKC (full-width letters, digits and brackets to plain ones) without any whitespace."""
    return _SPACE.sub("", unicodedata.normalize("NFKC", text))


@dataclass(frozen=True)
class Candidates:
    index_nos: tuple[str, ...] = ()
    doc_numbers: tuple[str, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.index_nos or self.doc_numbers)


def exact_candidates(query: str) -> Candidates:
    """The stored 索引号 and 文号 values ``query`` may mean; empty when it looks like neither."""
    text = compact(query[: MAX_NUMBER_CHARS * 2])
    if not text or len(text) > MAX_NUMBER_CHARS or not any(ch.isdigit() for ch in text):
        return Candidates()
    index_nos: tuple[str, ...] = ()
    if _INDEX_NO.match(text):
        index_nos = tuple(dict.fromkeys((text, text.upper(), text.lower())))
    doc_numbers: tuple[str, ...] = ()
    m = _DOC_NUMBER.match(text)
    if m is not None:
        issuer, year, serial = m["issuer"], m["year"], m["serial"]
        doc_numbers = tuple(f"{issuer}{o}{year}{c}{serial}号" for o, c in BRACKETS)
    return Candidates(index_nos, doc_numbers)
