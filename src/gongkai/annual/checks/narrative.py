"""TXT-NUM: figures quoted in 一、总体情况 agree with tables 三 and 四 (spec §1.7, [I] — a warning);
TXT-FACT: figures quoted after a registry fact's label (政务服务事项1439项) agree with the fact.

Only figures that can be tied to a table cell without guessing are compared: a number is read
together with the words of its own clause (between commas), and the words decide which cell it
speaks of — the keyword nearest before it (or, failing that, the first one after it, as in
"另有103件顺延到下年度答复"). Clauses that break a total down ("其中，通过网络收到…"), compare
with last year ("较上年…") or say nothing recognisable are left alone.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import NamedTuple

from ...facts import Fact
from ..layout import LAYOUT_2021, REVIEW_LITIGATION, cell_label
from ..model import Report
from .base import CheckContext, Finding, Severity, blank_tables, check, finding, skipped

# A few traditional forms seen in mirrored copies (P11, P21) → simplified, for the keywords only;
# and full-width digits → ASCII. One table (the two sets of characters are disjoint and neither
# produces the other's), so replacing the characters a text has one by one is the same as
# translating it: str.translate looks every character of a CJK text up in the table (~80 µs on an
# overview), str.replace only scans for the few characters found. A test per character (`in`, a
# memchr scan) finds them several times quicker than one regex scan for all of them.
_TRAD = str.maketrans("結轉複議訴訟請審辦覆開維糾餘訴處級區", "结转复议诉讼请审办复开维纠余诉处级区")
_FULLWIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")
_TRANSLATE = {chr(source): chr(target) for source, target in (_TRAD | _FULLWIDTH_DIGITS).items()}

_CN_DIGITS = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
# "(\d+(?:,\d{3})*|[零〇…百]+)…": the first character, in one set, decides which kind of numeral it
# is (the two sets are disjoint). A pattern that starts with a set lets the regex engine skip to
# the next candidate character instead of trying both alternatives at every one (same matches).
_CN_NUMERALS = "零〇一二两三四五六七八九十百"
_NUMBER = re.compile(
    rf"([\d{_CN_NUMERALS}](?:(?<=\d)\d*(?:,\d{{3}})*|(?<=[{_CN_NUMERALS}])[{_CN_NUMERALS}]*))"
    r"\s*(?:件|份|起)(?!事)"
)

_SENTENCE_ENDS = "。；;！!？?"
_CLAUSE_END = re.compile(r"[，,、：:（）()]")

# which cell a clause speaks of; order matters only for equal positions (longer match wins anyway)
_CATEGORIES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("carried_in", re.compile(r"(?:上一?年度?|去年|(?P<yin>\d{4})年度?)(?:结转|转结|遗留)|结转上一?年度?")),
    (
        "carried_out",
        re.compile(
            r"(?:结转|转结|顺延|转入|转至|转到|延至|转)(?:到|至|入)?(?:下一?年度?|次年|(?P<yout>\d{4})年度?)"
            r"(?:继续)?(?:办理|答复|处理)?|下一?年度?继续办理"
        ),
    ),
    ("received", re.compile(r"新收到?|收到|受理|接收|接到|登记")),
    ("answered", re.compile(r"答复|办结|办复|办理完毕")),
    ("handled", re.compile(r"办理")),
)
_REVIEW = re.compile(r"复议后起诉|直接起诉|行政复议|复议|行政诉讼|诉讼|起诉")
_RESULT = re.compile(r"结果维持|维持|结果纠正|纠正|其他结果|尚未审结|未审结")
_RESULT_COLUMN = {
    "结果维持": "upheld",
    "维持": "upheld",
    "结果纠正": "corrected",
    "纠正": "corrected",
    "其他结果": "other",
    "尚未审结": "pending",
    "未审结": "pending",
}
_COMPARISON = re.compile(r"上一?年|去年|同比|环比|较|相比|比上|增长|减少|增加|下降")
_CHANNEL = re.compile(r"其中|通过|网上|网络|信函|当面|现场|邮寄|传真|邮件|自然人|法人|企业|不予")
# "其中予以公开答复60件" counts one kind of answer, not all of them
_OUTCOME = re.compile(
    r"予以公开|部分公开|不予|无法提供|其他处理|告知|按时|逾期|延期|自然人|法人|企业|网上|当面|书面"
)
_NONE_RECEIVED = re.compile(r"(?:未|没有)(?:收到|受理|接到)[^，,。；;]{0,16}申请")


def _names_review(text: str) -> bool:
    """``_REVIEW.search(text)`` as a truth value: every word of _REVIEW contains 复议, 诉讼 or 起诉,
    and each of these is one of its words. Substring tests are far cheaper than a regex search."""
    return "复议" in text or "诉讼" in text or "起诉" in text


def _sentences(text: str) -> list[str]:
    """``re.split("[。；;！!？?]", text)``, with str methods (a regex scan of the whole overview
    was one of the slowest steps): every sentence end becomes "。", then split on it."""
    for end in _SENTENCE_ENDS[1:]:
        text = text.replace(end, "。")
    return text.split("。")


def _to_int(token: str) -> int | None:
    if token[0].isdigit():
        return int(token.replace(",", ""))
    total, current = 0, 0
    for ch in token:
        if ch in _CN_DIGITS:
            current = _CN_DIGITS[ch]
        elif ch == "十":
            total += (current or 1) * 10
            current = 0
        elif ch == "百":
            total += (current or 1) * 100
            current = 0
    return total + current


_PAGE_FOOTER = re.compile(r"(?m)^\s*-\s*\d+\s*-\s*$")
_PARAGRAPH_END = re.compile(r"\n\s*\n")


def normalise(text: str) -> str:
    """One line of prose: page footers ("-1-") and line wraps removed, paragraph ends kept as "。"."""
    for char, simple in _TRANSLATE.items():
        if char in text:
            text = text.replace(char, simple)
    if "-" in text:
        text = _PAGE_FOOTER.sub("", text)
    text = _PARAGRAPH_END.sub("。", text)
    return "".join(text.split())  # str.split() splits on exactly what \s matches, far faster than re


class Claim(NamedTuple):  # a tuple: made for every figure of 一, far quicker than a frozen dataclass
    """A figure the narrative states: ``kind`` names the cell(s) it speaks of."""

    kind: str  # received, answered, handled, carried_in, carried_out, review:<row>, result:<row>:<column>
    value: int
    snippet: str


def _review_row(word: str) -> str:
    if word == "复议后起诉":
        return "litigation_after_reconsideration"
    if word == "直接起诉":
        return "litigation_direct"
    return "reconsideration" if "复议" in word else "litigation"


def _nearest(text: str, before: bool):
    """The (kind, match) of _CATEGORIES nearest the number: latest-ending before it, or
    earliest-starting after it."""
    if not text:  # the clause after a number is often empty
        return None
    best = None
    for kind, pattern in _CATEGORIES:
        for m in pattern.finditer(text):
            key = (m.end(), -m.start()) if before else (-m.start(), m.end())
            if best is None or key > best[0]:
                best = (key, kind, m)
    return None if best is None else (best[1], best[2])


def _year_ok(match: re.Match[str], year: int | None, offset: int) -> bool:
    stated = match.groupdict().get("yin") or match.groupdict().get("yout")
    return stated is None or year is None or int(stated) == year + offset


def _snippet(sentence: str, start: int, end: int) -> str:
    left = max(0, start - 30)
    return ("…" if left else "") + sentence[left:end] + ("…" if end < len(sentence) else "")


def claims(text: str, year: int | None = None) -> Iterator[Claim]:
    for sentence in _sentences(normalise(text)):
        if "申请" not in sentence and not _names_review(sentence):
            continue
        numbers = list(_NUMBER.finditer(sentence))
        if not numbers and (m := _NONE_RECEIVED.search(sentence)) and not _names_review(sentence):
            yield Claim("received", 0, _snippet(sentence, m.start(), m.end()))
            continue
        # where the clauses break (one character each), found once per sentence, not per number
        marks = [m.start() for m in _CLAUSE_END.finditer(sentence)] if numbers else []
        for i, number in enumerate(numbers):
            value = _to_int(number.group(1))
            if value is None:
                continue
            start, end = number.span()
            # the clause: from the last break before the number to the first one after it
            k = bisect_left(marks, start)
            clause_start = marks[k - 1] + 1 if k else 0
            if i and numbers[i - 1].end() > clause_start:
                clause_start = numbers[i - 1].end()
            k = bisect_left(marks, end)
            clause_end = marks[k] if k < len(marks) else len(sentence)
            if i + 1 < len(numbers) and numbers[i + 1].start() < clause_end:
                clause_end = numbers[i + 1].start()
            pre, post = sentence[clause_start:start], sentence[end:clause_end]
            claim = _classify(sentence[:start], pre, post, year)
            if claim is not None:
                yield Claim(claim, value, _snippet(sentence, clause_start, end))


def _classify(before: str, pre: str, post: str, year: int | None) -> str | None:
    result = _RESULT.search(pre)
    if result is not None:
        # "其中结果维持72件" speaks of the last 复议/诉讼 named before it in the sentence
        reviews = list(_REVIEW.finditer(before))
        if not reviews:
            return None
        return f"result:{_review_row(reviews[-1].group())}:{_RESULT_COLUMN[result.group()]}"
    review = list(_REVIEW.finditer(pre)) if _names_review(pre) else []
    if review:
        return f"review:{_review_row(review[-1].group())}"
    if "申请" not in before + pre + post and "依申请" not in before:
        return None
    found = _nearest(pre, before=True) or _nearest(post, before=False)
    if found is None:
        return None
    kind, match = found
    if kind == "carried_in" and not _year_ok(match, year, -1):
        return None
    if kind == "carried_out" and not _year_ok(match, year, +1):
        return None
    if kind not in ("carried_in", "carried_out") and _COMPARISON.search(pre):
        return None  # "较上年收到…" is last year's figure
    if kind == "received" and (_CHANNEL.search(pre) or "其中" in before):
        return None  # a breakdown of the total (by channel or applicant), not the total
    if kind in ("answered", "handled") and _OUTCOME.search(pre):
        return None
    return kind


# ---------------------------------------------------------------- what the tables say

_T3 = "applications"
_T4 = "review_litigation"
_LIT_ROWS = ("litigation_direct", "litigation_after_reconsideration")
_OVERVIEW = LAYOUT_2021.section("overview").title  # the parts and these rows read alike in both formats
_ROW_ZH = {
    row.key: f"{row.block or ''}{row.label}"  # 三、本年度办理结果（七）总计
    for row in map(
        LAYOUT_2021.grid(_T3).row, ("new_received", "carried_over_in", "r_total", "carried_over_out")
    )
}
_T3_TOTALS = {row: f"{_T3}.{row}.total" for row in _ROW_ZH}
_LITIGATION = tuple(map(REVIEW_LITIGATION.row, _LIT_ROWS))
_REVIEW_ZH = {
    "reconsideration": REVIEW_LITIGATION.row("reconsideration").text,
    "litigation": f"{_LITIGATION[0].block}（{'与'.join(r.text for r in _LITIGATION)}合计）",
    **{r.key: f"{r.block}·{r.text}" for r in _LITIGATION},
}
_COLUMN_ZH = {c.key: c.label for c in REVIEW_LITIGATION.columns}


@dataclass
class Expected:
    values: set[int]  # any of these agrees with the claim
    cells: list[str]
    said_zh: str  # what the table says, for the message


def expected(report: Report, kind: str) -> Expected | None:
    """The table's figure(s) for a claim, or None when the cells are blank or absent."""
    if kind.startswith(("review:", "result:")):
        review = report.review_litigation
        if review is None:
            return None
        parts = kind.split(":")
        row, column = parts[1], parts[2] if len(parts) > 2 else "total"
        rows = _LIT_ROWS if row == "litigation" else (row,)
        values = [review.get(r, column) for r in rows]  # report.cell of the cells, without parsing paths
        if None in values:
            return None
        value = sum(values)  # type: ignore[arg-type]
        cells = [f"{_T4}.{r}.{column}" for r in rows]
        return Expected({int(value)}, cells, f"表四“{_REVIEW_ZH[row]}·{_COLUMN_ZH[column]}”为 {value}")
    table = report.applications
    if table is None:
        return None
    t3 = _T3_TOTALS
    v = {row: table.get(row, "total") for row in _ROW_ZH}  # report.cell(t3[row]), without parsing paths
    if kind == "received":
        if v["new_received"] is None:
            return None
        values = {int(v["new_received"])}
        if v["carried_over_in"] is not None:
            values.add(int(v["new_received"] + v["carried_over_in"]))  # "受理…（含上年结转）"
        return Expected(
            values, [t3["new_received"]], f"表三“{_ROW_ZH['new_received']}”总计为 {v['new_received']}"
        )
    single = {"answered": "r_total", "carried_in": "carried_over_in", "carried_out": "carried_over_out"}
    if kind in single:
        row = single[kind]
        if v[row] is None:
            return None
        return Expected({int(v[row])}, [t3[row]], f"表三“{_ROW_ZH[row]}”总计为 {v[row]}")
    if kind == "handled":  # "办理…申请N件": handled, received or received with carry-over
        known = {r: int(x) for r, x in v.items() if x is not None}
        if not known:
            return None
        values = {known[r] for r in ("r_total", "new_received") if r in known}
        if "new_received" in known and "carried_over_in" in known:
            values.add(known["new_received"] + known["carried_over_in"])
        if not values:
            return None
        shown = "、".join(f"“{_ROW_ZH[r]}”{known[r]}" for r in ("new_received", "r_total") if r in known)
        return Expected(values, [t3[r] for r in ("new_received", "r_total") if r in known], f"表三{shown}")
    return None


_KIND_EN = {
    "received": "received",
    "answered": "answered",
    "handled": "handled",
    "carried_in": "carried over from last year",
    "carried_out": "carried over to next year",
}


@check("TXT-NUM", "总体情况中的数字与表格一致", "Figures in the overview agree with the tables")
def narrative_numbers(report: Report, context: CheckContext) -> Iterator[Finding]:
    text = report.sections.get("overview")
    if not text:
        yield skipped(
            "TXT-NUM", f"“{_OVERVIEW}”部分缺失或为空，无法核对其中的数字", "part 一 missing or empty"
        )
        return
    if report.applications is None and report.review_litigation is None:
        yield skipped(
            "TXT-NUM", "报告没有表三、表四，无法核对叙述中的数字", "no table 3 or 4 to compare with"
        )
        return
    compared, blank = 0, []
    # tables 三 and 四 blank (or absent) give no figure at all: every claim is "blank"
    empty = blank_tables(report, context)
    no_figures = all(key not in report.tables or key in empty for key in (_T3, _T4))
    wanted: dict[str, Expected | None] = {}  # several figures of 一 often speak of the same cell
    for claim in claims(text, report.year):
        if no_figures:
            blank.append(claim.snippet)
            continue
        if claim.kind not in wanted:
            wanted[claim.kind] = expected(report, claim.kind)
        want = wanted[claim.kind]
        if want is None:
            blank.append(claim.snippet)
            continue
        compared += 1
        if claim.value in want.values:
            continue
        yield finding(
            "TXT-NUM",
            Severity.WARNING,
            f"“{_OVERVIEW}”称“{claim.snippet}”，但{want.said_zh}，叙述与表格不一致",
            f"the overview says “{claim.snippet}” ({claim.value} {_KIND_EN.get(claim.kind, claim.kind)}), "
            f"which does not match the table ({' + '.join(cell_label(c, report.layout) for c in want.cells)}"
            f" = {sorted(want.values)})",
            [*want.cells, "sections.overview"],
        )
    if blank:
        yield skipped(
            "TXT-NUM",
            f"表格相应单元格为空白，未能核对：{'；'.join(f'“{s}”' for s in blank)}",
            f"table cells blank, not compared: {len(blank)} figure(s)",
        )
    elif not compared:
        yield skipped(
            "TXT-NUM",
            f"“{_OVERVIEW}”中没有可与表三、表四对应的申请或复议诉讼数字",
            "no figure in the overview could be tied to a table cell",
        )


# ---------------------------------------------------------------- TXT-FACT: figures of the registries

# after a fact's label, a few connecting characters ("达到", "共", "数量为") and then the figure; a
# clause break, another figure or a comparison in between means the figure is not the label's
_FACT_GAP = r"[^\d，,。；;、：:（）()]{0,8}?"
_FACT_NUMBER = r"(?P<num>\d+(?:,\d{3})*(?:\.\d+)?)"
_AT_LEAST = re.compile(r"以上|余|多")
_ROUGHLY = re.compile(r"约|近|左右|大约")


def _unit_pattern(unit: str) -> str:
    return "[%％]" if unit in ("%", "％") else re.escape(unit)


def _agrees(stated: Decimal, value: int | Decimal, at_least: bool) -> bool:
    """The value as the text writes it: rounded half-up to the text's decimals (82% for 81.96%)."""
    if at_least:
        return Decimal(value) >= stated
    places = Decimal(1).scaleb(stated.as_tuple().exponent)
    return Decimal(value).quantize(places, rounding=ROUND_HALF_UP) == stated


@dataclass(frozen=True)
class FactClaim:
    fact: Fact
    stated: Decimal
    snippet: str
    agrees: bool | None  # None: the fact has no value to compare with


def fact_claims(text: str, facts: list[Fact]) -> Iterator[FactClaim]:
    """Each figure of ``text`` written right after a fact's label in the fact's unit. A longer
    label is read first, so "政务服务事项网上可办率" is not also "政务服务事项"; claims come in the
    order of the text."""
    text = normalise(text).replace("％", "%")
    taken: set[int] = set()
    found: list[tuple[int, FactClaim]] = []
    for fact in sorted(facts, key=lambda f: -len(f.label)):
        pattern = re.compile(
            re.escape(fact.label)
            + f"(?P<gap>{_FACT_GAP}){_FACT_NUMBER}\\s*{_unit_pattern(fact.unit)}(?P<more>以上|余|多)?"
        )
        for m in pattern.finditer(text):
            gap = m.group("gap")
            if m.start("num") in taken or _COMPARISON.search(gap) or _ROUGHLY.search(gap):
                continue
            taken.add(m.start("num"))
            stated = Decimal(m.group("num").replace(",", ""))
            at_least = bool(m.group("more")) or bool(_AT_LEAST.search(gap))
            agrees = None if fact.value is None else _agrees(stated, fact.value, at_least)
            found.append((m.start(), FactClaim(fact, stated, m.group(), agrees)))
    for _start, claim in sorted(found, key=lambda item: item[0]):
        yield claim


@check("TXT-FACT", "总体情况中的数字与登记数据一致", "Figures in the overview agree with the registries")
def narrative_facts(report: Report, context: CheckContext) -> Iterator[Finding]:
    text = report.sections.get("overview")
    if not report.facts or not text:
        return  # nothing to compare with (a report read from a file has no facts), or no part 一
    compared, unknown = 0, []
    for claim in fact_claims(text, report.facts):
        fact = claim.fact
        if claim.agrees is None:
            unknown.append(f"“{claim.snippet}”（{fact.definition}）")
            continue
        compared += 1
        if claim.agrees:
            continue
        yield finding(
            "TXT-FACT",
            Severity.WARNING,
            f"“{_OVERVIEW}”称“{claim.snippet}”，但登记数据中“{fact.label}”为{fact.text}"
            f"（{fact.definition}），叙述与数据不一致",
            f"the overview says “{claim.snippet}”, but the records give {fact.text} for {fact.key}",
            ["sections.overview", f"facts.{fact.key}"],
        )
    if unknown:
        yield skipped(
            "TXT-FACT",
            f"登记数据无法计算，未能核对：{'；'.join(unknown)}",
            f"registry figure not computable, not compared: {len(unknown)} figure(s)",
        )
    elif not compared:
        yield skipped(
            "TXT-FACT",
            f"“{_OVERVIEW}”中没有引用登记数据的数字",
            "no figure in the overview quotes a registry",
        )
