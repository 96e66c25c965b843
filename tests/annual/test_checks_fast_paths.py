"""The shortcuts the checks take for speed give the same answers as the plain forms they replace."""

from __future__ import annotations

import random
import re
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from gongkai.annual import arithmetic
from gongkai.annual.checks import run_checks
from gongkai.annual.checks.narrative import _REVIEW, _names_review, _sentences, normalise
from gongkai.annual.checks.sections import bare, bare_at_least, says_nothing, subheadings
from gongkai.annual.example import random_report
from gongkai.annual.layout import LAYOUT_2019, LAYOUT_2021, Relation
from gongkai.annual.model import Table

# characters the text shortcuts care about, mixed with ordinary ones
PROSE = st.text(
    alphabet=st.sampled_from(
        list("申请复议诉讼起诉件份一二十12０９,，。；;！?：:、（）()是.．#- \n\t\u3000請議訴結轉_x")
    ),
    max_size=120,
)


def _reports() -> list:
    rng = random.Random(7)
    reports = [random_report(rng, "2021" if i % 3 else "2019") for i in range(40)]
    for report in reports[::4]:  # blanks and broken sums too
        table = report.applications
        cells = list(table.grid.cells())
        for cell in rng.sample(cells, 5):
            table.set(*cell, None)
        table.set(*rng.choice(cells), 999)
    return reports


def test_values_follow_the_grid_order_whatever_order_cells_were_set_in():
    for grid in LAYOUT_2021.grids + LAYOUT_2019.grids:
        cells = list(grid.cells())
        shuffled = cells[:]
        random.Random(1).shuffle(shuffled)
        table = Table(grid, {cell: i for i, cell in enumerate(shuffled)})
        assert table.values() == [table.get(*cell) for cell in cells]


def test_evaluate_agrees_with_sums_line_by_line():
    for report in _reports():
        for table in report.tables.values():
            for relation in table.grid.relations:
                fast = list(arithmetic.evaluate(table, relation))
                plain = [(line, arithmetic.sums(table, line)) for line in arithmetic.lines(table, relation)]
                assert fast == plain
                assert [line for line, _ in fast] == list(arithmetic._build_lines(table.grid, relation))


def test_lines_of_a_relation_the_grid_does_not_declare_are_built_on_demand():
    grid = LAYOUT_2021.review_litigation
    relation = Relation("X", "columns", ("total",), ("upheld",), "", "")
    table = Table(grid, {(r, c): 1 for r, c in grid.cells()})
    assert [line.at for line in arithmetic.lines(table, relation)] == list(grid.row_keys)
    assert all(both == (1, 1) for _, both in arithmetic.evaluate(table, relation))


def test_cell_int_still_flags_negative_and_fractional_values():
    report = random_report(random.Random(3), "2019")
    report.tables["art20_5"].set("admin_licensing", "delta", -3)  # signed column: fine
    report.tables["art20_1"].set("regulations", "new_made", -1)
    report.applications.set("r_open", "total", Decimal("2.5"))
    cells = [f.cells for f in run_checks(report) if f.code == "CELL-INT"]
    assert ("active.art20_1.regulations.new_made",) in cells
    assert ("applications.r_open.total",) in cells
    assert not any("delta" in c[0] for c in cells)


def _normalise_plain(text: str) -> str:
    trad = str.maketrans("結轉複議訴訟請審辦覆開維糾餘訴處級區", "结转复议诉讼请审办复开维纠余诉处级区")
    text = text.translate(trad).translate(str.maketrans("０１２３４５６７８９", "0123456789"))
    text = re.sub(r"(?m)^\s*-\s*\d+\s*-\s*$", "", text)
    text = re.sub(r"\n\s*\n", "。", text)
    return re.sub(r"\s+", "", text)


_HEADING_PLAIN = re.compile(
    r"(?:^|[\n。])[#\s]*(?:[（(]\s*[一二三四五六七八九十\d]{1,2}\s*[)）]|[一二三四五六七八九十]是|\d{1,2}\s*[、.．])"
    r"\s*([^\n。：:；;]{2,40})"
)


@settings(max_examples=400)
@given(PROSE)
def test_text_shortcuts_match_the_plain_forms(text):
    assert normalise(text) == _normalise_plain(text)
    assert _sentences(text) == re.split(r"[。；;！!？?]", text)
    assert _names_review(text) == bool(_REVIEW.search(text))
    assert subheadings(text) == [m.group(1).strip() for m in _HEADING_PLAIN.finditer(text)]
    for count in (0, 1, 5, 14, 30):
        assert bare_at_least(text, count) == (len(bare(text)) >= count)
    core = bare(text)
    assert says_nothing(text) == (
        not core
        or core in ("无", "暂无", "没有", "无其他需要报告的事项", "本年度无其他需要报告的事项", "无相关情况")
    )


def test_subheadings_edge_cases():
    for text in (
        "。（一）主动公开情况。",
        "\n\n（二）依申请公开",
        "（。一）监督",
        "# 1、平台建设\n2.信息管理",
        "一是培训。二是考核",
    ):
        assert subheadings(text) == [m.group(1).strip() for m in _HEADING_PLAIN.finditer(text)]
