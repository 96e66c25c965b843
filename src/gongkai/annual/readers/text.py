"""The plain-text reader: pdftotext -layout output, OCR text, flattened web pages, and the
tab-separated text the structured readers (HTML/DOCX/XLSX/PDF) produce — one table row per
line, cells separated by "\\t".

Tables printed one row per line with one number per cell (markdown, tab-separated text) are read
field by field (``_lines``). Any other table is read by anchoring on the printed row labels, in
their fixed order, and taking the numbers between one label and the next; ``assemble`` then fits
the numbers to the cells using the layout's arithmetic where the count is off. Labels and format
markers are compared in a compact form that ignores spacing and punctuation (``CompactSearch``).
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from functools import cache
from itertools import chain
from operator import attrgetter
from typing import NamedTuple

from ..errors import UnreadableReport
from ..layout import (
    FORMAT_2019,
    FORMAT_2021,
    FORMAT_PRE2019,
    LAYOUT_2019,
    LAYOUT_2021,
    LAYOUT_PRE2019,
    OTHER,
    SECTIONS,
    FormatLayout,
    Grid,
    Row,
    layout_for,
    layout_for_year,
)
from ..model import AGENCY_KIND_LABELS, Agency, Report, Table, cell_paths
from ._lines import read_line_grids
from ._meta import read_meta
from ._normalise import (
    CJK,
    CONTROL_CHARACTERS,
    RE_CJK,
    CompactSearch,
    changed_for_matching,
    compact,
    compact_pattern,
    for_matching,
)
from ._prose import clean as clean_prose
from .assemble import Reading, Tok, assemble, note_printed, printed_as_is, table_name

MAX_CHARS = 5_000_000
_VALUE = attrgetter("value")

# ---------------------------------------------------------------- decoding


def read_text_bytes(data: bytes, source: str | None = None) -> Report:
    return read_text(decode(data), source)


def decode(data: bytes) -> str:
    if data.startswith(codecs.BOM_UTF8):
        return _strict(data[3:], "utf-8")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _strict(data, "utf-16")
    if b"\x00" in data[:65536]:
        text = _utf16_without_bom(data)
        if text is None:
            raise UnreadableReport("文件含二进制内容（NUL 字节），不是文本报告")
        return text
    for encoding in ("utf-8", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise UnreadableReport("无法识别文件的文字编码（不是 UTF-8 或 GB18030 文本）")


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 text saved without a byte-order mark: the NUL bytes (the high bytes of ASCII
    characters: line breaks, digits, spaces) all fall on one side of each pair."""
    sample = data[:65536]
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    pairs = len(sample) // 2
    if odd >= 0.02 * pairs and even <= 0.05 * odd:
        encoding = "utf-16-le"
    elif even >= 0.02 * pairs and odd <= 0.05 * even:
        encoding = "utf-16-be"
    else:
        return None
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError:
        return None
    return text if RE_CJK.search(text) and "\x00" not in text else None


def _strict(data: bytes, encoding: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        raise UnreadableReport(f"文件声明为 {encoding.upper()} 编码，但内容无法按此解码") from None


# ---------------------------------------------------------------- text preparation

# A page footer is a whole line. The pattern starts with the line break before it (the text gets
# one in front): a literal start lets the regex engine skip from line to line, where "^" with
# re.M has it try every position.
RE_FOOTER = re.compile(
    r"\n[ \t]*(?:[-—–][ \t]*\d{1,3}[ \t]*[-—–]|第[ \t]*\d{1,3}[ \t]*页(?:[ \t]*共[ \t]*\d{1,3}[ \t]*页)?)[ \t]*"
    r"(?=\n|\Z)"
)
RE_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
CONTENT_WORDS = ("信息公开", "年度报告", "政务公开", "依申请", "行政复议", "主动公开")


def _prepare(text: str) -> tuple[str, str]:
    """(text as printed, text for matching): same length, line breaks unified, page footers and
    control characters blanked in the matching text."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n")
    mtext, changed = changed_for_matching(text)  # (which blanks control characters too)
    if not changed.isdisjoint(CONTROL_CHARACTERS):
        text = RE_CONTROL.sub(" ", text)
    mtext = RE_FOOTER.sub(_blank_footer, "\n" + mtext)[1:]
    return text, mtext


def _blank_footer(m: re.Match) -> str:
    return "\n" + " " * (len(m.group()) - 1)


# ---------------------------------------------------------------- page chrome

# Lines only a website prints around a report (the text of a saved or copied page): navigation,
# breadcrumb, share and print buttons, previous/next and related links, comments, footer.
RE_CHROME_LINE = re.compile(
    r"版权所有|网站标识码|ICP\s*[备证]|公网安备|技术支持|主办单位|承办单位|网站地图|无障碍|"
    r"上一篇|下一篇|相关链接|相关文章|分享到|打印本页|关闭窗口|【打印】|【关闭】|字体\s*[:]?\s*[【\[]?\s*大|"
    r"网友评论|发表评论|我要评论|当前位置|您的位置|您现在的位置|首页\s*[>＞›»]"
)
# where the report is over: everything from the first of these lines on is the page's
RE_CHROME_END = re.compile(
    r"\n[ \t•·*-]*(?:上一篇|下一篇|相关链接|相关文章|网友评论|发表评论|我要评论|版权所有)"
)
CHROME_LINE_MAX = 80  # longer lines are report text that happens to say "技术支持" and the like


def strip_chrome(text: str, mtext: str) -> tuple[str, str, dict[str, Span] | None]:
    """(text, mtext, sections) without the page chrome: chrome lines blanked in mtext (same
    length), and both texts cut where the page goes on after the report (previous/next links,
    comments, footer), when that comes after the report's last section heading. The sections
    are ``find_sections`` of the mtext returned when finding the chrome found them too, else None."""
    if not RE_CHROME_LINE.search(mtext):
        return text, mtext, None  # the usual case: a report, not a page
    spans = find_sections(mtext)
    end = RE_CHROME_END.search(mtext, max(span.start for span in spans.values())) if spans else None
    if end is not None:
        text, mtext = text[: end.start()], mtext[: end.start()]
    pieces = []
    blanked = []  # (start, stop) of each line blanked
    last = 0
    for m in RE_CHROME_LINE.finditer(mtext):
        start = mtext.rfind("\n", 0, m.start()) + 1
        if start < last:
            continue  # a line already blanked
        stop = mtext.find("\n", m.end())
        stop = len(mtext) if stop < 0 else stop
        if len(compact(mtext[start:stop], normalised=True)) > CHROME_LINE_MAX:
            continue
        pieces += [mtext[last:start], " " * (stop - start)]
        blanked.append((start, stop))
        last = stop
    pieces.append(mtext[last:])
    stripped = "".join(pieces)
    out = _blank_report_lists(stripped)
    if end is None and out is stripped and not any(_read_for_headings(mtext, *line) for line in blanked):
        # not cut, no list blanked, no blanked line read to tell a heading (the lines are those of
        # mtext or blank, the line breaks where they were): the sections above are those of the
        # text returned
        return text, out, spans
    return text, out, None


def _read_for_headings(mtext: str, start: int, stop: int) -> bool:
    """Whether find_sections, telling whether a numeral is a heading, reads any of
    mtext[start:stop] (a line): it reads from the numeral to HEADING_READ characters past the
    match, and a match lies within its line."""
    first = mtext.rfind("\n", 0, max(0, start - HEADING_READ)) + 1  # where such a match can start
    return any(m.end() + HEADING_READ > start for m in RE_HEADING.finditer(mtext, first, stop))


RE_LISTED_REPORT = re.compile(
    r"[^\n]{0,40}?((?:19|20)\d{2})\s*年[^\n]{0,30}?(?:年度报告|工作报告)[^\n]{0,10}"
)


# what each such line holds (within the line): a text with fewer than two has no list to blank
RE_REPORT_NAMED = re.compile(r"(?:19|20)\d{2}[^\S\n]*年[^\n]{0,30}?(?:年度报告|工作报告)")


def _blank_report_lists(mtext: str) -> str:
    """Blank runs of lines that each name a report of a different year (a sidebar of other years'
    reports, related links): not the report's title."""
    named = RE_REPORT_NAMED.finditer(mtext)
    if next(named, None) is None or next(named, None) is None:
        return mtext  # the usual case once a page's sidebar has gone with its markup
    lines = mtext.split("\n")
    run: list[tuple[int, str]] = []
    out = list(lines)

    def close() -> None:
        if len(run) >= 2 and len({y for _, y in run}) >= 2:
            for i, _ in run:
                out[i] = " " * len(lines[i])
        run.clear()

    for i, line in enumerate(lines):
        if not line.strip():
            continue
        # every listed report's line says "报告": a plain search rules out most lines
        m = RE_LISTED_REPORT.fullmatch(line.strip()) if "报告" in line else None
        if m:
            run.append((i, m.group(1)))
        else:
            close()
    close()
    return mtext if out == lines else "\n".join(out)  # (the text itself when no list was blanked)


# ---------------------------------------------------------------- sections

SECTION_KEYWORDS = {s.numeral: s.starts for s in SECTIONS}
NUMERALS = "一二三四五六"
RE_HEADING = re.compile(r"([一二三四五六])[ \t]*[、.,:][ \t]*(?:#+[ \t]*)?")


@dataclass
class Span:
    start: int  # of the heading
    body: int  # where the text after the heading begins
    end: int


HEADING_READ = 200  # how far past a heading's numeral find_sections reads (see there)


def find_sections(mtext: str) -> dict[str, Span]:
    found: list[tuple[str, int, int]] = []
    last = -1
    for m in RE_HEADING.finditer(mtext):
        idx = NUMERALS.index(m.group(1))
        if idx <= last:
            continue
        keywords = SECTION_KEYWORDS[m.group(1)]
        # printed as they are, the words are also at the start of the compact form
        if not any(mtext.startswith(k, m.end()) for k in keywords):
            after = compact(mtext[m.end() : m.end() + 24], normalised=True)
            if not any(after.startswith(k) for k in keywords):
                continue
        line_end = mtext.find("\n", m.end())
        line_end = len(mtext) if line_end < 0 else line_end
        # what is read past the match: at most HEADING_READ characters (here, and 24 for the
        # keywords above and 60 in _skip_heading)
        rest = min(line_end, m.end() + HEADING_READ)
        # the compact form is never longer: a short line needs no compacting
        if rest - m.end() <= 30 or len(compact(mtext[m.end() : rest], normalised=True)) <= 30:
            body = line_end
        else:  # an inline heading on a flattened page: the body starts after the heading words
            body = _skip_heading(mtext, m.end(), NUMERALS[idx])
        found.append((m.group(1), m.start(), body))
        last = idx
    spans: dict[str, Span] = {}
    for i, (numeral, start, body) in enumerate(found):
        end = found[i + 1][1] if i + 1 < len(found) else len(mtext)
        spans[numeral] = Span(start, body, end)
    return spans


def _skip_heading(mtext: str, pos: int, numeral: str) -> int:
    section = LAYOUT_2021.sections[NUMERALS.index(numeral)]
    window = mtext[pos : pos + 60]
    for heading in sorted((section.heading, *section.variants), key=len, reverse=True):
        i = window.find(heading)
        if i == 0:
            return pos + len(heading)
    keyword = next(k for k in SECTION_KEYWORDS[numeral] if compact(window).startswith(k))
    i = window.find(keyword)
    return pos + (i + len(keyword) if i >= 0 else 0)


# ---------------------------------------------------------------- format

EXTRA_HINTS = (
    (re.compile(r"2021\s*[)\]]\s*30\s*号"), FORMAT_2021),
    (re.compile(r"2019\s*[)\]]\s*60\s*号"), FORMAT_2019),
)
_MARKERS = {  # each format's markers, as the patterns CompactSearch.contains would use
    layout.version: tuple(compact_pattern(compact(m)) for m in layout.markers)
    for layout in (LAYOUT_2021, LAYOUT_2019, LAYOUT_PRE2019)
}


def detect_format(search: CompactSearch, year: int | None) -> tuple[str, str]:
    """(format, how) where how is "markers", "year" or "default".

    The format scoring the most markers wins; a tie goes to the report year's format, else to the
    first in ``_MARKERS``. A missing marker costs a search of the whole text, so a format stops
    being scored once it can at best equal the best score so far: the year's format is scored
    first (it usually wins), then the others in order, so that format would lose the tie anyway."""
    scores = {version: 0 for version in _MARKERS}
    for pattern, version in EXTRA_HINTS:
        if pattern.search(search.mtext):
            scores[version] += 1
    likely = layout_for_year(year).version if year is not None else FORMAT_2021
    best = 0
    stext = search.stext
    for version in sorted(_MARKERS, key=lambda v: v != likely):
        markers = _MARKERS[version]
        for i, marker in enumerate(markers):
            if scores[version] + len(markers) - i <= best:
                scores[version] = -1  # no better than the best whatever the rest: out of the running
                break
            scores[version] += marker.search(stext) is not None
        best = max(best, scores[version])
    if best > 0:
        tied = [v for v, s in scores.items() if s == best]
        if len(tied) > 1 and year is not None and layout_for_year(year).version in tied:
            return layout_for_year(year).version, "markers"
        return tied[0], "markers"
    if year is not None:
        return layout_for_year(year).version, "year"
    return FORMAT_2021, "default"


# ---------------------------------------------------------------- tokens

UNITS = r"万元|元|件|条|个|项|次|人次|宗|份|%"
RE_TOKEN = re.compile(
    r"(?P<num>(?<![\d.])[-+]?\d{1,3}(?:,\d{3})+(?:\.\d+)?|(?<![\d.,])[-+]?\d+(?:\.\d+)?)"
    rf"(?P<unit>[ ]?(?:{UNITS}))?"
    r"|(?P<ph>(?<!\S)(?:/+|—+|-{1,2}|–|无)(?!\S))"
)
# Fields are separated by a tab or "|" with any spaces around it, or by a run of 2+ spaces:
# " *[\t|] *| {2,}", written so that every alternative starts with a plain character, which lets
# the regex engine skip quickly to the next candidate (it tries each alternative in turn at a
# position, just as it would the original's).
RE_FIELD_SEP = re.compile(r"\t *|\| *|  *[\t|] *|  +")
# every RE_TOKEN match holds one of these: a field without any (a row label) has no tokens, and
# this simple search is much quicker than RE_TOKEN's over label text
RE_TOKEN_CHAR = re.compile(r"[\d/—\-–无]")
EMPTY = None  # marker for an empty tab/pipe field
BLANK = Tok("", None, "blank")  # an empty cell (tokens are immutable, so one serves for all)
# Most cells are plain counts under 10,000: their tokens are made once, not once per cell.
SMALL_COUNTS = {str(n): Tok(str(n), n) for n in range(10_000)}
# a field (stripped) -> its token, for the fields most lines consist of; "" is an empty field
PLAIN_FIELDS = {"": BLANK, **SMALL_COUNTS}
RE_CELL_CHAR = re.compile(r"[0-9/—\-–无]")
RE_DIGIT = re.compile(r"\d")  # as RE_TOKEN's
RE_TOKEN_START = re.compile(r"[-+\d/—–无]")  # the characters an RE_TOKEN match can start with
PLACEHOLDER_CHARS = "/—-–无"  # what RE_TOKEN's placeholders are made of
# a line without tabs and pipes: RE_FIELD_SEP's only separator that can occur there, on its own
RE_SPACE_RUN = re.compile("  +")


RE_LAST_CJK = re.compile(f".*([{CJK}])", re.S)


def _field_tokens(field: str) -> list[Tok]:
    bare = field.strip()
    if bare.isascii() and bare.isdigit():  # the common case: one plain number
        return [SMALL_COUNTS.get(bare) or Tok(bare, int(bare))]
    if not RE_TOKEN_CHAR.search(field):
        return []
    if not _may_hold_tokens(field):
        return []  # label text with 无 or a dash in it (RE_TOKEN's search is slow over CJK text)
    spans = _token_matches(field)
    if not spans:
        return []
    # digits followed by label text in the same cell are an ordinal or OCR debris, not data
    last_label = -1
    if RE_CJK.search(field):
        # the last CJK character outside the tokens (a unit belongs to its number): the tokens
        # blanked, then one backward scan (a field can be a whole paragraph)
        masked = []
        done = 0
        for m in spans:
            masked += (field[done : m.start()], " " * (m.end() - m.start()))
            done = m.end()
        masked.append(field[done:])
        last = RE_LAST_CJK.match("".join(masked))
        if last is not None:
            last_label = last.start(1)
    toks = []
    for m in spans:
        if m.start() < last_label:
            continue
        if m.group("ph"):
            text = m.group("ph")
            toks.append(Tok(text, None, "slash" if "/" in text else "blank"))
            continue
        text = m.group("num").replace(",", "")
        try:
            value = Decimal(text) if "." in text else int(text)
        except (ValueError, InvalidOperation):
            continue
        toks.append(Tok(text.lstrip("+"), value))
    return toks


def _token_matches(field: str) -> list[re.Match]:
    """``RE_TOKEN.finditer(field)``, quicker over text: the regex is tried only where a match
    can start (it has no literal start, so its own search tries every position in full)."""
    matches = []
    search, match = RE_TOKEN_START.search, RE_TOKEN.match
    pos = 0
    while (start := search(field, pos)) is not None:
        m = match(field, start.start())  # (its look-behinds still see the text before)
        if m is None:
            pos = start.start() + 1
        else:
            matches.append(m)
            pos = m.end()
    return matches


def _may_hold_tokens(field: str) -> bool:
    """False when RE_TOKEN finds nothing in ``field`` for sure: no digit for a number, and no
    piece between spaces made of placeholder characters only (a placeholder stands alone)."""
    return bool(RE_DIGIT.search(field)) or not all(p.strip(PLACEHOLDER_CHARS) for p in field.split())


def segment_tokens(segment: str, want: int) -> tuple[list[Tok], int]:
    """The cells in a stretch of text after a row label: (tokens, leading empty fields).

    Reads line by line and stops once ``want`` tokens are in hand, so debris on the next label's
    line is left out. Empty tab/pipe fields between numbers are blank cells; empty fields before
    the first number may be blank cells or layout padding (the caller decides with ``lead``).
    """
    lines = segment.split("\n")
    # one cell per line needs three such lines after the label's ("|" is in every one)
    if len(lines) > 3 and "|" in segment:
        first = list(map(_pipe_cell, lines[1:12]))
        if len(first) - first.count(None) >= 3:
            return _pipe_cells(lines[1:], first, want), 0
    toks: list[Tok] = []
    lead = 0
    for line in lines:
        if len(toks) >= want:
            break
        if not RE_CELL_CHAR.search(line):
            continue  # label text only: no cells on this line
        row = _line_fields(line)
        first, last = 0, len(row) - 1
        while first <= last and row[first] is BLANK:
            first += 1
        if first > last:
            continue  # empty fields only
        while row[last] is BLANK:
            last -= 1
        if not toks:
            # the fields before the first token are all empty ones
            lead = max(first - (1 if "\t" in line or "|" in line else 0), 0)
        toks.extend(row[first : last + 1])
    return toks, lead


def _line_fields(line: str) -> list[Tok]:
    """The tokens of a line's tab/pipe/space-separated fields, the BLANK token for each empty
    field (no other token is that object); label text gives none."""
    # With no tab, and no run of spaces but next to a "|", the fields are those between the
    # pipes (the regex would also take off the spaces around each "|", and the lookup below
    # strips them anyway); str.split finds them several times quicker than the regex. (Without
    # a "|" the replacements change nothing: most lines of a page layout are decided at once.)
    simple = "\t" not in line and (
        "  " not in line or ("|" in line and "  " not in line.replace("|  ", "|").replace("  |", "|"))
    )
    if simple:
        fields = line.split("|")
    elif "\t" in line or "|" in line:
        fields = RE_FIELD_SEP.split(line)
    else:
        fields = RE_SPACE_RUN.split(line)  # the same fields, several times quicker
    # Most lines are a row label and then empty fields and small counts: those are looked up
    # without a Python-level loop over the fields.
    row: list[Tok | None] = list(map(PLAIN_FIELDS.get, map(str.strip, fields)))
    label = row[0] is None and not _field_tokens(fields[0])
    if label:
        del row[0]
    if None not in row:
        return row  # type: ignore[return-value]
    if simple:
        fields = RE_FIELD_SEP.split(line)  # the fields exactly, for _field_tokens
    toks: list[Tok] = []
    for f in fields[1:] if label else fields:  # (the label gives no tokens)
        tok = PLAIN_FIELDS.get(f.strip())
        if tok is not None:
            toks.append(tok)
        elif RE_TOKEN_CHAR.search(f):  # else label text: no tokens (see _field_tokens)
            toks.extend(_field_tokens(f))
    return toks


def _pipe_cell(line: str) -> tuple[str, str] | None:
    """A line of one cell of a flattened web table, ``[ \\t]*text|[ \\t|]*`` (a line of the
    text, so without "\\n"; no "|" in the text), as (the text stripped, what follows its "|");
    None for any other line."""
    bar = line.find("|")
    if bar < 0 or line[bar + 1 :].strip(" \t|"):
        return None
    return line[:bar].strip(), line[bar + 1 :]


def _pipe_cells(lines: list[str], first: list[tuple[str, str] | None], want: int) -> list[Tok]:
    """Web tables flattened one cell per line ("56 |", "|" for an empty cell, "||" or a run of
    pipes at a row's end): cells are positional, so empty ones are blanks. ``first`` holds the
    ``_pipe_cell`` of the first lines, already made."""
    cells: list[Tok | None] = []
    for i, line in enumerate(lines):
        cell = first[i] if i < len(first) else _pipe_cell(line)
        if cell is None:
            if cells or line.strip():
                break
            continue
        content, rest = cell
        if not content and rest.strip() and cells:
            break  # "||": the row ends
        if content:
            small = SMALL_COUNTS.get(content)
            toks = [small] if small is not None else _field_tokens(content)
            if not toks and RE_CJK.search(content):
                break  # the next label
            cells.extend(toks or [EMPTY])
        else:
            cells.append(EMPTY)
        if len(cells) >= want or (content and "|" in rest):
            break
    if not any(c is not EMPTY for c in cells):
        # a row printed with every cell empty: blank cells (noted as such), when all are there
        return [BLANK] * want if len(cells) >= want else []
    return [BLANK if c is EMPTY else c for c in cells[:want]]


# ---------------------------------------------------------------- anchors (row labels)


@dataclass(frozen=True)
class Anchor:
    key: str  # row key, or "group" for a merged label such as （六）其他处理
    label: str  # as printed, for messages
    ordinal: re.Pattern | None  # the ordinal just before the label text
    exact: tuple[str, ...]  # compact strings to look for, best first
    grams: tuple[str, ...]  # 3-character pieces found in no other label of the table
    # for each exact key, a pattern finding it in the text whose group 1 starts the label text
    # (after the ordinal the key may begin with)
    patterns: tuple[re.Pattern, ...] = field(init=False, repr=False, compare=False, default=())

    def __post_init__(self) -> None:
        patterns = tuple(
            compact_pattern(key, len(key) - len(_label_key_tail(self, key))) for key in self.exact
        )
        object.__setattr__(self, "patterns", patterns)


@cache
def _compact_label(text: str) -> str:
    """``compact`` of a label, title or marker of the layouts: a fixed set, so kept."""
    return compact(text)


def _label_key(text: str) -> str:
    key = _compact_label(text)
    cut = key.find("(")
    return key[:cut] if cut > 0 else key


def _ordinal_pattern(ordinal: str) -> re.Pattern | None:
    ordinal = for_matching(ordinal).strip()
    if not ordinal:
        return None
    core = ordinal.strip("()、.")
    if core.isdigit():
        # "1." may be glued to the previous row's digits on a flattened page; a bare "1" may not
        return re.compile(rf"(?:{core}\s*[.、,]|(?<!\d){core})\s*$")
    if ordinal.startswith("("):
        return re.compile(rf"\(\s*{core}\s*\)\s*$")
    return re.compile(rf"{core}\s*[、.,]?\s*$")


_ANCHOR_CACHE: dict[tuple[int, tuple[tuple[str, str], ...]], list] = {}


def build_anchors(grid: Grid, extra: tuple[tuple[str, str], ...] = ()) -> list[Anchor]:
    """Anchors for a grid's rows in printed order; ``extra`` adds merged group labels
    (ordinal, text) placed before the first row of their group. Built once per grid."""
    key = (id(grid), extra)
    cached = _ANCHOR_CACHE.get(key)
    if cached is None or cached[0] is not grid:
        cached = _ANCHOR_CACHE[key] = [grid, _build_anchors(grid, extra)]  # type: ignore[list-item]
    return cached[1]  # type: ignore[return-value]


def _build_anchors(grid: Grid, extra: tuple[tuple[str, str], ...]) -> list[Anchor]:
    labels = [_label_key(r.text) for r in grid.rows]
    others = labels + [_label_key(g) for g in {r.group for r in grid.rows if r.group}]
    others += [_label_key(c.label) for c in grid.columns]
    anchors: list[Anchor] = []
    groups_done: set[str] = set()
    for row, key in zip(grid.rows, labels, strict=True):
        for ordinal, text in extra:
            if row.group == f"{ordinal}{text}" and row.group not in groups_done:
                groups_done.add(row.group)
                anchors.append(
                    Anchor("group", row.group, _ordinal_pattern(ordinal), (compact(ordinal + text),), ())
                )
        anchors.append(_row_anchor(row, key, others))
    return anchors


def _row_anchor(row: Row, key: str, others: list[str]) -> Anchor:
    exact: list[str] = []
    ordinal = compact(row.ordinal)
    if len(key) <= 3 and ordinal:
        exact.append(ordinal + key)  # 3.其他, (七)总计: too short to find alone
        if key == "总计":
            exact.append(key)
    else:
        exact.append(key)
        prefix = key[:6]
        if len(key) > 7 and sum(o.startswith(prefix) or prefix in o for o in others) == 1:
            exact.append(prefix)
    grams = tuple(
        dict.fromkeys(
            key[i : i + 3] for i in range(len(key) - 2) if sum(key[i : i + 3] in o for o in others) == 1
        )
    )
    return Anchor(
        row.key, row.label, _ordinal_pattern(row.ordinal), tuple(exact), grams if len(key) > 5 else ()
    )


class Hit(NamedTuple):  # (quicker to make than a dataclass: one per row found)
    anchor: Anchor
    start: int  # index in mtext where the label text starts
    cut: int  # where the previous row's text ends (before this row's ordinal)


def locate(anchors: list[Anchor], search: CompactSearch, start: int, end: int) -> list[Hit]:
    """Find the anchors in order between start and end. A label that cannot be found is skipped
    (its row stays blank); order is a strong prior, so each search starts after the last hit.
    Labels are compared in the compact form (see ``CompactSearch``)."""
    if start >= end:
        return []  # an empty region (a section the report leaves out): no label to look for
    mtext = search.mtext
    stext = search.stext
    hits: list[Hit] = []
    cursor = start
    # the compact form of the text from the first fuzzy search on (most labels are found exactly,
    # and an empty region needs none), and its part [cursor, end), kept while no hit moves cursor
    compact_text = region = None
    for i, anchor in enumerate(anchors):
        pos = _find_exact(anchor, stext, cursor, end)
        if pos is None and anchor.grams and cursor < end:
            if compact_text is None:
                compact_text = search.compact(cursor, end)
            if region is None:
                region = compact_text.region(cursor, end)
            fuzzy = _fuzzy_position(anchor, region.text, anchors[i + 1 : i + 3])
            pos = None if fuzzy is None else region.origin(fuzzy)
        if pos is None:
            continue
        cut = pos
        if anchor.ordinal is not None:
            window_start = max(start, pos - 10)
            m = anchor.ordinal.search(mtext, window_start, pos)
            if m:
                cut = m.start()
        hits.append(Hit(anchor, pos, cut))
        cursor = pos + 1
        region = None
    return hits


def _find_exact(anchor: Anchor, stext: str, cursor: int, end: int) -> int | None:
    for pattern in anchor.patterns:
        m = pattern.search(stext, cursor, end)
        if m is not None:
            return m.start(1)  # where the label text starts, after any ordinal in the key
    return None


def _fuzzy_position(anchor: Anchor, comp: str, later: list[Anchor]) -> int | None:
    cursor = 0
    # fuzzy: pieces of the label unique to this row, close together, before the next row
    limit = len(comp)
    for nxt in later[:2]:  # the next two anchors at most
        if nxt.exact:
            p = comp.find(nxt.exact[0], cursor)
            if p >= 0:
                limit = p
                break
    best = None
    for gram_index, gram in enumerate(anchor.grams):
        p = comp.find(gram, cursor, limit)
        if p < 0:
            continue
        offset = anchor.exact[0].find(gram) if anchor.exact else 0
        candidate = max(cursor, p - max(offset, 0))
        if best is None or candidate < best[0]:
            best = (candidate, gram_index)
    if best is None:
        return None
    hits = sum(
        1 for g in anchor.grams if comp.find(g, best[0], min(limit, best[0] + len(anchor.exact[0]) + 8)) >= 0
    )
    if hits >= 2 or limit < len(comp):
        return best[0]
    return None


def _label_key_tail(anchor: Anchor, key: str) -> str:
    """For keys that include the ordinal (3.其他), the part that is label text."""
    if anchor.ordinal is not None and key[:1] in "0123456789(":
        m = re.match(r"^(?:\d+\.|\([一二三四五六七八九十]+\))", key)
        if m:
            return key[m.end() :]
    return key


# ---------------------------------------------------------------- tables


def _read_rows(
    report: Report,
    table: Table,
    hits: list[Hit],
    text_end: int,
    mtext: str,
) -> dict[str, tuple[list[Tok], int]]:
    """Tokens for every located row (keyed by row key; "group:…" for group labels)."""
    n = len(table.grid.columns)
    out: dict[str, tuple[list[Tok], int]] = {}
    for i, hit in enumerate(hits):
        end = hits[i + 1].cut if i + 1 < len(hits) else text_end
        segment = mtext[hit.start : max(hit.start, end)]
        key = hit.anchor.key if hit.anchor.key != "group" else f"group:{hit.anchor.label}"
        out[key] = segment_tokens(segment, n)
    return out


def _read_lines(report: Report, grids: tuple[Grid, ...], mtext: str, start: int, end: int) -> bool:
    """The quick path for tables printed one row per line (see ``_lines``): True when it read them."""
    cells = read_line_grids(grids, mtext, start, end)
    if cells is None:
        return False
    for key, values in cells.items():
        report.tables[key].update(values)  # type: ignore[arg-type]
    return True


def read_grid_rows(report: Report, table: Table, rows: dict[str, tuple[list[Tok], int]]) -> None:
    grid = table.grid
    as_printed: dict[tuple[str, str], object] = {}
    readings = []
    for row, cells, _ in _row_cells(grid):
        got = rows.get(row.key)
        if got is None or not got[0]:
            continue
        toks, lead = got
        if printed_as_is(toks, cells, grid):
            values = list(map(_VALUE, toks))
            as_printed.update(zip(cells, values, strict=True))
            if None in values:
                note_printed(report, table, cells, toks)
        else:
            readings.append(Reading(row.label, cells, toks, lead))
    # the rows assemble would copy as printed go in first, as they do there
    table.update(as_printed)  # type: ignore[arg-type]
    if readings:
        assemble(report, table, readings)


class _RowCells(NamedTuple):
    row: Row
    cells: tuple[tuple[str, str], ...]  # in column order
    paths: tuple[str, ...]  # the cells' paths (``Table.path``), for notes


_ROW_CELLS: dict[int, tuple[Grid, list[_RowCells]]] = {}


def _row_cells(grid: Grid) -> list[_RowCells]:
    """Each row of the grid with its cells and their paths, in order; made once per grid (a
    table read in part names a hundred and more cells in its notes)."""
    cached = _ROW_CELLS.get(id(grid))
    if cached is None or cached[0] is not grid:
        paths = cell_paths(grid)
        rows = []
        for row in grid.rows:
            cells = tuple((row.key, c) for c in grid.column_keys)
            rows.append(_RowCells(row, cells, tuple(map(paths.__getitem__, cells))))
        cached = _ROW_CELLS[id(grid)] = (grid, rows)
    return cached[1]


def read_active(report: Report, layout: FormatLayout, search: CompactSearch, start: int, end: int) -> None:
    if start >= end:
        return  # an empty region: no title or label to find, so nothing to read or note
    if _read_lines(report, layout.active, search.mtext, start, end):
        return
    titles = []
    cursor = start
    for grid in layout.active:
        m = search.find(_compact_label(grid.title), cursor, end)
        if m is not None:
            # the table's text starts at the title's next character (or its last, at the end)
            body = search.next_kept(m.end(), end)
            titles.append((grid, m.start(), body if body >= 0 else m.end() - 1))
            cursor = m.end()
    if not titles:
        if search.contains(_compact_label("第二十条"), start, end) or any(
            search.contains(_label_key(r.text), start, end) for g in layout.active for r in g.rows
        ):
            report.note("TABLE-UNREAD", "第二部分的表格未能按“第二十条第（×）项”识别，表二留空")
        return
    for i, (grid, _, body) in enumerate(titles):
        sub_end = titles[i + 1][1] if i + 1 < len(titles) else end
        hits = locate(build_anchors(grid), search, body, sub_end)
        rows = _read_rows(report, report.tables[grid.key], hits, sub_end, search.mtext)
        read_grid_rows(report, report.tables[grid.key], rows)


def read_applications(
    report: Report, layout: FormatLayout, search: CompactSearch, start: int, end: int
) -> None:
    table = report.tables["applications"]
    grid = table.grid
    if _read_lines(report, (grid,), search.mtext, start, end):
        return
    collapsed_other = layout.version == FORMAT_2021
    extra = (("（六）", "其他处理"),) if collapsed_other else ()
    anchors = build_anchors(grid, extra)
    hits = locate(anchors, search, start, end)
    if not hits:
        if report.sections.get("applications"):
            report.note(
                "TABLE-UNREAD",
                "未找到表三（收到和处理政府信息公开申请情况）的行标签，表三留空",
                *chain.from_iterable(r.paths for r in _row_cells(grid)),
            )
        return
    # the last row's text ends with its line(s) of numbers, not at the next heading
    rows = _read_rows(report, table, hits, end, search.mtext)
    found = {h.anchor.key for h in hits}
    other_rows = [r for r in grid.rows if r.group == OTHER]
    group_key = f"group:{OTHER}"
    if collapsed_other and group_key in rows and not any(r.key in found for r in other_rows):
        _collapsed_other(report, table, rows[group_key][0])
    read_grid_rows(report, table, rows)
    missing = [r for r in _row_cells(grid) if r.row.key not in found]
    if collapsed_other and group_key in rows and rows[group_key][0]:
        missing = [m for m in missing if m.row not in other_rows]
    if missing and len(missing) < len(grid.rows):
        report.note(
            "ROW-MISSING",
            f"表三未找到以下行：{'、'.join(r.row.label for r in missing)}；这些行留空",
            *chain.from_iterable(r.paths for r in missing),
        )
    note_unread_rows(report, table, rows)


def note_unread_rows(report: Report, table: Table, rows: dict[str, tuple[list[Tok], int]]) -> None:
    """No row comes back blank without a note: each row with a blank cell that no note names yet
    gets a ROW-UNREAD note, naming the row by its printed label and saying why."""
    grid = table.grid
    values = table.values()  # rows, then columns
    if None not in values:
        return
    width = len(grid.columns)
    covered = set().union(*(note.cells for note in report.notes))
    for i, (row, _, paths) in enumerate(_row_cells(grid)):
        printed = values[i * width : (i + 1) * width]
        if None not in printed:
            continue
        blank = [p for p, v in zip(paths, printed, strict=True) if v is None and p not in covered]
        if not blank:
            continue
        got = rows.get(row.key)
        if got is None:
            why = "未找到该行的行标签"
        elif not got[0]:
            why = "找到了行标签，但其后没有读到数字（数字可能与标签连在一起或丢失）"
        else:
            why = f"读到的数（{' '.join(t.text or '空' for t in got[0])}）无法对应到各单元格"
        report.note("ROW-UNREAD", f"{table_name(table)}“{row.label}”{why}；该行留空", *blank)


def _collapsed_other(report: Report, table: Table, toks: list[Tok]) -> None:
    """A 2021 table printed with a single （六）其他处理 row (the 2019 layout): a 0 there means
    0 in each of its three rows (counts are never negative); anything else cannot be split."""
    grid = table.grid
    rows = [r for r in grid.rows if r.group == OTHER]
    paths = [p for r in _row_cells(grid) if r.row.group == OTHER for p in r.paths]
    if len(toks) == len(grid.columns) and all(t.value == 0 for t in toks):
        for r in rows:
            for c in grid.column_keys:
                table.set(r.key, c, 0)
        report.note(
            "T3-OTHER-COLLAPSED",
            "表三“（六）其他处理”只印了一行（2019 年格式的写法），且全为 0，故其下三行均记为 0",
            *paths,
        )
    else:
        report.note(
            "T3-OTHER-COLLAPSED",
            f"表三“（六）其他处理”只印了一行（{' '.join(t.text or '空' for t in toks)}），"
            "无法拆分到 2021 年格式的三行，这三行留空",
            *paths,
        )


T4_HEADER_WORDS = ("总计", "审结")


def read_review(report: Report, search: CompactSearch, start: int, end: int) -> None:
    table = report.tables["review_litigation"]
    grid = table.grid
    mtext = search.mtext
    # the numbers follow the header's last word
    last = max(search.rfind_end(word, start, end) for word in T4_HEADER_WORDS)
    if last < 0 and not search.contains("行政复议", start, end):
        return
    body = last if last > 0 else start
    cells = [(r, c) for r in grid.row_keys for c in grid.column_keys]
    lines = [ln for ln in mtext[body:end].split("\n") if ln.strip()]
    per_line = [segment_tokens(ln, 10**6) for ln in lines]
    full = next(((t, lead) for t, lead in per_line if len(t) == len(cells)), None)
    if full is None and sum(1 for t, _ in per_line if len(t) == len(grid.columns)) == len(grid.rows):
        readings = []
        rows = iter(grid.rows)
        for toks, lead in per_line:
            if len(toks) == len(grid.columns):
                row = next(rows)
                readings.append(Reading(row.text, [(row.key, c) for c in grid.column_keys], toks, lead))
        assemble(report, table, readings)
        return
    if full is None:
        toks: list[Tok] = [t for ts, _ in per_line for t in ts]
        lead = per_line[0][1] if per_line else 0
        full = (toks, lead)
    if full[0]:
        assemble(report, table, [Reading("表四数据行", cells, full[0], full[1])])


# ---------------------------------------------------------------- the reader


def read_text(text: str, source: str | None = None) -> Report:
    if len(text) > MAX_CHARS:
        raise UnreadableReport(f"文本过长（{len(text)} 字符），不是单份年度报告")
    text, mtext, spans = strip_chrome(*_prepare(text))
    search = CompactSearch(mtext)
    if not RE_CJK.search(mtext):
        raise UnreadableReport("文件中没有中文内容，不是政府信息公开工作年度报告")
    if not any(search.contains(w) for w in CONTENT_WORDS):
        raise UnreadableReport("未找到政府信息公开年度报告的内容（无“信息公开”“年度报告”等字样）")

    meta = read_meta(text, mtext)
    version, how = detect_format(search, meta.year)
    report = Report.empty(
        version,
        agency=Agency(meta.agency, meta.kind, meta.level),
        year=meta.year,
        title=meta.title,
        source=source,
    )
    report.signature_date = meta.signature_date
    report.publication_date = meta.publication_date
    _meta_notes(report, meta, version, how)
    if version == FORMAT_PRE2019:
        report.note(
            "FORMAT-PRE2019",
            "这是 2019 年以前格式的年度报告（各地自定统计表），不按 2019/2021 年格式的表格读取",
        )
        return report

    layout = layout_for(version)
    if spans is None:  # (a page's are found with its chrome)
        spans = find_sections(mtext)
    keys = [s.key for s in layout.sections]
    for numeral, key in zip(NUMERALS, keys, strict=True):
        span = spans.get(numeral)
        report.sections[key] = clean_prose(text[span.body : span.end]) if span else None
    missing = [f"{n}、{s.heading}" for n, s in zip(NUMERALS, layout.sections, strict=True) if n not in spans]
    if missing:
        report.note("SECTION-MISSING", f"未找到以下部分的标题：{'、'.join(missing)}")

    def region(numeral: str, fallback_start: int = 0) -> tuple[int, int]:
        span = spans.get(numeral)
        if span:
            return span.body, span.end
        later = [s.start for n, s in spans.items() if n > numeral]
        earlier = [s.end for n, s in spans.items() if n < numeral]
        return (max(earlier) if earlier else fallback_start), (min(later) if later else len(mtext))

    try:
        read_active(report, layout, search, *region("二"))
        read_applications(report, layout, search, *region("三"))
        if "四" in spans or "三" in spans:
            read_review(report, search, *region("四"))
    except RecursionError:  # pragma: no cover - defensive: never surface a raw traceback
        raise UnreadableReport("报告表格结构异常，无法读取") from None
    return report


def _meta_notes(report: Report, meta, version: str, how: str) -> None:
    if how == "year":
        report.note(
            "FORMAT-INFERRED", f"未找到格式标志（表头用语），按报告年度 {meta.year} 推定为 {version} 年格式"
        )
    elif how == "default":
        report.note("FORMAT-INFERRED", f"未找到格式标志，也未识别出报告年度，按 {version} 年格式读取")
    if meta.year is None:
        report.note("YEAR-MISSING", "未能识别报告年度")
    elif meta.year_inferred:
        report.note("YEAR-INFERRED", f"标题中未见年度，按正文推定为 {meta.year} 年")
    if meta.agency is None:
        report.note("AGENCY-MISSING", "未能识别报告机关名称")
    else:
        level = {
            "ministry": "国务院部门",
            "province": "省级",
            "city": "市级",
            "county": "县级",
            "township": "乡镇级",
        }.get(meta.level.value if meta.level else "", "未定")
        report.note(
            "AGENCY-GUESS",
            f"机关类型（{AGENCY_KIND_LABELS[meta.kind] if meta.kind else '未定'}）和层级（{level}）"
            f"系根据名称“{meta.agency}”推测，请核对",
        )


__all__ = ["read_text", "read_text_bytes", "decode", "LAYOUT_2019", "LAYOUT_2021"]
