"""Reports published as web pages (issue 11 §8): the report is read from inside the page's chrome
(navigation, breadcrumb, a sidebar of other years' reports, share buttons, related links,
previous/next links, a comment thread with numbers, footer with 版权所有/网站标识码/ICP备案), and
the encodings real files come in (GBK/GB18030, UTF-16 with and without BOM, ``<meta charset=gbk>``).

The pages are built here around the real corpus texts (read in place)."""

from __future__ import annotations

import codecs

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gongkai.annual.readers import read_bytes
from gongkai.annual.readers.html import html_to_text, read_html
from gongkai.annual.readers.text import (
    _prepare,
    decode,
    find_sections,
    read_text,
    strip_chrome,
)
from gongkai.annual.sitepage import site_page

# INDEX.md: file -> (agency as its title prints it, year, format, 新收, 结转入, 七总计, 结转出)
COMPLETE = {
    "009_huaian_2024": ("淮安市人民政府", 2024, "2021", 3119, 34, 3050, 103),
    "010_hongzequ_2023": ("洪泽区人民政府", 2023, "2021", 21, 0, 21, 0),
    "011_hongzequ_2024": ("淮安市洪泽区人民政府", 2024, "2021", 95, 0, 95, 0),
}
# partial pages with page chrome of their own, and one more of each kind: (file, agency, year)
PARTIAL = {
    "P05": ("湖南省生态环境厅", 2023),
    "P08": ("上饶市人民政府", 2022),
    "P21": None,  # the mirror's damage leaves the agency to the reader's best effort: compared only
    "P13": None,
    "P14": None,
}
TOTALS = ("new_received", "carried_over_in", "r_total", "carried_over_out")


def _text(corpus, name: str) -> str:
    folder = "partial" if name.startswith("P") else "reports"
    path = next((corpus / folder).glob(f"{name}*.txt"))
    return decode(path.read_bytes())


def _totals(report) -> tuple:
    return tuple(report.applications.get(row, "total") for row in TOTALS)


def _same_reading(page, plain) -> None:
    assert (page.format, page.year, page.agency.name) == (plain.format, plain.year, plain.agency.name)
    assert page.applications.to_json() == plain.applications.to_json()
    assert page.review_litigation.to_json() == plain.review_litigation.to_json()


def _page_text(text: str, year: int) -> str:
    """The text of a page as a browser's "save as text" gives it: chrome lines around the report."""
    head = [
        "首页 | 政务公开 | 互动交流 | 办事服务 无障碍浏览",
        "当前位置：首页 > 政务公开 > 年度报告",
        f"某某市人民政府{year - 1}年政府信息公开工作年度报告",
        f"某某市人民政府{year - 2}年政府信息公开工作年度报告",
        f"发布时间：{year + 1}-01-20 浏览次数：3456",
    ]
    tail = [
        "【打印本页】【关闭窗口】 分享到：微信 微博",
        f"上一篇：某某市人民政府{year - 1}年政府信息公开工作年度报告",
        "相关链接",
        f"关于印发{year - 2}年政务公开工作要点的通知",
        "网友评论（2）",
        f"网友 2021 于 {year + 1}-02-01：去年收到 999 件申请，今年 123 件？",
        "版权所有：某某市人民政府办公室 网站标识码：3208000001 苏ICP备05000000号-1",
        "技术支持：某某信息技术有限公司",
    ]
    return "\n".join([*head, text, *tail])


@pytest.mark.parametrize("name", sorted(COMPLETE))
def test_a_complete_report_inside_a_site_page_reads_as_printed(corpus, name):
    agency, year, fmt, *figures = COMPLETE[name]
    text = _text(corpus, name)
    page = site_page(text, year, agency="某某市人民政府")
    report = read_html(page.encode("utf-8"), f"{name}.html")
    assert (report.agency.name, report.year, report.format) == (agency, year, fmt)
    assert list(_totals(report)) == figures
    lines = html_to_text(page.encode("utf-8"))
    for chrome in (
        "版权所有",
        "网站标识码",
        "上一篇",
        "相关链接",
        "网友评论",
        "当前位置",
        "分享到",
        "pageYear",
    ):
        assert chrome not in lines, chrome
    # the same page as text (a browser's "save as text"): the text reader finds the report too
    as_text = read_text(_page_text(text, year), f"{name}.txt")
    assert (as_text.agency.name, as_text.year, as_text.format) == (agency, year, fmt)
    assert list(_totals(as_text)) == figures


@pytest.mark.parametrize("name", sorted(PARTIAL))
def test_partial_pages_read_the_same_inside_chrome(corpus, name):
    text = _text(corpus, name)
    plain = read_text(text, name)
    expected = PARTIAL[name]
    if expected is not None:
        assert (plain.agency.name, plain.year) == expected
    assert plain.year is not None
    _same_reading(read_html(site_page(text, plain.year).encode("utf-8"), f"{name}.html"), plain)
    _same_reading(read_text(_page_text(text, plain.year), name), plain)


def test_chrome_in_the_page_does_not_set_the_year(corpus):
    """Breadcrumb and sidebar name other years; the report's own year wins."""
    text = _text(corpus, "010_hongzequ_2023")
    page = site_page(text, 2023, agency="淮安市洪泽区人民政府")
    assert "2022年政府信息公开工作年度报告" in page and "2024年政府信息公开工作年度报告" in page
    report = read_html(page.encode("utf-8"))
    assert report.year == 2023 and report.title and "2023" in report.title


# ---------------------------------------------------------------- encodings


@pytest.mark.parametrize(
    "encode",
    [
        lambda t: t.encode("gbk", errors="replace"),
        lambda t: t.encode("gb18030"),
        lambda t: codecs.BOM_UTF8 + t.encode("utf-8"),
        lambda t: codecs.BOM_UTF16_LE + t.encode("utf-16-le"),
        lambda t: codecs.BOM_UTF16_BE + t.encode("utf-16-be"),
        lambda t: t.encode("utf-16-le"),
        lambda t: t.encode("utf-16-be"),
    ],
    ids=["gbk", "gb18030", "utf-8-bom", "utf-16-le-bom", "utf-16-be-bom", "utf-16-le", "utf-16-be"],
)
def test_text_in_every_encoding_reads_the_same(corpus, encode):
    text = _text(corpus, "009_huaian_2024")
    plain = read_text(text)
    report = read_bytes(encode(text), "009.txt", ".txt")
    assert (report.agency.name, report.year) == ("淮安市人民政府", 2024)
    assert _totals(report) == _totals(plain) == (3119, 34, 3050, 103)


@pytest.mark.parametrize("charset", ["gbk", "gb2312", "gb18030"])
def test_a_gbk_page_that_says_so_in_its_meta_tag(corpus, charset):
    text = _text(corpus, "011_hongzequ_2024")
    page = site_page(text, 2024, agency="淮安市洪泽区人民政府", charset=charset)
    report = read_bytes(page.encode("gb18030"), "011.html", ".html")
    assert (report.agency.name, report.year) == ("淮安市洪泽区人民政府", 2024)
    assert _totals(report) == (95, 0, 95, 0)


# ---------------------------------------------------------------- sections found once


def _sections_both_ways(text: str) -> tuple[bool, dict, dict]:
    """(whether strip_chrome handed its sections over, the sections read_text so uses, and those
    found afresh in the text strip_chrome returned)."""
    _, mtext, spans = strip_chrome(*_prepare(text))
    return spans is not None, find_sections(mtext) if spans is None else spans, find_sections(mtext)


def test_the_sections_of_a_site_page_are_found_once(corpus):
    for path in sorted(corpus.glob("*/*.txt")):
        handed, reused, fresh = _sections_both_ways(
            html_to_text(site_page(decode(path.read_bytes()), 2023).encode())
        )
        assert handed and reused == fresh, path.name


@pytest.mark.parametrize(
    "text",
    [
        # the keywords read past the numeral, over a chrome line that is blanked
        "2023年政府信息公开工作年度报告\n一、总体情况\n三、\n当前位置：首页\n收到和处理政府信息公开申请情况\n",
        # a heading on a chrome line
        "2023年政府信息公开工作年度报告\n一、总体情况 【打印】\n二、主动公开政府信息情况\n",
        # a chrome line right after an inline heading's line
        "2023年政府信息公开工作年度报告\n一、总体情况" + "本机关认真落实条例规定" * 4 + "\n分享到：微信\n",
    ],
)
def test_a_chrome_line_near_a_heading_has_the_sections_found_again(text):
    handed, reused, fresh = _sections_both_ways(text)
    assert not handed and reused == fresh


_PIECES = st.sampled_from(
    [
        "一、总体情况",
        "二、主动公开政府信息情况",
        "三、",
        "收到和处理政府信息公开申请情况",
        "四、政府信息公开行政复议、行政诉讼情况",
        "五、存在的主要问题及改进情况",
        "六、其他需要报告的事项",
        "当前位置：首页 > 政务公开",
        "【打印】【关闭】",
        "字体：大 中 小",
        "上一篇：某某",
        "2022年政府信息公开工作年度报告",
        "2021年政府信息公开工作年度报告",
        "本年度报告根据条例编制。",
        "本机关认真落实条例规定" * 12,
        "",
    ]
)


@given(st.lists(st.tuples(_PIECES, st.sampled_from(["\n", " ", ""])), max_size=14))
def test_sections_handed_over_are_those_found_afresh(pieces):
    text = "政府信息公开工作年度报告\n分享到：微信\n" + "".join(piece + sep for piece, sep in pieces)
    _, reused, fresh = _sections_both_ways(text)
    assert reused == fresh
