"""Quality beyond arithmetic (issue 11 §3): rules a reader of many reports applies. All rest on
inferred or local rules ([I]/[R]): warnings, with their thresholds in ``CheckOptions``.

- XY-JUMP: a key figure far from last year's (×5 up, ×0.2 down, or 0 after a large figure);
- DUP-TEXT: 内容雷同 — the prose (一–五, not the tables) copied from last year's report or from
  another agency's (30号 "内容雷同"; 宿迁 重复率 > 50%), with the copied passages;
- TBL-ZERO: 0, blank and "/" mixed in one table, or "/" in a cell the 勾稽关系 need a number in
  (from the readers' CELL-BLANK / CELL-SLASH notes: where the reader left none, nothing is said);
- PEER-RANGE: a key figure outside [Q1 − k·IQR, Q3 + k·IQR] of the agencies like this one.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from decimal import Decimal

from .. import arithmetic, similarity
from ..layout import SECTIONS
from ..model import AGENCY_KIND_LABELS, Number, Report, Table, cell_paths
from ..peers import KEY_FIGURES, Digest, KeyFigure, as_digests, like, quartiles, same_agency
from .base import CheckContext, Finding, Severity, check, finding, skipped
from .crossyear import _comparable
from .tables import _describe_blanks, _grid_name

_SECTION_TITLES = {s.key: s.title for s in SECTIONS}
_LEVEL_LABELS = {
    "ministry": "国务院部门",
    "province": "省级",
    "city": "市级",
    "county": "县级",
    "township": "乡镇级",
}
_QUOTE = 40  # characters of a copied passage quoted in a message


def _n(value: Number) -> str:
    if isinstance(value, Decimal):
        return f"{value.normalize():f}"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else f"{value:.1f}"
    return str(value)


def _times(ratio: float) -> str:
    return f"{ratio:.1f}".rstrip("0").rstrip(".")


# ---------------------------------------------------------------- XY-JUMP


@check("XY-JUMP", "主要数字与上年相比无异常跳变", "Key figures do not jump from last year's")
def figure_jumps(report: Report, context: CheckContext) -> Iterator[Finding]:
    previous, skip = _comparable("XY-JUMP", report, context)
    if skip is not None:
        yield skip
    if previous is None:
        return
    o = context.options
    # a report drafted before its year is over counts part of the year: its figures are bound to
    # fall short of last year's, so only rises are worth a word
    today = o.today or date.today()
    partial = report.year is not None and today <= date(report.year, 12, 31)
    if partial:
        yield skipped(
            "XY-JUMP",
            f"{report.year} 年尚未结束，数字只计到目前，不与上年比较是否下降",
            f"{report.year} is not over yet: falls from last year's figures are not checked",
        )
    for figure in KEY_FIGURES:
        now, before = figure.value(report), figure.value(previous)
        if now is None or before is None:
            continue  # a blank cell is TBL-BLANK's; a cell one format lacks cannot be compared
        if max(now, before) < o.jump_floor:
            continue  # small numbers move a lot for no reason worth a warning
        if partial and now < before:
            continue
        label = figure.label(report.layout)
        head_zh = f"{label}：本年 {_n(now)}，{previous.year} 年度 {_n(before)}"
        head_en = f"{figure.label_en}: {_n(now)} this year, {_n(before)} in {previous.year}"
        if now == 0 or before == 0:
            if max(now, before) < o.jump_zero_from:
                continue
            zh = "本年为 0 而上年不少" if now == 0 else "上年为 0 而本年不少"
            en = "zero this year after a large figure" if now == 0 else "zero last year, large this year"
        elif now > o.jump_ratio * before:
            ratio = now / before
            zh, en = (
                f"增至上年的 {_times(ratio)} 倍（超过 {_times(o.jump_ratio)} 倍）",
                f"{_times(ratio)}× last year's",
            )
        elif now < o.drop_ratio * before:
            ratio = now / before
            zh, en = f"降至上年的 {ratio:.0%}（不到 {o.drop_ratio:.0%}）", f"{ratio:.0%} of last year's"
        else:
            continue
        yield finding(
            "XY-JUMP",
            Severity.WARNING,
            f"{head_zh}，{zh}；请核对是否填错，属实的宜在报告中说明原因",
            f"{head_en} — {en}; check for a slip, or explain it in the report",
            [report.tables[figure.grid].path(figure.row, figure.column)],
        )


# ---------------------------------------------------------------- DUP-TEXT


def _digests(context: CheckContext) -> list[Digest]:
    """The peers as digests, made once for all the checks of a run."""
    if "peer_digests" not in context.cache:
        context.cache["peer_digests"] = as_digests(context.peers)
    return context.cache["peer_digests"]


def _passages(passages: tuple[similarity.Passage, ...], count: int) -> tuple[str, str, list[str]]:
    shown = passages[:count]
    zh = "；".join(
        f"“{_one_line(p.text)}”（{_SECTION_TITLES.get(p.section or '', '')}，{p.length} 字）" for p in shown
    )
    en = "; ".join(f"{p.section}: {p.length} characters" for p in shown)
    return zh, en, sorted({f"sections.{p.section}" for p in shown if p.section})


def _one_line(text: str) -> str:
    squeezed = "".join(text.split())
    return squeezed if len(squeezed) <= _QUOTE else squeezed[:_QUOTE] + "…"


@check(
    "DUP-TEXT",
    "正文不照抄上年或其他机关的报告",
    "Text is not copied from last year's or another agency's report",
)
def duplicate_text(report: Report, context: CheckContext) -> Iterator[Finding]:
    if context.previous is None and not context.peers:
        return  # nothing to compare with (the usual single-report check): skip the fingerprint
    o = context.options
    mine = similarity.prose(report)
    if not similarity.fingerprint(mine).shingles:
        return  # no prose to compare (SEC-MISSING / SEC-EMPTY say so)
    previous, skip = _comparable("DUP-TEXT", report, context)
    if skip is not None:
        yield skip
    if previous is not None:
        yield from _against_last_year(report, previous, mine, context)
    peers = [d for d in _digests(context) if not same_agency(d.name, report.agency.name)]
    if peers:
        yield from _against_peers(mine, peers, o)


def _against_last_year(
    report: Report, previous: Report, mine: list, context: CheckContext
) -> Iterator[Finding]:
    o = context.options
    result = similarity.compare(mine, similarity.prose(previous))
    if result.share >= o.duplicate_share:
        quoted, quoted_en, cells = _passages(result.passages, o.duplicate_passages)
        yield finding(
            "DUP-TEXT",
            Severity.WARNING,
            f"正文（一至五部分，不含表格）约 {result.share:.0%} 与 {previous.year} 年度报告相同"
            f"（达到 {o.duplicate_share:.0%} 即提示：30号所说“内容雷同”）；最长的相同段落：{quoted}",
            f"{result.share:.0%} of the text (parts 1–5, tables left out) repeats the {previous.year} report; "
            f"longest shared passages: {quoted_en}",
            cells or ["sections"],
        )
        return
    for key in o.duplicate_sections:
        text, before = report.sections.get(key), previous.sections.get(key)
        if not text or not before:
            continue
        part = similarity.compare([(key, text)], [(key, before)])
        if part.share >= o.duplicate_section_share:
            quoted, _, _ = _passages(part.passages, 1)
            title = _SECTION_TITLES[key]
            yield finding(
                "DUP-TEXT",
                Severity.WARNING,
                f"“{title}”约 {part.share:.0%} 与 {previous.year} 年度报告的同一部分相同"
                f"（达到 {o.duplicate_section_share:.0%} 即提示），如：{quoted}",
                f"{part.share:.0%} of part {title} repeats the {previous.year} report",
                [f"sections.{key}"],
            )


def _against_peers(mine: list, peers: list[Digest], o) -> Iterator[Finding]:
    own = similarity.fingerprint(mine)
    shares = []
    for peer in peers:
        shared = len(own.shingles & peer.fingerprint.shingles)
        if shared and shared / own.size >= o.duplicate_share:
            shares.append((shared / own.size, peer))
    if not shares:
        return
    shares.sort(key=lambda x: -x[0])
    top_share, top = shares[0]
    passages = similarity.compare(mine, top.fingerprint).passages  # only for the closest one
    quoted, quoted_en, cells = _passages(passages, o.duplicate_passages)
    named = "、".join(f"{p.name or p.key}（{s:.0%}）" for s, p in shares[:3])
    more = f"等 {len(shares)} 份" if len(shares) > 3 else ""
    yield finding(
        "DUP-TEXT",
        Severity.WARNING,
        f"正文（一至五部分，不含表格）与其他机关的报告雷同：{named}{more}"
        f"（达到 {o.duplicate_share:.0%} 即提示）；与“{top.name or top.key}”相同的最长段落：{quoted}",
        "the text repeats other agencies' reports: "
        + ", ".join(f"{p.key} ({s:.0%})" for s, p in shares[:3])
        + f"; longest passages shared with the closest: {quoted_en}",
        cells or ["sections"],
    )


# ---------------------------------------------------------------- TBL-ZERO


def _noted(report: Report, codes: tuple[str, ...]) -> list[dict[str, list[tuple[str, str]]]]:
    """For each of ``codes``, the cells a reader noted under it, by table, where the cell is still
    blank: one pass over the notes for all the codes (a table left blank has a note on a hundred
    and more cells)."""
    # code → table → its cells, in the order first noted: a dict is an ordered set
    noted: dict[str, dict[str, dict[tuple[str, str], None]]] = {code: {} for code in codes}
    for note in report.notes:
        by_table = noted.get(note.code)
        if by_table is None:
            continue
        for path in note.cells:
            parts = path.split(".")
            if parts[0] == "active":
                del parts[0]
            if len(parts) != 3:
                continue
            grid, row, column = parts
            table = report.tables.get(grid)
            if table is None:
                continue
            try:
                value = table.get(row, column)
            except KeyError:  # not one of its cells
                continue
            if value is None:
                by_table.setdefault(grid, {})[row, column] = None
    return [{grid: list(cells) for grid, cells in noted[code].items()} for code in codes]


@check("TBL-ZERO", "0、空白和“/”不混用", "0, blank and “/” are not mixed")
def zero_blank_slash(report: Report, context: CheckContext) -> Iterator[Finding]:
    """[I] 30号 prints numeric tables with 勾稽关系 and says nothing of "/" or blanks: "none" is a
    number, 0. Only what a reader noted is known (a blank cell of a JSON report may be either)."""
    blanks, slashes = _noted(report, ("CELL-BLANK", "CELL-SLASH"))
    if not blanks and not slashes:
        return
    for grid in report.layout.grids:
        table = report.tables.get(grid.key)
        if table is None:
            continue
        blank, slash = blanks.get(grid.key, []), slashes.get(grid.key, [])
        if not blank and not slash:
            continue
        # values() is in the grid's order of cells, as cell_paths lists them
        zeros = [cell for cell, v in zip(cell_paths(table.grid), table.values(), strict=True) if v == 0]
        name = _grid_name(grid)
        related = arithmetic.related_cells(grid)
        needed = [cell for cell in slash if cell in related]
        if needed:
            yield finding(
                "TBL-ZERO",
                Severity.WARNING,
                f"{name}有 {len(needed)} 个单元格填“/”（{_describe_blanks(table, needed)}）：这些单元格在表的"
                "勾稽关系中相加，没有的应填 0",
                f"{grid.key}: {len(needed)} cell(s) printed “/” where the table's sums need a number (0)",
                list(map(cell_paths(table.grid).__getitem__, needed)),
            )
        kinds = [k for k, cells in (("0", zeros), ("空白", blank), ("“/”", slash)) if cells]
        if len(kinds) >= 2:
            yield _mixed(table, name, zeros, blank, slash, kinds)


def _mixed(table: Table, name: str, zeros: list, blank: list, slash: list, kinds: list[str]) -> Finding:
    parts = []
    if zeros:
        parts.append(f"填 0 的 {len(zeros)} 个")
    if blank:
        parts.append(f"留空的 {len(blank)} 个（{_describe_blanks(table, blank)}）")
    if slash:
        parts.append(f"填“/”的 {len(slash)} 个（{_describe_blanks(table, slash)}）")
    odd = blank + slash
    return finding(
        "TBL-ZERO",
        Severity.WARNING,
        f"{name}中{'、'.join(kinds)}混用：{'；'.join(parts)}。同一表中“没有”应统一填 0",
        f"{table.grid.key}: {len(zeros)} zero, {len(blank)} blank and {len(slash)} “/” cells mixed; "
        "write 0 for none throughout",
        list(map(cell_paths(table.grid).__getitem__, odd)),
    )


# ---------------------------------------------------------------- PEER-RANGE


def _kind_words(report: Report, match) -> str:
    words = []
    if "level" in match and report.agency.level:
        words.append(_LEVEL_LABELS.get(report.agency.level.value, report.agency.level.value))
    if "kind" in match and report.agency.kind:
        words.append(AGENCY_KIND_LABELS[report.agency.kind])
    return "".join(words)


@check("PEER-RANGE", "主要数字在同类机关的正常范围内", "Key figures within the range of similar agencies")
def peer_range(report: Report, context: CheckContext) -> Iterator[Finding]:
    if not context.peers:
        return
    o = context.options
    peers = like(
        _digests(context),
        kind=report.agency.kind,
        level=report.agency.level,
        year=report.year,
        match=o.peer_match,
        exclude=report.agency.name,
    )
    kind = _kind_words(report, o.peer_match)
    compared = 0
    for figure in KEY_FIGURES:
        if not figure.present(report.layout):
            continue
        value = figure.value(report)
        if value is None:
            continue
        values = [p.figures[figure.key] for p in peers if figure.key in p.figures]
        if len(values) < o.peer_min:
            continue
        compared += 1
        yield from _outside(report, figure, value, quartiles(values, figure, o.peer_fence), kind, o)
    if not compared:
        yield skipped(
            "PEER-RANGE",
            f"同类机关{f'（{kind}）' if kind else ''}的报告少于 {o.peer_min} 份，不作比较",
            f"fewer than {o.peer_min} similar agencies' reports: not compared",
        )


def _outside(report: Report, figure: KeyFigure, value: Number, q, kind: str, o) -> Iterator[Finding]:
    v = float(value)
    label = figure.label(report.layout)
    who = f"同类机关（{q.n}个{'，' + kind if kind else ''}）"
    times = _times(q.fence)
    if v > q.high and v >= o.jump_floor:
        zh = (
            f"{label}为 {_n(value)}，高于{who}的上四分位数 {_n(q.q3)} 加 {times} 倍四分位距（即 {_n(q.high)}）；"
            f"同类机关的中位数为 {_n(q.median)}，请核对是否填错"
        )
        en = (
            f"{figure.label_en} is {_n(value)}, above Q3 + {times}·IQR = {_n(q.high)} of {q.n} similar agencies "
            f"(median {_n(q.median)})"
        )
    elif v < q.low:
        zh = (
            f"{label}为 {_n(value)}，低于{who}的下四分位数 {_n(q.q1)} 减 {times} 倍四分位距（即 {_n(q.low)}）；"
            f"同类机关的中位数为 {_n(q.median)}，请核对是否填错"
        )
        en = (
            f"{figure.label_en} is {_n(value)}, below Q1 − {times}·IQR = {_n(q.low)} of {q.n} similar agencies "
            f"(median {_n(q.median)})"
        )
    else:
        return
    yield finding(
        "PEER-RANGE",
        Severity.WARNING,
        zh,
        en,
        [report.tables[figure.grid].path(figure.row, figure.column)],
    )
