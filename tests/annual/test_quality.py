"""The quality checks beyond arithmetic: XY-JUMP, DUP-TEXT, TBL-ZERO, PEER-RANGE (annual.checks.quality)."""

from __future__ import annotations

import random

from gongkai.annual.checks import CheckOptions, Severity, run_checks
from gongkai.annual.example import random_report
from gongkai.annual.model import AgencyKind, AgencyLevel, Note, Report
from gongkai.annual.peers import KEY_FIGURES, digest, key_figures, quartile_table
from gongkai.annual.readers import read_path

from .test_checks import _previous, make_report, set_row


def found(report: Report, code: str, previous=None, peers=(), **options):
    findings = run_checks(report, previous, CheckOptions(**options), peers=peers)
    return [f for f in findings if f.code == code and f.severity is not Severity.SKIPPED]


# ---------------------------------------------------------------- XY-JUMP


def test_key_figures_are_declared_once_and_labelled_as_printed():
    report = make_report()
    labels = {f.key: f.label(report.layout) for f in KEY_FIGURES}
    assert labels["new_received"] == "表三“一、本年新收政府信息公开申请数量”总计"
    assert labels["litigation_direct"] == "表四“行政诉讼·未经复议直接起诉”总计"
    assert labels["normative_docs_made"] == "表二第二十条第（一）项“行政规范性文件”本年制发件数"
    assert key_figures(report)["new_received"] == 10
    assert "normative_docs_made" not in key_figures(make_report("2019", 2020))  # 2019 counts other things


def test_xy_jump_is_quiet_for_an_ordinary_year():
    assert found(make_report(), "XY-JUMP", _previous()) == []


def test_xy_jump_flags_a_tenfold_rise_and_a_fall():
    previous = _previous()
    report = make_report()
    report.tables["art20_6"].set("admin_penalty", "decisions", 1200)
    previous.tables["art20_6"].set("admin_penalty", "decisions", 100)
    report.tables["art20_5"].set("admin_licensing", "decisions", 15)
    previous.tables["art20_5"].set("admin_licensing", "decisions", 300)
    findings = found(report, "XY-JUMP", previous)
    assert [f.cells for f in findings] == [
        ("active.art20_5.admin_licensing.decisions",),
        ("active.art20_6.admin_penalty.decisions",),
    ]
    assert all(f.severity is Severity.WARNING for f in findings)
    licensing, penalty = findings
    assert (
        "表二第二十条第（六）项“行政处罚”本年处理决定数量：本年 1200，2022 年度 100，增至上年的 12 倍"
        in penalty.message_zh
    )
    assert "1200 this year, 100 in 2022" in penalty.message_en
    assert "降至上年的 5%" in licensing.message_zh
    # configurable: a higher ratio lets the rise pass
    assert len(found(report, "XY-JUMP", previous, jump_ratio=20, drop_ratio=0.01)) == 0


def test_xy_jump_leaves_small_numbers_alone_and_flags_zero_after_many():
    previous, report = _previous(), make_report()
    report.tables["review_litigation"].set("reconsideration", "total", 9)
    previous.tables["review_litigation"].set("reconsideration", "total", 1)  # 9× but both below 10
    report.tables["art20_1"].set("normative_docs", "valid", 0)
    previous.tables["art20_1"].set("normative_docs", "valid", 45)
    (finding,) = found(report, "XY-JUMP", previous)
    assert finding.cells == ("active.art20_1.normative_docs.valid",)
    assert "本年为 0" in finding.message_zh
    assert found(report, "XY-JUMP", previous, jump_zero_from=50) == []
    assert len(found(report, "XY-JUMP", previous, jump_floor=1)) == 2


def test_xy_jump_needs_last_years_report_of_the_same_agency():
    previous = _previous()
    previous.tables["art20_6"].set("admin_penalty", "decisions", 1000)
    assert found(make_report(), "XY-JUMP") == []
    previous.agency.name = "另一个局"
    assert found(make_report(), "XY-JUMP", previous) == []


# ---------------------------------------------------------------- DUP-TEXT

OWN_OVERVIEW = (
    "本年度，我局以数据开放为重点，上线统计数据查询系统，全年发布开放数据集四十个。"
    "邀请企业代表座谈三次，根据意见调整了公开目录的分类，并对历年规范性文件开展了一次全面清理。"
)


def test_dup_text_flags_a_report_mostly_copied_from_last_year():
    previous = _previous()
    report = make_report()
    report.sections["overview"] = previous.sections["overview"]
    report.sections["problems"] = previous.sections["problems"]
    (finding,) = found(report, "DUP-TEXT", previous)
    assert finding.severity is Severity.WARNING
    assert "与 2022 年度报告相同" in finding.message_zh and "（一、总体情况" in finding.message_zh
    assert set(finding.cells) == {"sections.overview", "sections.problems"}
    assert found(report, "DUP-TEXT", previous, duplicate_share=1.01, duplicate_section_share=1.01) == []


def test_dup_text_says_nothing_of_text_of_its_own():
    report = make_report()
    report.sections["overview"] = OWN_OVERVIEW
    assert found(report, "DUP-TEXT", _previous()) == []


def test_dup_text_flags_a_copy_of_another_agencys_report():
    report, other, third = make_report(), make_report(name="某县另一局"), make_report(name="某县第三局")
    third.sections.update(overview=OWN_OVERVIEW, problems="本局的问题在于人手不足，来年增设专岗一名。")
    (finding,) = found(report, "DUP-TEXT", peers=[other, third])
    assert "与其他机关的报告雷同：某县另一局（100%）" in finding.message_zh
    assert "某县第三局" not in finding.message_zh
    # its own report among the peers (same agency) is not "another agency's"
    assert found(report, "DUP-TEXT", peers=[make_report()]) == []
    # digests work as peers (what a batch keeps)
    assert len(found(report, "DUP-TEXT", peers=[digest(other)])) == 1


# ---------------------------------------------------------------- TBL-ZERO


def test_tbl_zero_is_silent_without_the_readers_notes():
    report = make_report()
    report.applications.set("r_open", "org_research", None)  # blank, but nobody said how it was printed
    assert found(report, "TBL-ZERO") == []


def test_tbl_zero_flags_blank_cells_among_zeros():
    report = make_report()
    for column in ("org_research", "org_public_welfare"):
        report.applications.set("r_deny_state_secret", column, None)
    report.notes.append(
        Note(
            "CELL-BLANK",
            "“1.属于国家秘密”有单元格空白",
            (
                "applications.r_deny_state_secret.org_research",
                "applications.r_deny_state_secret.org_public_welfare",
            ),
        )
    )
    (finding,) = found(report, "TBL-ZERO")
    assert finding.severity is Severity.WARNING
    assert "0、空白混用" in finding.message_zh and "留空的 2 个" in finding.message_zh
    assert finding.cells == (
        "applications.r_deny_state_secret.org_research",
        "applications.r_deny_state_secret.org_public_welfare",
    )


def test_tbl_zero_counts_a_noted_cell_once_and_only_while_blank():
    """A cell noted twice (or by two notes) is one blank cell; a path naming no cell of the table,
    or a cell filled in since the note, is none."""
    report = make_report()
    cell = "applications.r_deny_state_secret.org_research"
    report.applications.set("r_deny_state_secret", "org_research", None)
    report.notes += [
        Note("CELL-BLANK", "空白", (cell, "applications.no_such_row.total", "applications.r_open", cell)),
        Note("CELL-BLANK", "空白", ("applications.r_open.total", cell)),
    ]
    (finding,) = found(report, "TBL-ZERO")
    assert "留空的 1 个" in finding.message_zh
    assert finding.cells == (cell,)


def test_tbl_zero_flags_a_slash_where_the_sums_need_a_number():
    report = make_report()
    report.review_litigation.set("litigation_direct", "other", None)
    report.notes.append(Note("CELL-SLASH", "填“/”", ("review_litigation.litigation_direct.other",)))
    needed, mixed = found(report, "TBL-ZERO")
    assert "填“/”" in needed.message_zh and "没有的应填 0" in needed.message_zh
    assert needed.cells == ("review_litigation.litigation_direct.other",)
    assert "0、“/”混用" in mixed.message_zh


def test_tbl_zero_lets_a_lone_slash_stand_in_table_two():
    """A county department makes no 规章: "/" across that row, outside any 勾稽关系, and no 0 in
    the table to be mixed with — nothing to say. With a 0 beside it: mixed."""
    report = make_report()
    table = report.tables["art20_1"]
    for column in table.grid.column_keys:
        table.set("regulations", column, None)
        table.set("normative_docs", column, 3)
    slashes = tuple(table.path("regulations", c) for c in table.grid.column_keys)
    report.notes.append(Note("CELL-SLASH", "规章 填“/”", slashes))
    assert found(report, "TBL-ZERO") == []
    table.set("normative_docs", "repealed", 0)
    (finding,) = found(report, "TBL-ZERO")
    assert finding.cells == tuple(table.path("regulations", c) for c in table.grid.column_keys)


# ---------------------------------------------------------------- PEER-RANGE


def _county_departments(n: int) -> list[Report]:
    peers = []
    for i in range(n):
        peer = make_report(name=f"某县第{i}局")
        set_row(peer, "new_received", 9 + i % 5, 1)  # 10 … 14
        peers.append(peer)
    return peers


def test_peer_range_flags_a_figure_far_above_similar_agencies():
    report = make_report()
    report.applications.set("new_received", "total", 400)
    peers = _county_departments(10)
    (finding,) = found(report, "PEER-RANGE", peers=peers)
    assert finding.cells == ("applications.new_received.total",)
    assert "高于同类机关（10个，县级政府部门）的上四分位数 13 加 3 倍四分位距（即 19）" in finding.message_zh
    assert "中位数为 12" in finding.message_zh
    assert found(make_report(), "PEER-RANGE", peers=peers) == []


def test_peer_range_needs_enough_peers_of_the_same_kind():
    report = make_report()
    report.applications.set("new_received", "total", 400)
    assert found(report, "PEER-RANGE", peers=_county_departments(7)) == []
    assert len(found(report, "PEER-RANGE", peers=_county_departments(7), peer_min=5)) == 1
    townships = _county_departments(10)
    for peer in townships:
        peer.agency.kind, peer.agency.level = AgencyKind.TOWNSHIP, AgencyLevel.TOWNSHIP
    assert found(report, "PEER-RANGE", peers=townships) == []  # not like it
    assert len(found(report, "PEER-RANGE", peers=townships, peer_match=())) == 1  # configurable
    skipped = [f for f in run_checks(report, peers=townships) if f.code == "PEER-RANGE"]
    assert skipped and skipped[0].severity is Severity.SKIPPED


def test_the_quartile_table_for_a_supervisors_page():
    reports = [random_report(random.Random(i)) for i in range(40)]
    table = {q.figure.key: q for q in quartile_table(reports, min_peers=8)}
    assert set(table) == {f.key for f in KEY_FIGURES}
    q = table["new_received"]
    values = sorted(r.applications.get("new_received", "total") for r in reports)
    assert q.n == 40 and values[0] <= q.q1 <= q.median <= q.q3 <= values[-1]
    assert q.high == q.q3 + 3 * (q.q3 - q.q1)
    assert quartile_table(reports[:5], min_peers=8) == []


# ---------------------------------------------------------------- the real corpus


def test_hongze_2024_against_its_2023_report(corpus):
    """010 → 011, the same district: 37% of the 2024 text repeats 2023 (below the 50% line), and
    the 五 part is not copied whole; the figures moved (95 applications after 21: ×4.5, not ×5)."""
    reports = corpus / "reports"
    r2023 = read_path(reports / "010_hongzequ_2023.txt")
    r2024 = read_path(reports / "011_hongzequ_2024.txt")
    assert found(r2024, "DUP-TEXT", r2023) == []
    (finding,) = found(r2024, "DUP-TEXT", r2023, duplicate_share=0.3)
    assert "约 37% 与 2023 年度报告相同" in finding.message_zh
    assert "扎实推进依申请公开工作" in finding.message_zh
    jumps = found(r2024, "XY-JUMP", r2023)
    assert not [f for f in jumps if "new_received" in f.cells[0]]
    assert len(found(r2024, "XY-JUMP", r2023, jump_ratio=4)) >= 1


def test_the_same_agency_with_or_without_its_region_in_front():
    from gongkai.annual.peers import same_agency

    assert same_agency("淮安市洪泽区人民政府", "洪泽区人民政府")
    assert same_agency("某县 某局", "某县某局")
    assert not same_agency("洪泽区人民政府", "淮安市淮阴区人民政府")
    assert not same_agency("某县农业农村局", "农业农村局x")
    assert not same_agency(None, "某县某局")


def test_xy_jump_checks_only_rises_while_the_year_is_not_over():
    from datetime import date

    previous, report = _previous(), make_report()
    report.tables["art20_5"].set("admin_licensing", "decisions", 15)
    previous.tables["art20_5"].set("admin_licensing", "decisions", 300)
    assert len(found(report, "XY-JUMP", previous)) == 1
    assert found(report, "XY-JUMP", previous, today=date(2023, 11, 1)) == []  # a draft of 2023
    report.tables["art20_6"].set("admin_penalty", "decisions", 1200)
    previous.tables["art20_6"].set("admin_penalty", "decisions", 100)
    (rise,) = found(report, "XY-JUMP", previous, today=date(2023, 11, 1))
    assert rise.cells == ("active.art20_6.admin_penalty.decisions",)
