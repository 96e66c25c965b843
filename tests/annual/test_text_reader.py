"""The plain-text reader on synthetic reports: layouts, run-together digits, lost cells."""

from __future__ import annotations

import codecs
import re
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gongkai.annual import ReportError, UnreadableReport
from gongkai.annual.layout import LAYOUT_2019, LAYOUT_2021, LAYOUT_PRE2019, FormatLayout
from gongkai.annual.model import AgencyKind, AgencyLevel, Report
from gongkai.annual.readers._normalise import (
    MATCH_TABLE,
    RE_KEEP,
    CompactSearch,
    CompactText,
    compact,
    compact_pattern,
    for_matching,
)
from gongkai.annual.readers.assemble import (
    Reading,
    Tok,
    assemble,
    note_printed,
    printed_as_is,
    split_digits,
)
from gongkai.annual.readers.text import (
    PLAIN_FIELDS,
    RE_FIELD_SEP,
    RE_TOKEN,
    _field_tokens,
    _line_fields,
    _may_hold_tokens,
    _prepare,
    _token_matches,
    read_text,
    read_text_bytes,
)

T3 = LAYOUT_2021.applications
assert T3 is not None


def t3_values(outcomes: dict[str, list[int]], carried_in: list[int] | None = None, layout=LAYOUT_2021):
    """A consistent table 三: outcome rows given by applicant column; totals derived."""
    grid = layout.applications
    parts = len(grid.columns) - 1
    rows: dict[str, list[int]] = {}
    for row in grid.rows:
        if row.block and row.key != "r_total":
            vals = outcomes.get(row.key, [0] * parts)
            rows[row.key] = vals + [sum(vals)]
    total = [sum(rows[k][i] for k in rows) for i in range(parts + 1)]
    rows["r_total"] = total
    cin = (carried_in or [0] * parts) + [sum(carried_in or [0] * parts)]
    rows["carried_over_in"] = cin
    rows["carried_over_out"] = [0] * (parts + 1)
    rows["new_received"] = [t - c for t, c in zip(total, cin, strict=True)]
    return rows


def make_text(
    rows: dict[str, list[int] | str],
    layout: FormatLayout = LAYOUT_2021,
    sep: str = "\t",
    t4: str = "0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0",
    active: str | None = None,
    year: int = 2023,
    agency: str = "某某县某某局",
    tail: str = "某某县某某局\n2024年1月15日",
) -> str:
    """A report as the structured readers would give it: one table row per line."""
    grid = layout.applications
    lines = [f"{agency}{year}年政府信息公开工作年度报告", "一、总体情况", "本年度工作正常开展。"]
    lines.append("二、主动公开政府信息情况")
    if active is None:
        for g in layout.active:
            lines.append(g.title)
            lines.append(sep.join(["信息内容", *(c.label for c in g.columns)]))
            for r in g.rows:
                lines.append(sep.join([r.text, *("0" for _ in g.columns)]))
    else:
        lines.append(active)
    lines.append("三、收到和处理政府信息公开申请情况")
    lines.append(
        sep.join(["（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", "申请人情况"])
    )
    lines.append(sep.join(["自然人", "法人或其他组织", "总计"]))
    lines.append(sep.join(c.label for c in grid.columns[1:-1]))
    for r in grid.rows:
        value = rows[r.key]
        cells = value if isinstance(value, str) else sep.join(str(v) for v in value)
        lines.append(f"{r.label}{sep}{cells}")
    lines.append("四、政府信息公开行政复议、行政诉讼情况")
    lines.append(sep.join(["行政复议", "行政诉讼"]))
    lines.append(sep.join(["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"] * 3))
    lines.append(t4)
    lines += ["五、存在的主要问题及改进情况", "存在不足。", "六、其他需要报告的事项", "无。", tail]
    return "\n".join(lines) + "\n"


SAMPLE = t3_values(
    {
        "r_open": [5, 2, 0, 0, 1, 0],
        "r_partial": [1, 0, 0, 0, 0, 0],
        "r_unable_not_held": [3, 1, 0, 0, 0, 0],
        "r_noproc_repeat": [2, 0, 0, 0, 0, 0],
        "r_other_other": [1, 0, 0, 0, 0, 1],
    },
    carried_in=[1, 0, 0, 0, 0, 0],
)


def app(report, row):
    return report.applications.row_values(row)


def codes(report):
    return [n.code for n in report.notes]


# ---------------------------------------------------------------- plain reading


def test_tab_separated_rows_read_as_printed():
    report = read_text(make_text(SAMPLE))
    assert report.format == "2021"
    for key, values in SAMPLE.items():
        assert app(report, key) == values, key
    assert report.review_litigation.row_values("reconsideration") == [0, 0, 0, 0, 0]
    assert report.tables["art20_1"].row_values("normative_docs") == [0, 0, 0]
    assert not [c for c in codes(report) if c.startswith(("CELL", "ROW"))]


def test_space_aligned_rows_and_full_width_ordinals():
    text = (
        make_text(SAMPLE, sep="    ")
        .replace("（一）予以公开", "(一) 予以 公开")
        .replace("3.危及“三安全一稳定”", '3、危及"三安全一稳定"')
    )
    report = read_text(text)
    for key, values in SAMPLE.items():
        assert app(report, key) == values, key


def test_sections_and_metadata():
    report = read_text(
        make_text(SAMPLE, agency="某某县某某镇人民政府", tail="某某县某某镇人民政府 2024年1月15日")
    )
    assert report.year == 2023
    assert report.agency.name == "某某县某某镇人民政府"
    assert report.agency.kind == AgencyKind.TOWNSHIP
    assert report.agency.level == AgencyLevel.TOWNSHIP
    assert str(report.signature_date) == "2024-01-15"
    assert report.sections["overview"] == "本年度工作正常开展。"
    assert report.sections["other"].startswith("无。")
    assert "AGENCY-GUESS" in codes(report)


def test_publication_date_from_page_header():
    text = "发布日期：2024-01-20\n" + make_text(SAMPLE)
    assert str(read_text(text).publication_date) == "2024-01-20"


# ---------------------------------------------------------------- run-together digits


def test_run_together_row_is_split_by_the_row_sum():
    rows = t3_values({"r_open": [80, 1, 0, 0, 0, 0]})
    rows["new_received"] = "801000081"  # a flattened web page: no separators at all
    report = read_text(make_text(rows, sep=""))
    assert app(report, "new_received") == [80, 1, 0, 0, 0, 0, 81]
    assert app(report, "r_open") == [80, 1, 0, 0, 0, 0, 81]
    assert app(report, "r_total") == [80, 1, 0, 0, 0, 0, 81]
    assert "CELL-SPLIT" in codes(report)


def test_whole_table_flattened_on_one_line_with_junk_ordinals():
    rows = t3_values({"r_unable_not_held": [3, 1, 0, 0, 0, 0], "r_open": [12, 0, 0, 0, 0, 3]})
    text = make_text(rows, sep="")
    # join the table into one line; leave a stray "1" before the next row's ordinal
    head, rest = text.split("三、收到和处理政府信息公开申请情况\n", 1)
    table, tail = rest.split("四、政府信息公开行政复议", 1)
    table = table.replace("\n", "").replace(
        "1.本机关不掌握相关政府信息3100004", "1.本机关不掌握相关政府信息3100004 1 "
    )
    report = read_text(
        head + "三、收到和处理政府信息公开申请情况\n" + table + "\n四、政府信息公开行政复议" + tail
    )
    for key, values in rows.items():
        assert app(report, key) == values, key


def test_ambiguous_split_is_reported_not_guessed():
    # 1|10|0|0|0|0|11 and 11|0|0|0|0|0|11 both add up; nothing else in the table decides
    assert len(split_digits(["110000011"], [6])) == 2
    rows = {k: "" for k in T3.row_keys}
    rows["new_received"] = "110000011"
    report = read_text(make_text(rows, sep=""))
    assert app(report, "new_received") == [None] * 7
    notes = [n for n in report.notes if "applications.new_received.total" in n.cells]
    assert [n.code for n in notes] == ["CELL-AMBIGUOUS"]


def test_split_search_is_bounded():
    assert split_digits(["1234567890" * 3], [6]) in ([], None)
    report = read_text(make_text({**SAMPLE, "new_received": "9" * 200}, sep=""))
    assert app(report, "new_received") == [None] * 7


# ---------------------------------------------------------------- lost cells


def test_single_lost_cell_is_recovered_and_noted():
    rows = dict(SAMPLE)
    values = rows["r_open"]  # 5 2 0 0 1 0 8
    rows["r_open"] = " ".join(str(v) for i, v in enumerate(values) if i != 1)  # lose the "2"
    report = read_text(make_text(rows, sep="  "))
    assert app(report, "r_open") == SAMPLE["r_open"]
    notes = [n for n in report.notes if n.code == "CELL-RECOVERED"]
    assert len(notes) == 1
    assert notes[0].cells == ("applications.r_open.org_commercial",)


def test_lost_cell_in_review_table_is_recovered():
    report = read_text(make_text(SAMPLE, t4="1\t1\t0\t0\t2\t1\t0\t0\t1\t0\t2\t1\t3"))  # 13 of 15
    assert [n.code for n in report.notes if n.code == "CELL-RECOVERED"] == []
    assert "CELL-AMBIGUOUS" in codes(report) or "ROW-UNREADABLE" in codes(report)
    # 1 1 0 0 2 | 1 0 0 0 1 | 2 0 1 0 3 with the first total lost: only one placement adds up
    report = read_text(make_text(SAMPLE, t4="1\t1\t0\t0\t1\t0\t0\t0\t1\t2\t0\t1\t0\t3"))
    assert report.review_litigation.row_values("reconsideration") == [1, 1, 0, 0, 2]
    assert report.review_litigation.row_values("litigation_direct") == [1, 0, 0, 0, 1]
    assert report.review_litigation.row_values("litigation_after_reconsideration") == [2, 0, 1, 0, 3]
    recovered = [n for n in report.notes if n.code == "CELL-RECOVERED"]
    assert [n.cells for n in recovered] == [("review_litigation.reconsideration.total",)]


def test_two_lost_cells_in_one_column_are_not_guessed():
    rows = dict(SAMPLE)
    for key in ("r_open", "r_unable_not_held"):  # both lose their 商业企业 figure (2 and 1)
        rows[key] = " ".join(str(v) for i, v in enumerate(SAMPLE[key]) if i != 1)
    report = read_text(make_text(rows, sep="  "))
    assert app(report, "r_open") == [None] * 7
    assert app(report, "r_unable_not_held") == [None] * 7
    assert codes(report).count("CELL-AMBIGUOUS") == 2
    assert "CELL-RECOVERED" not in codes(report)


def test_ocr_damaged_labels_and_stray_ordinal_digits():
    rows = {k: "\t".join(str(v) for v in vals) for k, vals in SAMPLE.items()}
    text = make_text(rows)
    text = (
        text.replace("一、本年新收政府信息公开申请数量", "一、本年新\t所收政府信息公开申请数量")
        .replace("二、上年结转政府信息公开申请数量", "二、上年纪\t吉转政府信息公开申请数量")
        .replace("（二）部分公开", "(二)部分\t↑公开")
        .replace("2.没有现成信息需要另行制作", "· 1 2 没有现成信息需要另行制作")
        .replace("7.属于行政执法案卷", "- 生 1 木\t\t7. 属于行政执法案卷")
    )
    report = read_text(text)
    for key, values in SAMPLE.items():
        assert app(report, key) == values, key


# ---------------------------------------------------------------- cell contents


def test_slash_and_dash_cells_are_blank_with_a_note():
    rows = dict(SAMPLE)
    rows["r_partial"] = "1\t/\t—\t0\t0\t0\t1"
    report = read_text(make_text(rows))
    assert app(report, "r_partial") == [1, None, None, 0, 0, 0, 1]
    slash = [n for n in report.notes if n.code == "CELL-SLASH"]
    assert [n.cells for n in slash] == [
        ("applications.r_partial.org_commercial", "applications.r_partial.org_research")
    ]


def test_units_inside_cells():
    active = "\n".join(
        [
            "第二十条第（一）项",
            "信息内容\t本年制发件数\t本年废止件数\t现行有效件数",
            "规章\t1件\t0件\t11件",
            "行政规范性文件\t8\t2\t66",
            "第二十条第（五）项",
            "信息内容\t本年处理决定数量",
            "行政许可\t1,200件",
            "第二十条第（八）项",
            "信息内容\t本年收费金额（单位：万元）",
            "行政事业性收费\t25.1万元",
        ]
    )
    rows = dict(SAMPLE)
    rows["r_open"] = "5件\t2件\t0\t0\t1\t0\t8件"
    report = read_text(make_text(rows, active=active))
    assert report.tables["art20_1"].row_values("regulations") == [1, 0, 11]
    assert report.tables["art20_5"].get("admin_licensing", "decisions") == 1200
    assert report.tables["art20_8"].get("admin_fees", "amount") == Decimal("25.1")
    assert report.tables["art20_6"].row_values("admin_penalty") == [None]
    assert app(report, "r_open") == SAMPLE["r_open"]


# ---------------------------------------------------------------- formats


def test_2019_format_single_other_row_and_table_nine():
    rows = t3_values({"r_open": [4, 0, 0, 0, 0, 0], "r_other": [2, 1, 0, 0, 0, 0]}, layout=LAYOUT_2019)
    active = "\n".join(
        [
            "第二十条第（一）项",
            "信息内容\t本年新制作数量\t本年新公开数量\t对外公开总数量",
            "规章\t0\t0\t3",
            "规范性文件\t5\t5\t40",
            "第二十条第（五）项",
            "信息内容\t上一年项目数量\t本年增/减\t处理决定数量",
            "行政许可\t10\t-2\t300",
            "其他对外管理服务事项\t0\t0\t0",
            "第二十条第（九）项",
            "信息内容\t采购项目数量\t采购总金额",
            "政府集中采购\t12\t345.6",
        ]
    )
    report = read_text(make_text(rows, layout=LAYOUT_2019, active=active, year=2020))
    assert report.format == "2019"
    assert app(report, "r_other") == [2, 1, 0, 0, 0, 0, 3]
    assert app(report, "r_total") == rows["r_total"]
    assert report.tables["art20_5"].row_values("admin_licensing") == [10, -2, 300]
    assert report.tables["art20_9"].row_values("central_procurement") == [12, Decimal("345.6")]
    assert "FORMAT-INFERRED" not in codes(report)


def test_2021_table_with_a_single_other_row():
    rows = {k: "\t".join(str(x) for x in v) for k, v in SAMPLE.items()}
    text = make_text(rows)
    for label in ("1.申请人无正当理由", "2.申请人逾期未按", "3.其他"):
        text = "\n".join(ln for ln in text.split("\n") if not ln.startswith(label))
    zero = dict(SAMPLE)
    report = read_text(text.replace("（七）总计", "（六）其他处理\t0\t0\t0\t0\t0\t0\t0\n（七）总计"))
    assert app(report, "r_other_fee_unpaid") == [0] * 7
    assert "T3-OTHER-COLLAPSED" in codes(report)
    assert app(report, "r_total") == zero["r_total"]


def test_pre2019_report_is_recognised_not_forced():
    text = (
        "某市2017年政府信息公开工作年度报告\n一、概述\n……\n六、政府信息公开情况统计表\n"
        "指标名称\t计量单位\t2017年度\t历年累计\n受理依申请公开信息总数\t条\t3\t10\n"
    )
    report = read_text(text)
    assert report.format == "pre2019"
    assert report.tables == {} and report.sections == {}
    assert "FORMAT-PRE2019" in codes(report)


def test_format_inferred_from_year_when_markers_are_absent():
    text = "某某区某某局2024年政府信息公开工作年度报告\n一、总体情况\n本年度收到政府信息公开申请3件。\n"
    report = read_text(text)
    assert report.format == "2021"
    assert "FORMAT-INFERRED" in codes(report)
    assert report.sections["overview"] == "本年度收到政府信息公开申请3件。"
    assert report.sections["problems"] is None


def test_traditional_characters_are_matched():
    text = (
        make_text(SAMPLE)
        .replace("总体情况", "總體情況")
        .replace("本年新收政府信息公开申请数量", "本年新收政府信息公開申請數量")
    )
    report = read_text(text)
    assert report.sections["overview"] == "本年度工作正常开展。"
    assert app(report, "new_received") == SAMPLE["new_received"]


# ---------------------------------------------------------------- bytes


def test_encodings():
    text = make_text(SAMPLE)
    for data in (
        text.encode("utf-8"),
        codecs.BOM_UTF8 + text.encode("utf-8"),
        text.encode("utf-16"),
        text.encode("gb18030"),
    ):
        assert app(read_text_bytes(data), "r_open") == SAMPLE["r_open"]


@pytest.mark.parametrize(
    "data",
    [
        b"\x00\x01\x02binary\x00",
        bytes(range(128, 256)) * 20,
        b"just some English text, no report here",
        "一二三四五六七八九十".encode(),
    ],
)
def test_garbage_is_unreadable(data):
    with pytest.raises(UnreadableReport) as info:
        read_text_bytes(data)
    assert "\n" not in str(info.value)
    assert isinstance(info.value, ReportError)


# ---------------------------------------------------------------- the quick paths of the reader
# Each agrees with the plain formulation it replaced, on text made of the characters that matter.

_ALPHABET = st.sampled_from(
    list(" \t\n|、.,:()（）：，—-/0123456789abAB")
    + list("一二三总计開發處年告無中")
    + ["  ", "\u3000", "１", "\x07"]
    + ["_", "é", "①", "ア", "\u4dc0", "\ufa6e"]  # dropped word characters; kept non-word ones
)
_TEXTS = st.lists(_ALPHABET, max_size=60).map("".join)


@given(_TEXTS)
def test_for_matching_is_the_translation_table(text):
    assert for_matching(text) == text.translate(MATCH_TABLE)


@given(_TEXTS, st.integers(0, 70), st.integers(0, 70))
def test_compact_regions_map_back_to_the_text(text, start, end):
    mtext = for_matching(text)
    comp, index = "", []  # the compact form of mtext[start:end], character by character
    for i in range(start, min(end, len(mtext))):
        if RE_KEEP.match(mtext, i):
            comp += mtext[i].replace("、", ".")
            index.append(i)
    whole = CompactText(mtext)
    assert whole.text == compact(mtext, normalised=True)
    region = whole.region(start, end)
    assert region.text == comp
    assert [region.origin(i) for i in range(len(comp))] == index


_KEYS = st.lists(st.sampled_from(list("一二三总计.()1a")), min_size=1, max_size=3).map("".join)


@given(_TEXTS, _KEYS, st.integers(0, 70), st.integers(0, 70))
def test_compact_search_finds_what_the_compact_text_holds(text, key, start, end):
    """CompactSearch answers on the text itself what a search of the compact form would."""
    mtext = for_matching(text)
    end = min(end, len(mtext))
    region = CompactText(mtext).region(start, end)
    search = CompactSearch(mtext)
    p = region.text.find(key)
    m = search.find(key, start, end)
    assert (m is None) == (p < 0) == (not search.contains(key, start, end))
    if p >= 0:
        assert m.start() == region.origin(p)
        assert m.end() == region.origin(p + len(key) - 1) + 1
        for mark in range(len(key)):
            assert compact_pattern(key, mark).search(search.stext, start, end).start(1) == region.origin(
                p + mark
            )
    last = region.text.rfind(key)
    assert search.rfind_end(key, start, end) == (region.origin(last + len(key) - 1) + 1 if last >= 0 else -1)
    assert search.next_kept(start, end) == (region.origin(0) if region.text else -1)


def test_cjk_not_word_lists_the_cjk_code_points_outside_word_characters():
    """The compact patterns' gap relies on it (see ``search_text``)."""
    import re

    from gongkai.annual.readers._normalise import CJK_NOT_WORD

    odd = re.compile(f"[{CJK_NOT_WORD}]")
    for lo, hi in ((0x3400, 0x9FFF), (0xF900, 0xFAFF)):
        for c in range(lo, hi + 1):
            assert (not chr(c).isalnum()) == bool(odd.match(chr(c))), hex(c)


def test_compact_patterns_take_compact_keys_only():
    with pytest.raises(ValueError):
        compact_pattern("总 计")


@given(_TEXTS)
def test_field_splitting(text):
    for line in text.split("\n"):
        fields = re.split(r" *[\t|] *| {2,}", line)
        assert RE_FIELD_SEP.split(line) == fields
        if "\t" not in line and "  " not in line.replace("|  ", "|").replace("  |", "|"):
            # the quick split of _line_fields: the same fields but for spaces at their ends
            assert [f.strip() for f in line.split("|")] == [f.strip() for f in fields]


# the characters of table lines: numbers, placeholders, units, labels (with 无 in them), separators
_CELL_TEXTS = st.lists(
    st.sampled_from(
        list(" \t|/—-–无.,+0123456789件万元%") + list("一三不予公开总计") + ["  ", "\u3000", "１", "1500"]
    ),
    max_size=40,
).map("".join)


@given(_CELL_TEXTS)
def test_token_matches_are_the_token_regex_matches(field):
    expected = [(m.span(), m.groups()) for m in RE_TOKEN.finditer(field)]
    assert [(m.span(), m.groups()) for m in _token_matches(field)] == expected


@given(_CELL_TEXTS)
def test_fields_without_tokens_are_told_before_the_token_search(field):
    if RE_TOKEN.search(field):
        assert _may_hold_tokens(field)


@given(_CELL_TEXTS)
def test_line_fields_are_the_tokens_of_each_field(line):
    """The quick paths of _line_fields (pipe split, space-run split, lookups, the label dropped)
    against the plain formulation: each field's token, or its tokens as _field_tokens reads them."""
    line = line.replace("\n", " ")
    expected = []
    for field in RE_FIELD_SEP.split(line):
        plain = PLAIN_FIELDS.get(field.strip())
        expected += [plain] if plain is not None else _field_tokens(field)
    assert _line_fields(line) == expected


@given(st.lists(st.sampled_from(["\n", " ", "\t", "-1-", "— 12 —", "第3页", "第 2 页 共 9 页", "x", "页"])))
def test_page_footers_are_blanked(pieces):
    text = "".join(pieces)
    footer = re.compile(
        r"^[ \t]*(?:[-—–][ \t]*\d{1,3}[ \t]*[-—–]|第[ \t]*\d{1,3}[ \t]*页(?:[ \t]*共[ \t]*\d{1,3}[ \t]*页)?)[ \t]*$",
        re.M,
    )
    assert _prepare(text)[1] == footer.sub(lambda m: " " * len(m.group()), for_matching(text))


_TOKEN = st.one_of(
    st.integers(0, 5000).map(lambda n: Tok(str(n), n)),
    st.just(Tok("", None, "blank")),
    st.just(Tok("/", None, "slash")),
    st.decimals(0, 99, places=2).map(lambda d: Tok(str(d), d)),
)


@given(st.data(), st.sampled_from(["applications", "art20_6", "art20_8"]))
def test_rows_printed_as_is_are_what_assemble_makes_of_them(data, grid_key):
    """The readers' shortcut: a row printed_as_is goes in as printed, exactly as assemble would
    put it, with no note but the record of its blank cells (``note_printed``, as the shortcut
    makes it)."""
    report = Report.empty("2021")
    table = report.tables[grid_key]
    row = table.grid.rows[0].key
    cells = [(row, c) for c in table.grid.column_keys]
    tokens = data.draw(st.lists(_TOKEN, min_size=len(cells) - 1, max_size=len(cells) + 1))
    if not printed_as_is(tokens, cells, table.grid):
        return
    assemble(report, table, [Reading("row", cells, tokens)])
    assert table.row_values(row) == [t.value for t in tokens]
    shortcut = Report.empty("2021")
    note_printed(shortcut, shortcut.tables[grid_key], cells, tokens)
    assert report.notes == shortcut.notes


# ---------------------------------------------------------------- tables printed one row per line

_LINE_EDITS = (
    lambda line: line.replace(" | ", " |  | ", 1),  # a cell too many
    lambda line: re.sub(r"\| \d+ ", "|  ", line, count=1),  # a number lost
    lambda line: re.sub(r"\| (\d+) ", r"| \g<1>.5 ", line, count=1),  # a decimal in a count column
    lambda line: re.sub(r"\| (\d+) ", r"| \\-\g<1> ", line, count=1),  # a negative number
    lambda line: re.sub(r"\| (\d+) ", r"| \g<1>0000 ", line, count=1),  # a large number
    lambda line: re.sub(r"\| (\d+) ", "| / ", line, count=1),  # a placeholder
    lambda line: line.replace("|", "\t"),  # tab-separated
    lambda line: line.replace("|", ""),  # separators lost
    lambda line: "",  # a line lost
    lambda line: line + "\n" + line,  # a line twice
    lambda line: "注：单位为件\n" + line,  # prose between the rows
    "swap",  # this line and the next change places
)


@given(
    st.integers(0, 10_000),
    st.sampled_from(["2021", "2019"]),
    st.lists(st.tuples(st.integers(0, 200), st.sampled_from(_LINE_EDITS)), max_size=3),
    st.booleans(),
)
@settings(deadline=None)  # the first example imports the writers
def test_the_quick_path_for_line_tables_reads_what_the_general_reader_reads(seed, version, edits, tabs):
    """Tables printed one row per line are read by ``_lines`` without the general reader; where
    it accepts a table (intact or damaged), both readers give the same report."""
    import random

    from gongkai.annual.example import random_report
    from gongkai.annual.readers import _lines, text
    from gongkai.annual.writers.markdown import render_markdown

    lines = render_markdown(random_report(random.Random(seed), version)).decode("utf-8").split("\n")
    table_lines = [i for i, line in enumerate(lines) if line.startswith("|")]
    for where, edit in edits:
        i = table_lines[where % len(table_lines)]
        if edit == "swap":
            lines[i : i + 2] = reversed(lines[i : i + 2])
        else:
            lines[i] = edit(lines[i])
    if tabs:
        lines = [line.replace("|", "\t") if line.startswith("|") else line for line in lines]
    source = "\n".join(lines)

    accepted = []
    read_line_grids = _lines.read_line_grids

    def spy(*args):
        cells = read_line_grids(*args)
        accepted.append(cells is not None)
        return cells

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(text, "read_line_grids", spy)
        quick = read_text(source).to_json()
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(text, "_read_lines", lambda *args: False)
        general = read_text(source).to_json()
    assert quick == general
    if not edits:
        assert accepted == [True, True]  # tables 二 and 三, intact: the quick path read both


def _detect_format_plainly(mtext: str, year: int | None) -> tuple[str, str]:
    """The rule of ``detect_format``, every marker counted."""
    from gongkai.annual.layout import layout_for_year
    from gongkai.annual.readers.text import EXTRA_HINTS

    whole = compact(mtext, normalised=True)
    scores = {
        layout.version: sum(compact(m) in whole for m in layout.markers)
        for layout in (LAYOUT_2021, LAYOUT_2019, LAYOUT_PRE2019)  # (ties go to the first)
    }
    for pattern, version in EXTRA_HINTS:
        scores[version] += bool(pattern.search(mtext))
    best = max(scores.values())
    if best == 0:
        return (layout_for_year(year).version, "year") if year is not None else ("2021", "default")
    tied = [v for v, s in scores.items() if s == best]
    if len(tied) > 1 and year is not None and layout_for_year(year).version in tied:
        return layout_for_year(year).version, "markers"
    return tied[0], "markers"


_MARKER_PIECES = st.sampled_from(
    [m for layout in (LAYOUT_2021, LAYOUT_2019) for m in layout.markers]
    + ["依申请公开政府信息和不予公开政府信息的情况", "指标名称", "历年累计", "〔2021〕30号", "〔2019〕60号"]
    + ["本年", "处理", " ", "\n", "，", "情况"]
)


@given(st.lists(_MARKER_PIECES, max_size=14), st.one_of(st.none(), st.integers(2005, 2026)))
def test_format_detection_scores_as_counting_every_marker(pieces, year):
    from gongkai.annual.readers.text import detect_format

    mtext = for_matching("".join(pieces))
    assert detect_format(CompactSearch(mtext), year) == _detect_format_plainly(mtext, year)
