"""readers._prose: a section's text without the tables' own text, page footers or hard line breaks
(what `gongkai convert` then writes as the report's paragraphs)."""

from __future__ import annotations

import re
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gongkai.annual.readers import _prose
from gongkai.cli import main

WRAPPED = """   （一）主动公开情况。主要通过政府门户网站主动公开政府
文件、项目审批、通知公告等各类政府信息。2023 年，我区在政
府网站平台主动公开政府信息 1136 条。
   （二）依申请公开情况。进一步规范依申请公开流程，畅通
依申请公开受理渠道，严格执行“分

                                           -1-
\f
级审核、先审后发”程序
1.加强培训
2.完善制度：
一是健全机制
"""


def test_paragraphs_are_joined_and_footers_dropped():
    assert _prose.clean(WRAPPED).splitlines() == [
        "（一）主动公开情况。主要通过政府门户网站主动公开政府文件、项目审批、通知公告等各类政府信息。"
        "2023年，我区在政府网站平台主动公开政府信息1136条。",
        "（二）依申请公开情况。进一步规范依申请公开流程，畅通依申请公开受理渠道，严格执行“分级审核、先审后发”程序",
        "1.加强培训",
        "2.完善制度：",
        "一是健全机制",
    ]


@pytest.mark.parametrize(
    "line", ["-1-", "  - 2 -  ", "—3—", "第 3 页 共 5 页", "第4页", "共5页 第2页", "3/5", "Page 2 of 9"]
)
def test_page_footers(line):
    assert _prose.is_footer(line)
    assert _prose.clean(f"上文。\n{line}\n下文。") == "上文。\n下文。"


@pytest.mark.parametrize(
    "line",
    [
        "第二十条第（一）项",
        "       信息内容   本年制发件数    本年废止件数    现行有效件数",
        "行政规范性文件          0          5       5",
        "一、本年新收政府信息公开申请数量                             21    0      0     0   0   0     21",
        "                  （二）部分公开（区分处理的，只计这一情 形，不",
        "                                                   商业 科研",
        " 三 、本 年 度办 理 结果",
        "1、申请人无正当理由逾期不补",
        "2.其他法律行政止公开      0     0      0     0   0   0     0",  # misprinted label
        "10    1      0   0    0   0    0   0   0    0   5   0     0   0   0",
        "第二十条第(一)项第二十条第(五)项第二十条第(六)项信息内容本年收费金额(单位:万元)",  # OCR run together
    ],
)
def test_table_lines(line):
    assert _prose.is_table_line(line)


@pytest.mark.parametrize(
    "line",
    [
        "无",
        "无。",
        "（三）政府信息管理情况。",
        "2023 年，我区在政府网站平台主动公开政府信息 1136 条。",
        "本年度，本机关未收到政府信息公开申请",
        "加强区政府门户网站及政务新媒体日常管理，运用第三方检",
    ],
)
def test_prose_lines(line):
    assert not _prose.is_table_line(line)


def test_an_empty_part_stays_none_and_a_part_of_tables_only_becomes_empty():
    assert _prose.clean(None) is None and _prose.clean("  \n") is None
    assert _prose.clean("第二十条第（一）项\n规章  0  0  0\n-2-\n") == ""


# ---------------------------------------------------------------- the real corpus, through convert

_NUMBERS_LINE = re.compile(r"^[\d\s.,%/\-－—]+$")
_FOOTER = re.compile(r"^\s*[-－—]\s*\d+\s*[-－—]\s*$|第\s*\d+\s*页")
_HEADINGS = ("一、", "二、", "三、", "四、", "五、", "六、")


def _paragraphs_by_part(path) -> dict[str, list[str]]:
    from docx import Document

    parts: dict[str, list[str]] = {}
    current = None
    for paragraph in Document(str(path)).paragraphs:
        if paragraph.style.name == "Heading 1":
            current = paragraph.text[:1]
            parts[current] = []
        elif current is not None and paragraph.text.strip():
            parts[current].append(paragraph.text)
    return parts


@pytest.mark.parametrize("name", ["009_huaian_2024", "010_hongzequ_2023", "011_hongzequ_2024"])
def test_convert_writes_the_prose_without_tables_footers_or_broken_lines(corpus, tmp_path, name, capsys):
    out = tmp_path / f"{name}.docx"
    assert main(["convert", str(corpus / "reports" / f"{name}.txt"), str(out)]) == 0
    parts = _paragraphs_by_part(out)
    assert set("一二三四五六") <= set(parts)
    labels = _prose._labels()[0]
    for numeral in "二三四":
        for text in parts[numeral]:
            assert not _NUMBERS_LINE.match(text), (numeral, text)
            assert "".join(text.split()) not in labels, (numeral, text)  # a table header word
    for numeral in "一二三四五":
        for text in parts[numeral]:
            assert not _FOOTER.search(text), (numeral, text)
    # a paragraph ends with its sentence (the source's hard breaks are gone) — or is a heading
    # of its own such as "（三）政府信息管理情况"
    assert len(parts["一"]) >= 5  # its (一)…(五), each a paragraph again
    for numeral in "一五":
        for text in parts[numeral]:
            assert re.search(r"[。！？；：”）]$", text), (numeral, text)


def test_a_converted_report_renders_as_pdf(corpus, tmp_path, capsys):
    out = tmp_path / "011.pdf"
    assert main(["convert", str(corpus / "reports" / "011_hongzequ_2024.txt"), str(out)]) == 0
    assert out.read_bytes().startswith(b"%PDF")


# characters that change under NFKC, compose or decompose, or are spaces of every kind
_TRICKY = (
    "政府信息公开年度报告abcX09，、。（）()：.-_"
    " \t\u00a0\u2002\u2003\u3000\u1680\u2028\u205f"
    "\u0301\u0308\u3099\u1100\u1161\u11a8\uff21\uff10\u2460\uf900\ufb01\u3220\u00a8\u00b2\u1369\u304b\u0b47\u0b3e\ufdfa"
)


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=_TRICKY, max_size=24))
def test_a_lines_letters_are_the_letters_of_its_tokens(line):
    # is_table_line measures a line's label coverage on the NFKC letters of its tokens, each
    # normalised once, instead of normalising the whole line again: the same letters
    whole = _prose._DIGITS.sub("", unicodedata.normalize("NFKC", line))
    tokens = "".join(_prose._token(t)[3] for t in line.split() if not t.isdecimal())
    assert _prose._DIGITS.sub("", tokens) == whole


def test_prose_words_are_not_kept_between_lines():
    # only table tokens are kept: prose read once costs the same the second time, so reading the
    # same report again is not quicker than reading a new one
    _prose._TABLE_TOKENS.clear()
    _prose.is_table_line("商业企业 科研机构 12 0")
    _prose.is_table_line("(二)依申请公开方面")
    assert "商业企业" in _prose._TABLE_TOKENS
    assert "(二)依申请公开方面" not in _prose._TABLE_TOKENS


@settings(max_examples=400, deadline=None)
@given(
    st.text(alphabet=_TRICKY + "\uff0c\uff1a\uff08\uff09\uff21\uff41\uff5e\uff01\u2026\u00bd", max_size=24)
)
def test_a_tokens_letters_are_those_of_its_nfkc_form(token):
    # full-width ASCII is replaced before the NFKC check, to spare most lines a normalisation
    assert _prose._compact(token) == _prose._NOT_WORD.sub("", unicodedata.normalize("NFKC", token))


def _verdict_without(line: str, shortcut: str, plain) -> bool:
    """is_table_line(line) with the module's ``shortcut`` replaced by ``plain`` (its general way)."""
    quick = getattr(_prose, shortcut)
    try:
        setattr(_prose, shortcut, plain)
        return _prose.is_table_line(line)
    finally:
        setattr(_prose, shortcut, quick)


_LABEL_WORDS = sorted(set(_prose._labels()[0].split("\n")))


@settings(max_examples=1500, deadline=None)
@given(
    st.lists(
        st.sampled_from(_LABEL_WORDS)
        | st.sampled_from(["", " ", "  ", "\t"])
        | st.sampled_from("我们认真落实推进群众指导贯彻")  # no label has these
        | st.text(alphabet="0123456789/—-，、（）()：|“”．", min_size=1, max_size=3)
        | st.sampled_from(["㈠", "…", "ﬁ", "\uf900", "ａ", "１", "\ufdfa", "㍿"]),  # NFKC changes these
        max_size=6,
    ).map("".join)
)
def test_prose_told_by_its_unlabelled_ideographs_is_what_the_full_test_says(line):
    # the quick verdict for prose (enough ideographs that no label has) must agree with the
    # token-by-token test it skips
    # (a pattern that never matches: the full test always runs)
    assert _prose.is_table_line(line) == _verdict_without(
        line, "_unlabelled", lambda count: re.compile("(?!)")
    )


def test_the_one_to_one_characters_each_give_at_most_one_letter_under_nfkc():
    # the quick prose verdict bounds a line's letters by its length: only where this holds
    one_to_one = [chr(c) for c in range(0x10000) if _prose._ONE_TO_ONE.fullmatch(chr(c))]
    assert len(one_to_one) > 20000
    for ch in one_to_one:
        assert len(unicodedata.normalize("NFKC", ch)) == 1 and not unicodedata.combining(ch), repr(ch)
    assert not _prose._ONE_TO_ONE.fullmatch("…")  # "..." under NFKC


@settings(max_examples=800, deadline=None)
@given(
    st.lists(
        st.sampled_from(_LABEL_WORDS)
        | st.sampled_from([" ", "  ", "\t", "|", " | ", "||", "| |", "|0|"])
        | st.sampled_from("我们认真落实推进无")
        | st.text(alphabet="0123456789/—-，、()：|", min_size=1, max_size=3),
        max_size=10,
    ).map("".join)
)
def test_the_pipes_of_a_markdown_row_change_no_verdict(line):
    # is_table_line drops the "|" tokens between spaces before looking at the others
    assert _prose.is_table_line(line) == _verdict_without(line, "_tokens", str.split)
