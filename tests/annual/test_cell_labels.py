"""Cells named as the report prints them (gongkai.annual.layout.cell_label), and no internal path
(``review_litigation.reconsideration.total``) in any message a person reads, in either language."""

import re

import pytest

from gongkai.annual.checks import run_checks
from gongkai.annual.example import example_report
from gongkai.annual.layout import LAYOUT_2019, LAYOUT_2021, cell_label
from gongkai.annual.model import cell_path
from gongkai.annual.readers import read_path

PATH = re.compile(r"\b(applications|review_litigation|active|sections|dates)\.[a-z_0-9]+")


@pytest.mark.parametrize(
    "path, label",
    [
        ("applications.r_total.natural_person", "表三 （七）总计·自然人"),
        ("review_litigation.reconsideration.total", "表四 行政复议·总计"),
        ("review_litigation.litigation_after_reconsideration.upheld", "表四 行政诉讼 复议后起诉·结果维持"),
        (
            "applications.r_deny_state_secret.org_commercial",
            "表三 （三）不予公开 1.属于国家秘密·法人或其他组织 商业企业",
        ),
        ("applications.r_partial.total", "表三 （二）部分公开·总计"),  # the printed aside left out
        ("active.art20_1.regulations.made", "表二 第二十条第（一）项 规章·本年制发件数"),
        ("active.art20_8", "表二 第二十条第（八）项"),
        ("applications", "表三"),
        ("sections.overview", "一、总体情况"),
        ("dates.signature", "落款日期"),
        ("something.else", "something.else"),  # unknown: shown as it is, never an error
    ],
)
def test_cell_label(path, label):
    assert cell_label(path) == label


def test_every_cell_of_every_format_has_a_label_without_keys():
    for layout in (LAYOUT_2021, LAYOUT_2019):
        for grid in layout.grids:
            for row, column in grid.cells():
                label = cell_label(cell_path(grid, row, column), layout)
                assert label.startswith("表") and "·" in label and row not in label and column not in label
    assert cell_label("active.art20_9.central_procurement.projects", LAYOUT_2019).endswith(
        "政府集中采购·采购项目数量"
    )


def _reports(corpus=None):
    broken = example_report()
    broken.tables["applications"].set("r_total", "natural_person", None)
    broken.tables["applications"].set("r_open", "total", 999)
    broken.tables["review_litigation"].set("reconsideration", "total", 77)
    del broken.tables["art20_8"]
    previous = example_report(year=2024, seed=3)
    yield broken, previous
    if corpus is not None:
        for path in sorted((corpus / "reports").glob("*.txt")):
            yield read_path(path), None


def test_no_internal_path_in_any_message(corpus):
    for report, previous in _reports(corpus):
        for f in run_checks(report, previous):
            for message in (f.message_zh, f.message_en):
                assert not PATH.search(message), (f.code, message)
