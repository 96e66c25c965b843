"""A section's prose without what the page layout put into it (the text reader's last step).

What pdftotext -layout (or a flattened page) leaves in a section's text besides its prose:

- the tables' own text: lines of numbers, and the header words and row labels of the printed
  tables, often cut into pieces ("商业 科研", "三 、本 年 度办 理 结果");
- page footers: "-1-", "- 2 -", "第 3 页 共 5 页", "3/5", form feeds;
- hard line breaks inside paragraphs, and the spaces justified lines get ("健康发展 。", "2023 年").

``clean`` drops the first two and re-joins the lines of a paragraph: a line ends its paragraph
when it ends with 。！？；： (or a closing quote after one), or when the next line starts a new
numbered item (（一）, 一、, 1., 一是…).
"""

from __future__ import annotations

import re
import string
import unicodedata
from functools import cache

from ..layout import LAYOUTS, T3_HEADER_NOTE

_NUMBERS = re.compile(r"^[\d.,，．%％/／\-－—–~～()（）+＋]+$")  # a number cell, "/" or "—" included
_LETTER = re.compile(r"[^\W\d_]")
_FOOTER = re.compile(
    r"^\s*(?:[-－—–]\s*\d{1,4}\s*[-－—–]"  # -1-  - 2 -  —3—
    r"|第\s*\d{1,4}\s*页(?:\s*[,，/]?\s*共\s*\d{1,4}\s*页)?"  # 第 3 页 共 5 页
    r"|共\s*\d{1,4}\s*页\s*第\s*\d{1,4}\s*页"
    r"|\d{1,4}\s*/\s*\d{1,4}"  # 3/5
    r"|page\s*\d{1,4}(?:\s*of\s*\d{1,4})?)\s*$",
    re.IGNORECASE,
)
# a paragraph ends with one of these, perhaps followed by closing quotes or brackets (tested on
# the line's end: a regex "…$" would scan the whole paragraph gathered so far, line after line)
_PARAGRAPH_ENDS = "。！？；：!?;:"
_CLOSERS = "”’」』）)"
_NEW_ITEM = re.compile(
    r"^(?:[（(][一二三四五六七八九十\d]{1,3}[)）]"
    r"|[一二三四五六七八九十]{1,3}[、.．]"
    r"|\d{1,2}[、.．](?!\d)"
    r"|[一二三四五六七八九十]是)"
)
_ASCII_WORD = frozenset(string.ascii_letters + string.digits)
_SENTENCE = re.compile(r"[。；！？]")


_NOT_WORD = re.compile(r"[\W_]+")
_DIGITS = re.compile(r"[\d\W_]+")
# share of a line's character pairs found in the labels that makes it table text, in tenths (the
# quick prose verdict compares whole numbers with it)
LABEL_COVERAGE_TENTHS = 9
LABEL_COVERAGE = LABEL_COVERAGE_TENTHS / 10


# The full-width forms of ASCII (U+FF01–FF5E: "，" "：" "（"…) are what usually keeps a line of
# Chinese out of NFKC. Each stands for its ASCII character there, so with them replaced the line
# has the same NFKC form, and is then usually in it already (a quick check, not a normalisation).
_FULL_WIDTH = re.compile("[\uff01-\uff5e]")


def _compact(text: str) -> str:
    """Letters only: the ordinal "1、" and "1." the same, full- and half-width brackets alike."""
    if not unicodedata.is_normalized("NFKC", text):
        for wide in set(_FULL_WIDTH.findall(text)):
            text = text.replace(wide, chr(ord(wide) - 0xFEE0))
        if not unicodedata.is_normalized("NFKC", text):
            text = unicodedata.normalize("NFKC", text)
    return _NOT_WORD.sub("", text)


@cache
def _labels() -> tuple[str, frozenset[str]]:
    """Every header word and label the layouts print in their tables, compacted, one per line
    (for ``in``); and the character pairs of them, printed in order (for the coverage of a line
    whose pieces ran together, as OCR leaves them)."""
    words: list[str] = [T3_HEADER_NOTE, "信息内容", "申请人情况", "总计"]
    for layout in LAYOUTS.values():
        for grid in layout.grids:
            words += (grid.title, grid.row_header, grid.column_header)
            for row in grid.rows:
                words += (row.block or "", row.group or "", row.label, row.text)
            for column in grid.columns:
                words += (column.group or "", column.label)
    compact = [_compact(w) for w in words if w]
    running = "".join(compact)
    return "\n".join(dict.fromkeys(compact)), frozenset(_pairs(running))


# Characters NFKC maps to one character each (or keeps), none combining: a line of them has no
# more letters than characters. (ASCII, CJK ideographs, full-width ASCII, common CJK punctuation.)
_ONE_TO_ONE = re.compile(
    "[\t -~\u4e00-\u9fff\uff01-\uff5e\u3000-\u3003\u3008-\u3011\u2018\u2019\u201c\u201d\u2014\u00b7]*"
)


@cache
def _unlabelled(count: int) -> re.Pattern:
    """``count`` CJK ideographs that no label has, anywhere in a line (every character pair
    holding one is a miss). Searched for, not counted: a search stops at the count."""
    known = sorted(c for c in set(_labels()[0]) if "\u4e00" <= c <= "\u9fff")
    bounds = ["\u4e00", *(chr(ord(c) + 1) for c in known)], [*(chr(ord(c) - 1) for c in known), "\u9fff"]
    one = "[" + "".join(f"{a}-{b}" for a, b in zip(*bounds, strict=True) if a <= b) + "]"
    return re.compile(f"{one}(?:.*?{one}){{{count - 1}}}", re.S)


_QUICK_PROSE_MAX = 200  # longer lines are rare here; each length needs its own pattern


def _is_label(word: str) -> bool:
    """A compacted word that is (a piece of) one of the tables' labels."""
    return word in _labels()[0]


def _pairs(text: str):
    """The character pairs of ``text``, in order ("ABC" → "AB", "BC")."""
    return map(str.__add__, text, text[1:])


def is_footer(line: str) -> bool:
    return bool(_FOOTER.match(line))


_Token = tuple[bool, str, bool, str]
# The tokens of tables (labels, their pieces, numbers, dashes) repeat from line to line and report
# to report: they are kept. Prose is not: a word of prose is worked out each time it is met, so a
# batch of different reports is read as fast as the same report read again.
_TABLE_TOKENS: dict[str, _Token] = {}
_TABLE_TOKENS_KEPT = 16384


def _token(token: str) -> _Token:
    """(is it a number cell, its letters, are they (a piece of) a table label, its letters and
    digits): no letters for numbers, ordinals ("1、") and punctuation."""
    known = _TABLE_TOKENS.get(token)
    if known is not None:
        return known
    compact = _compact(token)
    word = "" if compact.isdigit() else compact
    label = bool(word) and _is_label(word)
    found = (bool(_NUMBERS.match(token)), word, label, compact)
    if label or not word:
        if len(_TABLE_TOKENS) >= _TABLE_TOKENS_KEPT:
            _TABLE_TOKENS.clear()
        _TABLE_TOKENS[token] = found
    return found


def _tokens(line: str) -> list[str]:
    """The line's tokens, less the "|" between spaces of a markdown table: such a token counts
    for nothing (no number, no letters), and a row has as many of them as cells."""
    return (line.replace(" | ", "   ") if "|" in line else line).split()


def is_table_line(line: str) -> bool:
    """A line of a printed table: numbers, and words that are all (pieces of) the tables' labels."""
    if _SENTENCE.search(line):
        return False  # a sentence (no label has these)
    if not _LETTER.search(line):
        return bool(line.strip())  # numbers, dashes and rules only (the most common table line)
    tokens = _tokens(line)
    # Prose, decided without normalising it: a token holding an ideograph no label has is no
    # label and no number (so at most two numbers here), and n such ideographs make at least n - 1
    # of the line's letter pairs misses, out of at most len(line) - 1 pairs: with n as below, more
    # than the coverage allows.
    if (
        len(tokens) <= 3
        and len(line) <= _QUICK_PROSE_MAX
        and _unlabelled((10 - LABEL_COVERAGE_TENTHS) * (len(line) - 1) // 10 + 2).search(line)
        and _ONE_TO_ONE.fullmatch(line)
    ):
        return False
    numbers = words = 0
    word = ""  # the last word (the only one, when there is one)
    labels_only = True
    compacts = []
    for token in tokens:
        if token.isdecimal():  # re's \d: a number with no letters, no lookup needed
            numbers += 1
            continue
        # (a kept token is looked up here: most are, and a call costs more than the lookup)
        number, letters, label, compact = _TABLE_TOKENS.get(token) or _token(token)
        compacts.append(compact)
        numbers += number
        if letters:
            words += 1
            word = letters
            labels_only = labels_only and label
    if words == 1 and len(word) == 1 and not numbers:
        return False  # one character alone ("无") is prose as likely as a piece of a label
    if labels_only:
        return True  # numbers and dashes only, or labels and numbers
    # a table row whose label is misprinted ("2.其他法律行政止公开 0 0 0 …")
    if numbers >= 3 and numbers >= words:
        return True
    # labels run together ("第二十条第(一)项第二十条第(五)项信息内容…")
    # the letters of the line in NFKC form: those of its tokens (NFKC never joins characters
    # across whitespace, and leaves digits digits), so no token is normalised twice
    letters = _DIGITS.sub("", "".join(compacts))
    if len(letters) < 4:
        return False
    pairs = len(letters) - 1
    needed = LABEL_COVERAGE * pairs
    known = _labels()[1]
    missed = 0
    for pair in _pairs(letters):
        if pair not in known:
            missed += 1
            if pairs - missed < needed:
                return False  # most lines here are prose: decided at their first few pairs
    return True


def _join(left: str, right: str) -> str:
    if left and right and left[-1] in _ASCII_WORD and right[0] in _ASCII_WORD:
        return f"{left} {right}"
    return left + right


def _tidy(line: str) -> str:
    """Inner whitespace dropped, except between two ASCII words ("2023 年" → "2023年")."""
    parts = line.split()
    if len(parts) == 1:
        return parts[0]  # most lines of Chinese prose hold no space
    out = ""
    for part in parts:
        out = _join(out, part)
    return out


def _ends_paragraph(line: str) -> bool:
    bare = line.rstrip(_CLOSERS)
    return bool(bare) and bare[-1] in _PARAGRAPH_ENDS


def clean(text: str | None) -> str | None:
    """``text`` as paragraphs of prose, one per line; "" when it held nothing but tables and
    footers, None when it was None or blank (an empty part stays as the reader found it)."""
    if text is None or not text.strip():
        return None
    lines = [line for line in text.splitlines() if line.strip()]
    # table lines first: they are most of what goes, and footers without letters are among them
    kept = [_tidy(line) for line in lines if not is_table_line(line) and not is_footer(line)]
    paragraphs: list[str] = []
    current = ""
    for line in kept:
        if current and (_ends_paragraph(current) or _NEW_ITEM.match(line)):
            paragraphs.append(current)
            current = line
        else:
            current = _join(current, line)
    if current:
        paragraphs.append(current)
    return "\n".join(paragraphs)


__all__ = ["clean", "is_footer", "is_table_line"]
