"""The six parts of the report and what 一、总体情况 and 六 must say (条例第五十条; spec §1.2, §1.8, §5)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..layout import FORMAT_PRE2019, SECTIONS, Subtopic
from ..model import AgencyKind, Report
from .base import CheckContext, Finding, Severity, check, finding, kept, skipped

# texts that say "nothing" — a part made only of these is empty (六 may legitimately be one of them)
NOTHING = ("无", "暂无", "没有", "无其他需要报告的事项", "本年度无其他需要报告的事项", "无相关情况")
_NOT_TEXT = re.compile(r"[\s\W_]+")  # whitespace and punctuation, ASCII and full-width
_TITLES = {s.key: s.title for s in SECTIONS}


def bare(text: str) -> str:
    """The text without whitespace and punctuation, for length and "nothing" tests."""
    return _NOT_TEXT.sub("", text)


_LONGEST_NOTHING = max(map(len, NOTHING))


def bare_at_least(text: str, count: int) -> bool:
    """``len(bare(text)) >= count``, usually decided on the start of the text alone.

    ``bare`` drops characters one by one and never joins them, so the bare start of a text is the
    start of its bare text: when the first stretch already has ``count`` characters left, the rest
    need not be read (the regex costs tens of µs on a whole overview).
    """
    head = text[: 2 * count + 16]
    if len(bare(head)) >= count:
        return True
    return len(head) < len(text) and len(bare(text)) >= count


def says_nothing(text: str) -> bool:
    if bare_at_least(text, _LONGEST_NOTHING + 1):
        return False  # longer than every "nothing" text, and not empty
    core = bare(text)
    return not core or core in NOTHING


def _path(key: str) -> str:
    return f"sections.{key}"


def _pre2019(code: str, report: Report) -> Finding | None:
    if report.format == FORMAT_PRE2019:
        return skipped(
            code,
            "2019年以前的报告没有统一的六部分结构，不作此项检查",
            "pre-2019 reports have no common six-part structure: not checked",
        )
    return None


@check("SEC-MISSING", "六个部分齐全", "All six parts present")
def sections_missing(report: Report, context: CheckContext) -> Iterator[Finding]:
    """Every part of the layout is present (its text is not None).

    The order of the parts cannot be checked: ``Report.sections`` is keyed by part and carries no
    position from the source, so only presence is checked here.
    """
    if (skip := _pre2019("SEC-MISSING", report)) is not None:
        yield skip
        return
    missing = [s for s in report.layout.sections if report.sections.get(s.key) is None]
    if missing:
        # what is said of the missing parts depends on the layout alone: kept per parts
        zh, en, cells = kept(
            "SEC-MISSING",
            missing,
            lambda: (
                f"报告缺少{'、'.join(f'“{s.title}”' for s in missing)}部分（条例第五十条规定的内容不能遗漏）",
                f"missing part(s): {', '.join(s.title for s in missing)}",
                tuple(_path(s.key) for s in missing),
            ),
        )
        yield finding("SEC-MISSING", Severity.ERROR, zh, en, cells)


@check("SEC-EMPTY", "总体情况、问题及改进不流于空泛", "Overview and problems sections are substantive")
def sections_empty(report: Report, context: CheckContext) -> Iterator[Finding]:
    if (skip := _pre2019("SEC-EMPTY", report)) is not None:
        yield skip
        return
    minimum = context.options.min_section_chars
    for key in ("overview", "problems"):
        text = report.sections.get(key)
        # the usual part is longer than the minimum and than any "nothing" text: that settles it
        # without measuring the whole of it
        if text is not None and bare_at_least(text, max(minimum, _LONGEST_NOTHING + 1)):
            continue
        section = report.layout.section(key)
        if text is None:
            yield skipped(
                "SEC-EMPTY",
                f"“{section.title}”部分缺失（见 SEC-MISSING），无法判断内容是否充实",
                f"part {section.title} is missing (see SEC-MISSING)",
            )
            continue
        length = len(bare(text))
        if says_nothing(text) or length < minimum:
            shown = text.strip()[:20] or "（空）"
            yield finding(
                "SEC-EMPTY",
                Severity.WARNING,
                f"“{section.title}”部分内容过少（{length} 字，少于 {minimum} 字）：“{shown}”",
                f"part {section.title} is nearly empty ({length} characters, fewer than {minimum})",
                [_path(key)],
            )


# ---------------------------------------------------------------- 六 and fees

_FEE_WORDS = ("信息处理费", "处理费", "收费", "收取费用", "缴纳费用", "缴费")


@check(
    "FEE-SEC6", "有收费情形时“其他需要报告的事项”说明信息处理费", "Part 6 reports information-processing fees"
)
def fees_in_part_six(report: Report, context: CheckContext) -> Iterator[Finding]:
    """Table 三 row （六）2 counts applications dropped because a fee went unpaid: fee notices were
    issued, so 六 should say something about 信息处理费 (spec §1.8, [I] — a warning)."""
    table = report.applications
    if table is None or "r_other_fee_unpaid" not in table.grid.row_keys:
        yield skipped(
            "FEE-SEC6",
            "本格式的表三没有“（六）2.逾期未缴纳费用”一行，无法判断是否有收费情形",
            "this format has no table-3 row for unpaid fees",
        )
        return
    count = table.get("r_other_fee_unpaid", "total")
    cells = [table.path("r_other_fee_unpaid", "total")]
    if count is None:
        parts = table.row_values("r_other_fee_unpaid")[:-1]
        if None in parts:
            yield skipped(
                "FEE-SEC6",
                "表三“（六）2.逾期未缴纳费用”一行有空白单元格，无法判断是否有收费情形",
                "table 3 row (6)2 (unpaid fees) has blank cells",
            )
            return
        count = sum(parts)  # type: ignore[arg-type]
        cells = [table.path("r_other_fee_unpaid", c) for c in table.grid.column_keys[:-1]]
    if not count:
        return
    text = report.sections.get("other")
    if text is not None and any(w in text for w in _FEE_WORDS):
        return
    said = "缺失" if text is None else f"为“{text.strip()[:20]}”"
    yield finding(
        "FEE-SEC6",
        Severity.WARNING,
        f"表三“（六）2.申请人逾期未按收费通知要求缴纳费用”为 {count} 件，说明发出过收费通知，"
        f"但“{_TITLES['other']}”{said}，未说明信息处理费收取情况",
        f"table 3 shows {count} application(s) dropped for unpaid fees, but part 6 says nothing about "
        "information-processing fees",
        [*cells, _path("other")],
    )


# ---------------------------------------------------------------- 一、总体情况: the five sub-topics

# extra words that only count in a sub-heading ("（二）监督投诉方面"); in running text they are too loose
_HEADING_WORDS = {
    "on_request": ("申请公开",),
    "info_management": ("公文", "信息审核"),
    "supervision": ("监督", "保障", "组织领导"),
}
# a sub-heading: （一）… / (一)… / 一是… / 1、… / 1.… at the start of the text, a line or a sentence;
# its text runs to the first full stop, colon or line end. Two patterns where one
# "(?:^|[\n。])…" would do: a pattern that starts with a set of characters lets the regex engine
# skip ahead to the next line or sentence break, instead of trying the whole pattern at every
# character (twice as fast, same matches).
_HEADING_BODY = (
    r"[#\s]*(?:[（(]\s*[一二三四五六七八九十\d]{1,2}\s*[)）]|[一二三四五六七八九十]是|\d{1,2}\s*[、.．])"
    r"\s*([^\n。：:；;]{2,40})"
)
_HEADING_FIRST = re.compile(_HEADING_BODY)
_HEADING = re.compile(r"[\n。]" + _HEADING_BODY)


def subheadings(text: str) -> list[str]:
    first = _HEADING_FIRST.match(text)
    found = [first] if first else []
    found += _HEADING.finditer(text, first.end() if first else 0)
    return [m.group(1).strip() for m in found]


def _covers(subtopic: Subtopic, text: str, heading: bool) -> bool:
    # a generator would cost more than the searches
    return any(map(text.__contains__, subtopic.keywords)) or (
        heading and any(map(text.__contains__, _HEADING_WORDS.get(subtopic.key, ())))
    )


def missing_subtopics(report: Report, text: str) -> tuple[list[Subtopic], bool]:
    """The sub-topics 一 does not cover, and whether sub-headings were used to decide.

    When 一 is organised by sub-headings that name at least two of the sub-topics, the headings
    decide: a sub-topic mentioned only in passing elsewhere (the seed 012 says "依申请公开线上申请"
    under 平台建设) is not covered. Otherwise the keywords anywhere in 一 count.
    """
    subtopics = report.layout.subtopics
    # a keyword is in one of the headings iff it is in them joined by a line break (no heading and
    # no keyword has one): one search per keyword instead of one per keyword and heading
    headings = "\n".join(subheadings(text))
    named = [_covers(s, headings, True) for s in subtopics]
    if sum(named) >= 2:  # flags, not a list of the named: `in` would compare sub-topics field by field
        return [s for s, is_named in zip(subtopics, named, strict=True) if not is_named], True
    return [s for s in subtopics if not _covers(s, text, False)], False


@check("SEC1-SUBTOPICS", "总体情况涵盖五个方面", "Overview covers the five sub-topics")
def overview_subtopics(report: Report, context: CheckContext) -> Iterator[Finding]:
    if (skip := _pre2019("SEC1-SUBTOPICS", report)) is not None:
        yield skip
        return
    text = report.sections.get("overview")
    if text is None or says_nothing(text):
        yield skipped(
            "SEC1-SUBTOPICS",
            f"“{_TITLES['overview']}”部分缺失或为空，无法判断是否涵盖五个方面",
            "part 一 (overview) is missing or empty",
        )
        return
    missing, by_headings = missing_subtopics(report, text)
    if missing:
        # what is said depends on the layout's sub-topics alone: kept per sub-topics left out
        purpose = "SEC1-SUBTOPICS by headings" if by_headings else "SEC1-SUBTOPICS"
        zh, en = kept(purpose, missing, lambda: _uncovered(missing, by_headings))
        yield finding("SEC1-SUBTOPICS", Severity.WARNING, zh, en, [_path("overview")])


def _uncovered(missing: list[Subtopic], by_headings: bool) -> tuple[str, str]:
    where_zh = "小标题中" if by_headings else ""
    where_en = " among its sub-headings" if by_headings else ""
    return (
        f"“{_TITLES['overview']}”{where_zh}未涉及{'、'.join(s.label for s in missing)}"
        "（应涵盖主动公开、依申请公开、政府信息管理、政府信息公开平台建设、监督保障五个方面）",
        f"the overview does not cover{where_en}: {', '.join(s.key for s in missing)}",
    )


# 条例第五十条第（四）项: 各级人民政府 also report 工作考核、社会评议和责任追究结果
_ASSESSMENT = (
    ("工作考核", ("考核",)),
    ("社会评议", ("社会评议", "评议")),
    ("责任追究", ("责任追究", "追究责任", "追责", "问责")),
)


@check(
    "SEC1-GOV-ASSESS",
    "人民政府报告写明工作考核、社会评议和责任追究结果",
    "Government reports state assessment, public review and accountability results",
)
def government_assessment(report: Report, context: CheckContext) -> Iterator[Finding]:
    if (skip := _pre2019("SEC1-GOV-ASSESS", report)) is not None:
        yield skip
        return
    kind = report.agency.kind
    if kind is None:
        yield skipped(
            "SEC1-GOV-ASSESS",
            "机关类型未知，无法判断是否须报告工作考核、社会评议和责任追究结果（仅各级人民政府须报告）",
            "agency kind unknown: only people's governments must report these results",
        )
        return
    if kind is not AgencyKind.GOVERNMENT:
        return
    keys = [k for k in ("overview", "problems") if report.sections.get(k) is not None]
    if not keys:
        yield skipped(
            "SEC1-GOV-ASSESS",
            f"“{_TITLES['overview']}”和“{_TITLES['problems']}”均缺失，无法核对",
            "parts 一 and 五 are both missing",
        )
        return
    # 30号 puts it under 监督保障 in 一; 条例第五十条 lists it with 问题及改进 — either place counts
    text = "".join(report.sections[k] or "" for k in keys)
    missing = [name for name, words in _ASSESSMENT if not any(map(text.__contains__, words))]
    if missing:
        yield finding(
            "SEC1-GOV-ASSESS",
            Severity.WARNING,
            f"人民政府的年度报告应包括工作考核、社会评议和责任追究结果情况，报告未提及{'、'.join(missing)}"
            "（条例第五十条第（四）项；宜写入“监督保障”）",
            f"a people's government report must state assessment, public review and accountability results; "
            f"not mentioned: {', '.join(missing)}",
            [_path(k) for k in keys],
        )
