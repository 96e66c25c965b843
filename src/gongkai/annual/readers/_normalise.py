"""Character-level normalisation for matching report text.

Every mapping here is one character to one character, so a normalised string has the same
length as the original and positions found in one are valid in the other.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import cache
from itertools import accumulate

# Traditional forms seen in mirrored reports (P21) that occur in headings and table labels.
_T2S = (
    "開开 發发 書书 國国 機机 關关 務务 報报 告告 據据 條条 規规 範范 許许 罰罚 強强 製制 "
    "複复 復复 訴诉 訟讼 結结 審审 糾纠 維维 項项 類类 內内 過过 執执 調调 補补 確确 處处 "
    "總总 計计 無无 與与 體体 請请 數数 轉转 年年 區区 縣县 鄉乡 鎮镇 街街 辦办 廳厅 會会 "
    "實实 際际 況况 況况 門门 戶户 網网 絡络 統统 資资 訊讯 讓让 產产 業业 權权 衛卫 設设 "
    "場场 價价 費费 額额 單单 屬属 護护 險险 穩稳 獲获 確确 則则 違违 決决 議议 經经 濟济 "
    "種种 級级 現现 檔档 屆届 導导 領领 歷历 點点 應应 對对 於于 為为 們们 這这 個个 來来 "
    "從从 義义 員员 備备 態态 術术 愛爱 離离 萬万 號号 長长 東东 學学 習习 兒儿 陽阳 陰阴 "
    "漢汉 陂陂 黃黄 圍围 問问 題题 進进 況况 見见 觀观 說说 變变 營营 廣广 聯联 錄录 號号 "
    "節节 徵征 採采 購购 額额 續续 紀纪 綜综 環环 災灾 稅税 賦赋 兩两 徑径 廢废 頒颁 佈布"
)
_T2S_MAP = {ord(p[0]): p[1] for p in _T2S.split()}

# Full-width ASCII to half-width, plus the odd punctuation OCR and web pages produce.
_WIDTH_MAP = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)}
_PUNCT_MAP = {
    0x3000: " ",  # ideographic space
    0x00A0: " ",
    0x2002: " ",
    0x2003: " ",
    0x2009: " ",
    0x200B: " ",  # zero-width space: keep the length, lose the character
    0xFEFF: " ",
    0x3001: "、",
    0xFF0E: ".",
    0x2014: "—",
    0x201C: '"',
    0x201D: '"',
    0x2018: "'",
    0x2019: "'",
    0x300C: '"',
    0x300D: '"',
    0x3014: "(",  # 〔 〕 in document numbers
    0x3015: ")",
    0x3010: "(",  # 【 】
    0x3011: ")",
    0x3007: "〇",
}

MATCH_TABLE: dict[int, str | int] = {}
MATCH_TABLE.update(_WIDTH_MAP)
MATCH_TABLE.update({k: v for k, v in _PUNCT_MAP.items()})
MATCH_TABLE[ord("．")] = "."
MATCH_TABLE[ord("（")] = "("
MATCH_TABLE[ord("）")] = ")"
MATCH_TABLE[ord("：")] = ":"
MATCH_TABLE[ord("，")] = ","
MATCH_TABLE[ord("；")] = ";"
MATCH_TABLE[ord("／")] = "/"
MATCH_TABLE[ord("－")] = "-"
MATCH_TABLE.update(_T2S_MAP)
# control characters (not tab or line break) are blanks for matching
CONTROL_CHARACTERS = "".join(map(chr, [*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F]))
MATCH_TABLE.update({ord(c): " " for c in CONTROL_CHARACTERS})


# str.translate with a dict is slow on CJK text, and so is a regex substitution calling back for
# every run of mapped characters. A text holds only a few distinct characters that change, so
# each is replaced throughout with str.replace, found by resuming one search. No replacement is
# itself a character that changes, so the order of replacements does not matter.
_CHANGES = {chr(k): chr(v) if isinstance(v, int) else v for k, v in MATCH_TABLE.items()}
_CHANGES = {k: v for k, v in _CHANGES.items() if k != v}
assert all(len(v) == 1 and v not in _CHANGES for v in _CHANGES.values())
RE_CHANGED = re.compile("[" + "".join(re.escape(c) for c in sorted(_CHANGES)) + "]")


def for_matching(text: str) -> str:
    """Half-width, simplified, uniform quotes, control characters blanked: same length as ``text``."""
    return changed_for_matching(text)[0]


def changed_for_matching(text: str) -> tuple[str, set[str]]:
    """``for_matching(text)`` and the characters it changed."""
    changed = set()
    m = RE_CHANGED.search(text)
    while m:
        ch = m.group()
        changed.add(ch)
        text = text.replace(ch, _CHANGES[ch])
        m = RE_CHANGED.search(text, m.start() + 1)
    return text, changed


CJK = "\u3400-\u9fff\uf900-\ufaff"
RE_CJK = re.compile(f"[{CJK}]")
# What survives into the "compact" form used to find labels: CJK, digits, letters, ( ) and
# the ordinal dot (、 becomes . so "1、" and "1." match alike).
RE_KEEP = re.compile(f"[{CJK}0-9A-Za-z().、]+")
RE_DROP = re.compile(f"([^{CJK}0-9A-Za-z().、]+)")  # captured, so that split() keeps the gaps


def compact(text: str, normalised: bool = False) -> str:
    """Only the characters that identify a label; for keys and markers (no position map)."""
    return "".join(RE_KEEP.findall(text if normalised else for_matching(text))).replace("、", ".")


class CompactText:
    """``compact`` of a whole normalised text, with the way back from compact positions to
    positions in the text.

    Built once per table and sliced per region: rebuilding the compact form with a
    per-character index list for every region searched was a large part of reading a report.
    Positions are mapped through the runs of kept characters (hundreds per report) by
    bisection, since only a few dozen positions are ever looked up. ``mtext`` may be a piece of
    the text that starts at index ``offset``: positions in and out are then those of the text.
    """

    __slots__ = ("text", "_starts", "_origins")

    def __init__(self, mtext: str, offset: int = 0):
        # split() on the dropped characters gives kept runs and gaps alternately, first and last
        # runs possibly empty; run and gap lengths then give every run's place in both texts
        pieces = RE_DROP.split(mtext)
        runs = pieces[0::2]
        ends = list(accumulate(map(len, pieces)))
        self.text = "".join(runs).replace("、", ".")
        self._starts = list(accumulate(map(len, runs[:-1]), initial=0))  # in the compact text
        # in mtext: each run begins where the gap before it ends
        self._origins = [offset, *(offset + end for end in ends[1::2])]

    def origin(self, i: int) -> int:
        """The index in mtext of compact character ``i``."""
        r = bisect_right(self._starts, i) - 1
        return self._origins[r] + (i - self._starts[r])

    def position(self, p: int) -> int:
        """The compact index of the first kept character at or after mtext index ``p``."""
        r = bisect_right(self._origins, p) - 1
        if r >= 0:
            run_end = self._starts[r + 1] if r + 1 < len(self._starts) else len(self.text)
            if p < self._origins[r] + (run_end - self._starts[r]):
                return self._starts[r] + (p - self._origins[r])
        return self._starts[r + 1] if r + 1 < len(self._starts) else len(self.text)

    def region(self, start: int, end: int) -> CompactRegion:
        """The compact form of ``mtext[start:end]``, sliced from the whole one."""
        lo = self.position(start)
        hi = max(lo, self.position(end))
        return CompactRegion(self, lo, self.text[lo:hi])


# A compact key found in the normalised text itself: its characters with any run of dropped
# characters between them. Possessive, since a gap can only end at a kept character.
#
# The gap is written as "[^\\w().]", not as the negation of the kept class: a class holding any
# character above U+00FF is optimised into a 64K-entry map every time it occurs in a pattern
# (some 6 ms each), and a key has one gap per character, so compiling the label patterns
# dominated reading a corpus. "[^\\w().]" compiles at once, and ``search_text`` makes the text
# fit it: "、" becomes "." (as in the compact form), word characters compacting drops ("_",
# accented or other-script letters, ①…) become spaces, and the CJK code points that are not
# word characters (kept, though no key holds one) become "_". All three keep the length.
CJK_NOT_WORD = "\u4dc0-\u4dff\ufa6e\ufa6f\ufada-\ufaff"  # hexagram symbols; unassigned
_GAP = r"[^\w().]*+"
# the word characters outside CJK and ASCII letters and digits: the complement of those ranges,
# then a word test, so the usual character fails a range check, not a Unicode category lookup
RE_WORD_NOT_KEPT = re.compile(r"[_\x80-\u33ff\ua000-\uf8ff\ufb00-\U0010ffff](?<=\w)")
RE_CJK_NOT_WORD = re.compile(f"[{CJK_NOT_WORD}]")
RE_KEPT_CHAR = re.compile(f"[{CJK}0-9A-Za-z().、]")


def search_text(mtext: str) -> str:
    """``mtext`` as the compact patterns search it (same length, so positions hold)."""
    stext = mtext.replace("、", ".")
    # rare: most texts have neither (two searches, as one alternation is several times slower)
    if RE_WORD_NOT_KEPT.search(stext):
        stext = RE_WORD_NOT_KEPT.sub(" ", stext)
    if RE_CJK_NOT_WORD.search(stext):
        stext = RE_CJK_NOT_WORD.sub("_", stext)
    return stext


@cache
def compact_pattern(key: str, mark: int | None = None) -> re.Pattern:
    """A pattern matching where ``key`` (a compact string) occurs in ``search_text(mtext)``, in
    the sense of ``key in compact(mtext)``. With ``mark``, group 1 is that character of the key."""
    if not key or compact(key, normalised=True) != key:
        raise ValueError(f"not a compact key: {key!r}")
    parts = [re.escape(ch) for ch in key]
    if mark is not None:
        parts[mark] = f"({parts[mark]})"
    return re.compile(_GAP.join(parts))


class CompactSearch:
    """Searches of compact keys in a normalised text, answered on the text itself.

    Finding a label or a marker needs no compact copy of the whole text: a key occurs in the
    compact form exactly where its characters occur separated by dropped characters only, and a
    regex finds that several times quicker than building the compact form (with its map of
    positions) takes. ``compact(start, end)`` builds that form of a part of the text, for the
    fuzzy label search. Positions in and out are indices in the text.
    """

    __slots__ = ("mtext", "stext")

    def __init__(self, mtext: str):
        self.mtext = mtext
        self.stext = search_text(mtext)  # what the compact patterns search

    def find(self, key: str, start: int = 0, end: int | None = None) -> re.Match | None:
        """The first match of ``key`` lying within ``[start, end)``, or None."""
        end = len(self.mtext) if end is None else end
        return compact_pattern(key).search(self.stext, start, end)

    def contains(self, key: str, start: int = 0, end: int | None = None) -> bool:
        return self.find(key, start, end) is not None

    def rfind_end(self, key: str, start: int = 0, end: int | None = None) -> int:
        """Where the last match of ``key`` within ``[start, end)`` ends, or -1."""
        found = -1
        m = self.find(key, start, end)
        while m is not None:
            found = m.end()
            m = self.find(key, m.start() + 1, end)
        return found

    def next_kept(self, start: int, end: int) -> int:
        """The index of the first kept character in ``[start, end)``, or -1."""
        m = RE_KEPT_CHAR.search(self.mtext, start, end)
        return m.start() if m else -1

    def compact(self, start: int, end: int) -> CompactText:
        """The compact form of ``[start, end)``: only the part a table's labels are looked for in."""
        return CompactText(self.mtext[start:end], start)


class CompactRegion:
    """The compact form of one region of the text (``text``) and ``origin(i)``: the index in
    mtext of its character ``i``."""

    __slots__ = ("_starts", "_origins", "_offset", "text")

    def __init__(self, whole: CompactText, offset: int, text: str):
        self._starts = whole._starts
        self._origins = whole._origins
        self._offset = offset
        self.text = text

    def origin(self, i: int) -> int:
        i += self._offset  # as CompactText.origin, which this is called instead of
        r = bisect_right(self._starts, i) - 1
        return self._origins[r] + (i - self._starts[r])


CN_DIGITS = {
    "〇": 0,
    "零": 0,
    "一": 1,
    "二": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}


def cn_number(text: str) -> int | None:
    """二〇二四 -> 2024, 十二 -> 12, 三十一 -> 31 (dates only; small numbers)."""
    if not text:
        return None
    if "十" in text:
        tens, _, units = text.partition("十")
        t = CN_DIGITS.get(tens) if tens else 1
        u = CN_DIGITS.get(units) if units else 0
        if t is None or u is None:
            return None
        return t * 10 + u
    value = 0
    for ch in text:
        if ch not in CN_DIGITS:
            return None
        value = value * 10 + CN_DIGITS[ch]
    return value
