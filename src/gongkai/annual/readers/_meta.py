"""Report metadata from text: title, year, agency (name, kind, level) and dates.

Works on the matching text (see ``_normalise.for_matching``) and slices the original text for
anything stored, so what is kept reads as printed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from ..model import AgencyKind, AgencyLevel
from ._normalise import cn_number

TITLE_WORDS = (
    "政府信息公开工作年度报告",
    "政府信息公开年度报告",
    "政府信息公开工作报告",
    "政府信息公开情况的报告",
)
_HEAD_LINES = 16

RE_YEAR_TITLE = re.compile(r"((?:19|20)\d{2})\s*年\s*度?")
RE_TITLE_AGENCY = re.compile(
    r"^(?P<before>.*?)(?P<year>(?:19|20)\d{2})\s*年\s*度?\s*(?P<after>.*?)(?:政府信息公开|政务公开)"
)
RE_PERIOD = re.compile(r"((?:19|20)\d{2})\s*年\s*1\s*月\s*1\s*日")
RE_ANY_YEAR = re.compile(r"((?:19|20)\d{2})\s*年")
RE_DATE = re.compile(r"((?:19|20)\d{2})\s*[年\-/.]\s*(\d{1,2})\s*[月\-/.]\s*(\d{1,2})\s*日?")
RE_CN_DATE = re.compile(
    r"([〇零一二三四五六七八九]{4})年([一二三四五六七八九十]{1,3})月([一二三四五六七八九十]{1,3})日"
)
# A regex scan of the head of a report is slow on CJK text, a plain substring search is not: so
# patterns that start with one of a few words are searched from the first of those words (see
# _search_from), and patterns whose every match contains certain words are only tried when the
# text has them all.
PUBLISHED_WORDS = ("发布日期", "发布时间", "公开日期", "发布于")
RE_PUBLISHED = re.compile(rf"(?:{'|'.join(PUBLISHED_WORDS)})\s*[:]?\s*")
PUBLISHER_WORDS = ("发布机构", "发文机关", "发布单位", "来源")
RE_PUBLISHER = re.compile(rf"(?:{'|'.join(PUBLISHER_WORDS)})\s*[:]\s*([^\s|,;]{{2,40}})")
# The last pattern is tried at every comma and full stop (some 40 steps each); but a match is
# the text from the last "," or "。" before a "根据全市…" to it, so none starts before the last
# of those before the first "根据全市…".
RE_BASIS = re.compile(r"根据(?:全市|全区|全县|本)")


def _from_stop_before_basis(text: str) -> int:
    basis = RE_BASIS.search(text)
    if basis is None:
        return len(text)
    return max(0, text.rfind(",", 0, basis.start()), text.rfind("。", 0, basis.start()))


RE_BODY_AGENCY = (  # (pattern, words every match contains, where its matches can start or None)
    (re.compile(r"现(?:公布|公开|发布|将)\s*([^\s,。;:()《》]{2,40}?)\s*(?:19|20)\d{2}\s*年"), ("现",), None),
    (re.compile(r"由\s*([^\s,。;:()《》]{2,40}?)(?:汇总|结合|负责|组织)?编制"), ("由", "编制"), None),
    (re.compile(r"由\s*([^\s,。;:()《》]{2,40}?)根据"), ("由", "根据"), None),
    (
        re.compile(r"[,。]\s*([^\s,。;:()《》]{2,40}?)根据(?:全市|全区|全县|本)"),
        ("根据",),
        _from_stop_before_basis,
    ),
)
AGENCY_SUFFIX = re.compile(
    r"(人民政府|政府|办公室|办公厅|局|委员会|委|厅|办|中心|办事处|管委会|实验区|新区|院|署|部|室|所|站|馆|队|会|"
    r"省|市|区|县|镇|乡|街道|旗|州|盟)$"
)
_BAD_AGENCY = re.compile(r"[0-9\"'《》,。:;]|我局|我办|本局|本机关|我委|我市|我区|我县|本年度|根据")
RE_PINYIN = re.compile(r"\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňɡ]{1,7}\)")
RE_SIGNATURE_LINE = re.compile(
    r"^\s*([^\s\d,。;:]{3,40}?)\s*((?:19|20)\d{2}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日)\s*$"
)


@dataclass
class Meta:
    title: str | None = None
    year: int | None = None
    year_inferred: bool = False
    agency: str | None = None
    kind: AgencyKind | None = None
    level: AgencyLevel | None = None
    signature_date: date | None = None
    publication_date: date | None = None


def _search_from(pattern: re.Pattern, text: str, words: tuple[str, ...]) -> re.Match | None:
    """``pattern.search(text)`` for a pattern whose matches start with one of ``words``."""
    starts = [p for p in map(text.find, words) if p >= 0]
    return pattern.search(text, min(starts)) if starts else None


def _clean_agency(name: str | None) -> str | None:
    if not name:
        return None
    name = re.sub(r"\s+", "", name).strip("-_#*·•: ")
    for prefix in ("关于", "报告", "发布机构", "标题"):
        if name.startswith(prefix):
            name = name[len(prefix) :]
    if not (2 <= len(name) <= 40) or _BAD_AGENCY.search(name) or not AGENCY_SUFFIX.search(name):
        return None
    return name


def _make_date(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _date_at(text: str) -> date | None:
    m = RE_DATE.match(text)
    if m:
        return _make_date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    m = RE_CN_DATE.match(text)
    if m:
        y, mo, d = (cn_number(g) for g in m.groups())
        if y and mo and d:
            return _make_date(y, mo, d)
    return None


TITLE_MARKS = ("年度报告", "工作报告", "情况的报告")


def _flat(line: str) -> str:
    """The line without whitespace (str.split and "\\s" know the same whitespace)."""
    return "".join(line.split())


def _is_title_like(flat: str) -> bool:
    # every mark ends with "报告": one search rules out most lines
    return len(flat) <= 80 and "报告" in flat and any(w in flat for w in TITLE_MARKS)


def _title_line(flats: list[str], year: int | None) -> int | None:
    """Which head line is the title. Site pages list other years' reports (a sidebar, a
    breadcrumb) above the report: when lines naming different years could be the title, the one
    of the report's own year (its statistics period) is; with none of that year, none is (they
    are a list of other reports); with no period printed, the last of them."""
    candidates = []
    for i, flat in enumerate(flats):
        if _is_title_like(flat):
            m = RE_YEAR_TITLE.search(flat)
            candidates.append((i, int(m.group(1)) if m else None))
    if not candidates:
        return None
    years = {y for _, y in candidates if y is not None}
    if len(years) <= 1:
        return candidates[0][0]
    own = [i for i, y in candidates if y == year]
    if own:
        return own[0]
    # a list of other years' reports with the report's own title not among them (or no period)
    return None if year is not None else candidates[-1][0]


def _title(lines: list[str], period_year: int | None = None) -> tuple[str | None, str | None]:
    """The title (joined with an agency line above it when the title starts with the year) and
    the agency written in it."""
    flats = [_flat(line) for line in lines[:_HEAD_LINES]]  # (head lines are never blank)
    i = _title_line(flats, period_year)
    if i is not None:
        return _title_at(flats, i)
    for flat, nxt in zip(flats, flats[1:], strict=False):
        if flat[-1] == "年" and nxt.startswith("政府信息公开"):
            m = re.match(r"(.*?)((?:19|20)\d{2})年$", flat)
            if m:
                return flat + nxt, _clean_agency(m.group(1))
    return None, None


def _title_at(flats: list[str], i: int) -> tuple[str, str | None]:
    """The title at head line ``i`` and the agency written in it or on the line above."""
    flat = re.sub(r"^(?:标题|名称)[:]", "", flats[i]).lstrip("#*•")
    m = RE_TITLE_AGENCY.match(flat)
    if m:
        agency = _clean_agency(m.group("before")) or _clean_agency(m.group("after"))
        if agency:
            return flat, agency
    if not flat[:1].isdigit():
        # "硚口区…办事处2025年" on the line above "政府信息公开工作年度报告"
        prev = flats[i - 1] if i > 0 else ""
        m = re.match(r"(.*?)((?:19|20)\d{2})\s*年度?$", prev)
        if m and _clean_agency(m.group(1)):
            return prev + flat, _clean_agency(m.group(1))
        return flat, None
    # "2024年政府信息公开工作年度报告" under a line with the agency name
    if i > 0:
        name = _clean_agency(flats[i - 1])
        if name:
            return flats[i - 1] + flat, name
    # an agency line ending with the year ("硚口区…办事处2025年" / "政府信息公开工作年度报告")
    return flat, None


def _head_lines(mtext: str) -> list[str]:
    """The first _HEAD_LINES non-blank lines (splitting only as much of the text as needed)."""
    size = 2000
    while True:
        head = mtext[:size].split("\n")
        lines = [ln for ln in (head if size >= len(mtext) else head[:-1]) if ln.strip()]
        if len(lines) >= _HEAD_LINES or size >= len(mtext):
            return lines[:_HEAD_LINES]
        size *= 4


def read_meta(text: str, mtext: str) -> Meta:
    meta = Meta()
    # pinyin injected after characters by some mirrors: 机(jī)关(guān)
    if RE_PINYIN.search(mtext, 0, 6000):
        mtext = RE_PINYIN.sub("", mtext[:6000]) + mtext[6000:]
    # the title is looked for in the first lines only
    lines = _head_lines(mtext)
    head = mtext[:4000]
    period = RE_PERIOD.search(head)
    title, agency = _title(lines, int(period.group(1)) if period else None)
    meta.title = title
    if title:
        m = RE_YEAR_TITLE.search(title)
        if m:
            meta.year = int(m.group(1))
    if meta.year is None:
        for pattern in (RE_PERIOD, RE_ANY_YEAR):
            m = pattern.search(head)
            if m:
                meta.year = int(m.group(1))
                meta.year_inferred = True
                break

    # signature: agency and date on the last lines
    tail = [ln for ln in map(str.strip, mtext[-600:].split("\n")) if ln][-4:]
    sig_agency = None
    for i, line in enumerate(tail):
        m = RE_SIGNATURE_LINE.match(line)
        if m:
            sig_agency = _clean_agency(m.group(1))
            meta.signature_date = _date_at(re.sub(r"\s+", "", m.group(2)))
        elif len(line) <= 20 and (RE_DATE.fullmatch(line.replace(" ", "")) or RE_CN_DATE.fullmatch(line)):
            meta.signature_date = _date_at(line.replace(" ", ""))
            if i > 0:
                sig_agency = sig_agency or _clean_agency(tail[i - 1])

    m = _search_from(RE_PUBLISHED, head, PUBLISHED_WORDS)
    if m:
        meta.publication_date = _date_at(head[m.end() : m.end() + 30].strip())

    if agency is None:
        m = _search_from(RE_PUBLISHER, head, PUBLISHER_WORDS)
        if m:
            agency = _clean_agency(m.group(1))
    if agency is None:
        for pattern, words, first_start in RE_BODY_AGENCY:
            if not all(w in head for w in words):
                continue
            for m in pattern.finditer(head, first_start(head) if first_start else 0):
                agency = _clean_agency(m.group(1))
                if agency:
                    break
            if agency:
                break
    meta.agency = agency or sig_agency
    if meta.agency:
        meta.kind, meta.level = guess_kind_level(meta.agency)
    return meta


_MUNICIPALITIES = ("北京市", "天津市", "上海市", "重庆市")


def guess_kind_level(name: str) -> tuple[AgencyKind, AgencyLevel | None]:
    """A modest guess from the name alone; callers note that it is a guess."""
    if re.search(r"(街道办事处|街道|乡人民政府|镇人民政府|[乡镇])$", name) or "街道" in name:
        kind = AgencyKind.TOWNSHIP
    elif re.search(
        r"(人民政府|人民政府办公室|人民政府办公厅|政府办公室|[省市县区州旗盟]|实验区|新区)$", name
    ):
        kind = AgencyKind.GOVERNMENT
    else:
        kind = AgencyKind.DEPARTMENT

    level: AgencyLevel | None
    if kind == AgencyKind.TOWNSHIP:
        level = AgencyLevel.TOWNSHIP
    elif name.startswith(("国家", "国务院", "中华人民共和国")) or re.search(
        r"^[^省市县区]*(部|总局|总署)$", name
    ):
        level = AgencyLevel.MINISTRY
    elif name.startswith(_MUNICIPALITIES) and not re.search(r"[区县]", name[3:]):
        level = AgencyLevel.PROVINCE
    else:
        # the lowest administrative unit named decides: 淮安市洪泽区 -> county
        last = None
        for m in re.finditer(r"(自治区|省|自治州|市|州|盟|县|区|旗)", name):
            last = m.group(1)
        level = {
            "自治区": AgencyLevel.PROVINCE,
            "省": AgencyLevel.PROVINCE,
            "自治州": AgencyLevel.CITY,
            "市": AgencyLevel.CITY,
            "州": AgencyLevel.CITY,
            "盟": AgencyLevel.CITY,
            "县": AgencyLevel.COUNTY,
            "区": AgencyLevel.COUNTY,
            "旗": AgencyLevel.COUNTY,
        }.get(last or "")
    return kind, level
