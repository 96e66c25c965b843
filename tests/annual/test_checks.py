"""Every check: a report that passes it and one that fails it (plus the corpus cases the spec names)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest

from gongkai.annual import Report
from gongkai.annual.checks import REGISTRY, CheckOptions, Finding, Severity, base, run_checks
from gongkai.annual.checks.arithmetic import register_relation_checks
from gongkai.annual.checks.narrative import claims
from gongkai.annual.layout import LAYOUT_2021, Relation
from gongkai.annual.model import Agency, AgencyKind, AgencyLevel, Table

OVERVIEW = (
    "本年度，我局认真贯彻落实《中华人民共和国政府信息公开条例》，扎实推进政府信息公开工作。\n"
    "（一）主动公开情况。本年度通过政府网站主动公开政府信息120条，发布政策解读5篇。\n"
    "（二）依申请公开情况。本年度共收到政府信息公开申请10件，上年结转2件，办结9件，"
    "结转下年度继续办理3件，均在法定期限内予以答复。\n"
    "（三）政府信息管理情况。落实公文公开属性源头认定机制，清理规范性文件。\n"
    "（四）政府信息公开平台建设情况。加强政府网站和政务新媒体日常监管。\n"
    "（五）监督保障情况。开展政务公开业务培训2次，将政务公开纳入年度工作考核。"
)
PROBLEMS = (
    "存在的主要问题：主动公开的深度和广度还不够，政策解读形式较为单一。"
    "改进措施：一是加强政策解读；二是规范依申请公开办理流程；三是加强业务培训。"
)
GOVERNMENT_PROBLEMS = PROBLEMS + "本年度开展社会评议一次，未发生需要责任追究的情形。"


def set_row(report: Report, row: str, natural_person: int, org_commercial: int = 0) -> None:
    """Fill one row of table 三 consistently (the total column is the sum)."""
    table = report.applications
    table.set(row, "natural_person", natural_person)
    table.set(row, "org_commercial", org_commercial)
    table.set(row, "total", natural_person + org_commercial)


def make_report(
    version: str = "2021",
    year: int = 2023,
    kind: AgencyKind | None = AgencyKind.DEPARTMENT,
    level: AgencyLevel | None = AgencyLevel.COUNTY,
    name: str = "某县某局",
) -> Report:
    """A complete, consistent report: every check passes (10 new + 2 carried in = 9 done + 3 out)."""
    report = Report.empty(
        version,
        agency=Agency(name=name, kind=kind, level=level),
        year=year,
        signature_date=date(year + 1, 1, 15),
    )
    for table in report.tables.values():
        for row, column, _ in table.items():
            table.set(row, column, Decimal(0) if table.grid.column(column).decimal else 0)
    set_row(report, "new_received", 9, 1)
    set_row(report, "carried_over_in", 2)
    set_row(report, "r_open", 5, 1)
    set_row(report, "r_unable_not_held", 3)
    set_row(report, "r_total", 8, 1)
    set_row(report, "carried_over_out", 3)
    report.sections.update(
        overview=OVERVIEW,
        active="见下表。",
        applications="见下表。",
        review_litigation="见下表。",
        problems=GOVERNMENT_PROBLEMS if kind is AgencyKind.GOVERNMENT else PROBLEMS,
        other="无",
    )
    return report


def found(report: Report, code: str, previous: Report | None = None, **options) -> list[Finding]:
    """The findings of one check, SKIPPED ones left out."""
    findings = run_checks(report, previous=previous, options=CheckOptions(**options))
    return [f for f in findings if f.code == code and f.severity is not Severity.SKIPPED]


def skips(report: Report, code: str, previous: Report | None = None) -> list[Finding]:
    return [
        f for f in run_checks(report, previous=previous) if f.code == code and f.severity is Severity.SKIPPED
    ]


def only(report: Report, code: str, previous: Report | None = None, **options) -> Finding:
    result = found(report, code, previous, **options)
    assert len(result) == 1, result
    return result[0]


def test_the_consistent_report_passes_every_check():
    report = make_report()
    bad = [f for f in run_checks(report) if f.severity is not Severity.SKIPPED]
    assert bad == []


def test_a_previous_report_that_follows_on_passes_the_cross_year_checks():
    findings = run_checks(make_report(), previous=_previous())
    assert [f for f in findings if f.severity is not Severity.SKIPPED] == []


def test_every_check_registered_has_messages_in_both_languages():
    for code, spec in REGISTRY.items():
        assert spec.title_zh and spec.title_en, code
    findings = run_checks(Report.empty("2021"))  # an empty report: nothing may crash
    assert all(f.message_zh and f.message_en for f in findings)
    assert not [f for f in findings if "未能完成" in f.message_zh]


@pytest.mark.parametrize("version", ["2021", "2019", "pre2019"])
def test_no_check_crashes_on_an_empty_report(version):
    for f in run_checks(Report.empty(version), previous=Report.empty(version)):
        assert "未能完成" not in f.message_zh, f


# ---------------------------------------------------------------- arithmetic (existing checks)


def test_t3_bal():
    report = make_report()
    assert found(report, "T3-BAL") == []
    report.applications.set("carried_over_out", "natural_person", 4)
    report.applications.set("carried_over_out", "total", 4)
    result = found(report, "T3-BAL")
    assert result and {f.severity for f in result} == {Severity.ERROR}
    assert "applications.carried_over_out.natural_person" in result[0].cells


def test_t3_out():
    report = make_report()
    assert found(report, "T3-OUT") == []
    report.applications.set("r_open", "org_commercial", 2)
    result = found(report, "T3-OUT")
    assert result and result[0].severity is Severity.ERROR
    assert "applications.r_open.org_commercial" in result[0].cells


def test_t3_row():
    report = make_report()
    assert found(report, "T3-ROW") == []
    report.applications.set("r_open", "total", 7)
    finding = only(report, "T3-ROW")
    assert finding.severity is Severity.ERROR
    assert "applications.r_open.total" in finding.cells


def test_t4_sum():
    report = make_report()
    assert found(report, "T4-SUM") == []
    report.review_litigation.set("reconsideration", "upheld", 10)  # 010's misprint: 维持10, 总计0
    finding = only(report, "T4-SUM")
    assert finding.severity is Severity.ERROR
    assert finding.cells[0] == "review_litigation.reconsideration.total"


def test_a_relation_declared_on_a_grid_is_a_check_with_its_title_and_message(monkeypatch):
    monkeypatch.setattr(base, "REGISTRY", dict(base.REGISTRY))  # the new check only for this test
    relation = Relation(
        "T2-TEST",
        "columns",
        ("valid",),
        ("made",),
        "“{row}”：现行有效 {lhs} 件，本年制发 {rhs} 件",
        "“{row}”: {lhs} in force, {rhs} made",
        title_zh="表二：现行有效等于本年制发",
        title_en="Table 2: in force equals made",
    )
    grid = replace(LAYOUT_2021.grid("art20_1"), relations=(relation,))
    register_relation_checks([grid])
    assert (base.REGISTRY["T2-TEST"].title_zh, base.REGISTRY["T2-TEST"].title_en) == (
        "表二：现行有效等于本年制发",
        "Table 2: in force equals made",
    )
    report = make_report()
    report.tables["art20_1"] = Table(grid, {cell: 0 for cell in grid.cells()})
    assert found(report, "T2-TEST") == []
    report.tables["art20_1"].set("regulations", "valid", 3)
    finding = only(report, "T2-TEST")
    assert finding.severity is Severity.ERROR
    assert (finding.message_zh, finding.message_en) == (
        "“规章”：现行有效 3 件，本年制发 0 件",
        "“规章”: 3 in force, 0 made",
    )
    assert finding.cells == ("active.art20_1.regulations.valid", "active.art20_1.regulations.made")


def test_cell_int():
    report = make_report()
    assert found(report, "CELL-INT") == []
    report.tables["art20_6"].set("admin_penalty", "decisions", -1)
    finding = only(report, "CELL-INT")
    assert finding.severity is Severity.ERROR
    assert finding.cells == ("active.art20_6.admin_penalty.decisions",)


# ---------------------------------------------------------------- FMT-VERSION


def test_fmt_version_passes_when_the_format_matches_the_year():
    assert found(make_report("2021", 2023), "FMT-VERSION") == []
    assert found(make_report("2019", 2020), "FMT-VERSION") == []


def test_fmt_version_2019_format_for_2021_onwards_is_an_error():
    finding = only(make_report("2019", 2022), "FMT-VERSION")
    assert finding.severity is Severity.ERROR
    assert finding.cells == ("format", "year")
    assert "2019 年试行格式" in finding.message_zh


def test_fmt_version_2021_format_for_2020_is_an_anachronism_warning():
    assert only(make_report("2021", 2020), "FMT-VERSION").severity is Severity.WARNING


def test_fmt_version_old_structure_after_2019_is_an_error():
    report = Report.empty("pre2019", year=2020)
    assert only(report, "FMT-VERSION").severity is Severity.ERROR


def test_fmt_version_unknown_year_is_skipped():
    report = make_report()
    report.year = None
    assert found(report, "FMT-VERSION") == [] and skips(report, "FMT-VERSION")


# ---------------------------------------------------------------- SEC-MISSING / SEC-EMPTY / FEE-SEC6


def test_sec_missing():
    report = make_report()
    assert found(report, "SEC-MISSING") == []
    report.sections["problems"] = None
    report.sections["other"] = None
    finding = only(report, "SEC-MISSING")
    assert finding.severity is Severity.ERROR
    assert finding.cells == ("sections.problems", "sections.other")
    assert "五、存在的主要问题及改进情况" in finding.message_zh


def test_sec_missing_is_skipped_for_pre2019_reports():
    report = Report.empty("pre2019", year=2018)
    assert found(report, "SEC-MISSING") == [] and skips(report, "SEC-MISSING")


def test_sec_empty_passes_with_substantive_text_and_six_saying_nothing():
    report = make_report()
    report.sections["other"] = "无。"
    assert found(report, "SEC-EMPTY") == []


@pytest.mark.parametrize("text", ["无", "暂无。", "  ", "存在问题：无。"])
def test_sec_empty_flags_a_trivial_problems_section(text):
    report = make_report()
    report.sections["problems"] = text
    finding = only(report, "SEC-EMPTY")
    assert finding.severity is Severity.WARNING
    assert finding.cells == ("sections.problems",)


def test_sec_empty_minimum_is_configurable():
    report = make_report()
    assert {f.cells for f in found(report, "SEC-EMPTY", min_section_chars=500)} == {
        ("sections.overview",),
        ("sections.problems",),
    }


def test_fee_sec6_passes_when_no_fee_notice_was_issued_and_six_is_none():
    assert found(make_report(), "FEE-SEC6") == []


def test_fee_sec6_passes_when_six_mentions_the_fee():
    report = make_report()
    set_row(report, "r_other_fee_unpaid", 1)
    set_row(report, "r_unable_not_held", 2)
    report.sections["other"] = "本年度发出收费通知1份，申请人逾期未缴纳，未实际收取信息处理费。"
    assert found(report, "FEE-SEC6") == []


def test_fee_sec6_flags_six_saying_nothing_while_fees_were_due():
    report = make_report()
    set_row(report, "r_other_fee_unpaid", 1)
    set_row(report, "r_unable_not_held", 2)
    finding = only(report, "FEE-SEC6")
    assert finding.severity is Severity.WARNING
    assert finding.cells == ("applications.r_other_fee_unpaid.total", "sections.other")


def test_fee_sec6_is_skipped_for_the_2019_format():
    report = make_report("2019", 2020)
    assert found(report, "FEE-SEC6") == [] and skips(report, "FEE-SEC6")


# ---------------------------------------------------------------- SEC1-SUBTOPICS / SEC1-GOV-ASSESS


def test_subtopics_pass_when_all_five_are_covered():
    assert found(make_report(), "SEC1-SUBTOPICS") == []


def test_subtopics_list_the_missing_ones():
    report = make_report()
    report.sections["overview"] = OVERVIEW.replace(
        "（三）政府信息管理情况。落实公文公开属性源头认定机制，清理规范性文件。\n", ""
    )
    finding = only(report, "SEC1-SUBTOPICS")
    assert finding.severity is Severity.WARNING
    assert finding.cells == ("sections.overview",)
    assert "政府信息管理" in finding.message_zh and "依申请公开" not in finding.message_zh.split("（")[0]


def test_subtopics_without_sub_headings_use_keywords_anywhere():
    report = make_report()
    report.sections["overview"] = "本年度主动公开政府信息100条，未收到政府信息公开申请，加强政府网站建设。"
    finding = only(report, "SEC1-SUBTOPICS")
    assert "政府信息管理、监督保障" in finding.message_zh


def test_subtopics_on_the_seed_report_miss_on_request_and_information_management(corpus):
    text = (corpus / "reports" / "012_suibin_yshj_2023.txt").read_text(encoding="utf-8")
    overview = text[text.index("一、总体情况") + len("一、总体情况") : text.index("## 二、主动公开")]
    report = make_report(year=2023)
    report.sections["overview"] = overview
    finding = only(report, "SEC1-SUBTOPICS")
    missing = finding.message_zh.split("未涉及")[1].split("（")[0]
    assert missing == "依申请公开、政府信息管理"


def test_gov_assess_passes_for_a_government_that_reports_all_three():
    assert found(make_report(kind=AgencyKind.GOVERNMENT), "SEC1-GOV-ASSESS") == []


def test_gov_assess_does_not_apply_to_departments():
    report = make_report(kind=AgencyKind.DEPARTMENT)
    report.sections["overview"] = OVERVIEW.replace("考核", "")
    assert found(report, "SEC1-GOV-ASSESS") == [] and not skips(report, "SEC1-GOV-ASSESS")


def test_gov_assess_flags_a_government_that_omits_them():
    report = make_report(kind=AgencyKind.GOVERNMENT)
    report.sections["problems"] = PROBLEMS
    finding = only(report, "SEC1-GOV-ASSESS")
    assert finding.severity is Severity.WARNING
    assert "社会评议、责任追究" in finding.message_zh
    assert finding.cells == ("sections.overview", "sections.problems")


def test_gov_assess_unknown_kind_is_skipped():
    report = make_report(kind=None)
    assert found(report, "SEC1-GOV-ASSESS") == [] and skips(report, "SEC1-GOV-ASSESS")


# ---------------------------------------------------------------- PUB-DEADLINE


def test_deadline_passes_on_the_last_day():
    report = make_report()
    report.signature_date = date(2024, 1, 31)
    assert found(report, "PUB-DEADLINE") == []


def test_deadline_late_department_is_an_error_naming_the_date_used():
    report = make_report()
    report.signature_date = date(2024, 2, 5)
    finding = only(report, "PUB-DEADLINE")
    assert finding.severity is Severity.ERROR
    assert finding.cells == ("dates.signature",)
    assert finding.message_zh.startswith(
        "报告落款日期 2024年2月5日 晚于法定发布期限 2024年1月31日（县级以上人民政府部门）"
    )


def test_deadline_prefers_the_publication_date():
    report = make_report()
    report.signature_date = date(2024, 1, 20)
    report.publication_date = date(2024, 2, 2)
    finding = only(report, "PUB-DEADLINE")
    assert finding.cells == ("dates.publication",) and "发布日期" in finding.message_zh


def test_deadline_government_has_until_march_31():
    report = make_report(kind=AgencyKind.GOVERNMENT)
    report.signature_date = date(2024, 3, 31)
    assert found(report, "PUB-DEADLINE") == []
    report.signature_date = date(2024, 4, 1)
    assert only(report, "PUB-DEADLINE").severity is Severity.ERROR


def test_deadline_is_configurable_and_local_deadlines_only_warn():
    report = make_report(kind=AgencyKind.TOWNSHIP)
    report.signature_date = date(2024, 2, 15)
    assert only(report, "PUB-DEADLINE").severity is Severity.WARNING
    deadlines = CheckOptions().deadlines | {"township": (2, 20)}
    assert found(report, "PUB-DEADLINE", deadlines=deadlines) == []


def test_deadline_unknown_kind_assumes_a_department_and_warns():
    report = make_report(kind=None)
    report.signature_date = date(2024, 2, 5)
    finding = only(report, "PUB-DEADLINE")
    assert finding.severity is Severity.WARNING and "机关类型未知" in finding.message_zh


def test_deadline_without_dates_is_skipped():
    report = make_report()
    report.signature_date = None
    assert found(report, "PUB-DEADLINE") == [] and skips(report, "PUB-DEADLINE")


def test_deadline_pre2019_years_use_march_31():
    report = Report.empty("pre2019", year=2018, agency=Agency(kind=AgencyKind.DEPARTMENT))
    report.signature_date = date(2019, 3, 1)
    assert found(report, "PUB-DEADLINE") == []


# ---------------------------------------------------------------- PUB-SIGNED


def test_signed_shortly_before_publication_passes():
    report = make_report()
    report.signature_date, report.publication_date = date(2024, 1, 2), date(2024, 1, 31)
    assert found(report, "PUB-SIGNED") == []
    report.publication_date = date(2024, 2, 1)  # 30 days: still fine
    assert found(report, "PUB-SIGNED") == []
    report.publication_date = report.signature_date  # the same day
    assert found(report, "PUB-SIGNED") == []


def test_signed_long_before_publication_is_a_warning():
    report = make_report()
    report.signature_date, report.publication_date = date(2024, 1, 2), date(2024, 2, 2)
    finding = only(report, "PUB-SIGNED")
    assert finding.severity is Severity.WARNING
    assert finding.cells == ("dates.signature", "dates.publication")
    assert finding.message_zh.startswith(
        "落款日期 2024年1月2日 比发布日期 2024年2月2日 早 31 天（超过 30 天）"
    )
    assert "31 days before" in finding.message_en


def test_the_signing_gap_is_configurable():
    report = make_report()
    report.signature_date, report.publication_date = date(2024, 1, 2), date(2024, 2, 2)
    assert found(report, "PUB-SIGNED", signature_gap_days=60) == []
    assert only(report, "PUB-SIGNED", signature_gap_days=7).message_zh.find("超过 7 天") > 0


def test_signed_after_publication_is_a_warning():
    report = make_report()
    report.signature_date, report.publication_date = date(2024, 1, 20), date(2024, 1, 18)
    finding = only(report, "PUB-SIGNED")
    assert (
        finding.severity is Severity.WARNING and "晚于发布日期 2024年1月18日（晚 2 天）" in finding.message_zh
    )


def test_without_a_publication_date_the_signing_date_is_not_compared():
    report = make_report()  # signed, not published (a draft)
    assert report.publication_date is None
    assert found(report, "PUB-SIGNED") == [] and skips(report, "PUB-SIGNED") == []


# ---------------------------------------------------------------- TBL-MISSING / TBL-BLANK


def test_tbl_missing():
    report = make_report()
    assert found(report, "TBL-MISSING") == []
    del report.tables["review_litigation"]
    for row, column, _ in report.tables["art20_8"].items():
        report.tables["art20_8"].set(row, column, None)
    finding = only(report, "TBL-MISSING")
    assert finding.severity is Severity.ERROR
    assert finding.cells == ("active.art20_8", "review_litigation")
    assert found(report, "TBL-BLANK") == []  # an absent table is not also "blank cells"


def test_tbl_blank_lists_the_cells():
    report = make_report()
    assert found(report, "TBL-BLANK") == []
    table = report.applications
    for row in ("r_open", "r_partial"):
        table.set(row, "total", None)  # the S9 pattern: 总计 column left blank
    finding = only(report, "TBL-BLANK")
    assert finding.severity is Severity.WARNING
    assert finding.cells == ("applications.r_open.total", "applications.r_partial.total")
    assert "（一）予以公开（总计）" in finding.message_zh


def test_tbl_blank_names_whole_rows_and_counts_the_rows_past_six():
    report = make_report()
    table = report.applications
    rows = table.grid.row_keys[:8]
    for row in rows:
        for column in table.grid.column_keys:
            table.set(row, column, None)
    table.set(table.grid.row_keys[9], "total", None)
    finding = only(report, "TBL-BLANK")
    described = finding.message_zh.split("：", 1)[1]
    shown = [f"{table.grid.row(row).label}（整行）" for row in rows[:6]]
    assert described == "；".join([*shown, "等共 9 行"])
    one_column = report.tables["art20_6"]  # a grid of one column: its rows are named alone
    one_column.set("admin_coercion", "decisions", None)
    cells = ("active.art20_6.admin_coercion.decisions",)
    (blank_row,) = [f for f in found(report, "TBL-BLANK") if f.cells == cells]
    assert blank_row.message_zh.endswith(f"：{one_column.grid.row('admin_coercion').label}")


# ---------------------------------------------------------------- UNIT-MONEY


def test_unit_money_passes_for_a_plausible_amount():
    report = make_report()
    report.tables["art20_8"].set("admin_fees", "amount", Decimal("12.35"))
    assert found(report, "UNIT-MONEY") == []


def test_unit_money_flags_an_amount_in_yuan():
    report = make_report()
    report.tables["art20_8"].set("admin_fees", "amount", Decimal(251000))  # "251000元" (S9)
    finding = only(report, "UNIT-MONEY")
    assert finding.severity is Severity.WARNING
    assert finding.cells == ("active.art20_8.admin_fees.amount",)


def test_unit_money_threshold_depends_on_the_level():
    report = make_report(level=AgencyLevel.CITY)
    report.tables["art20_8"].set("admin_fees", "amount", Decimal("96171.6"))  # 009, a whole city
    assert found(report, "UNIT-MONEY") == []


def test_unit_money_flags_precision_below_one_yuan():
    report = make_report()
    report.tables["art20_8"].set("admin_fees", "amount", Decimal("1.234567"))
    assert only(report, "UNIT-MONEY").severity is Severity.WARNING


def test_unit_money_flags_a_reader_note_about_yuan():
    report = make_report()
    report.note(
        "UNIT", "本年收费金额单元格写作“3500元”，已换算为 0.35 万元", "active.art20_8.admin_fees.amount"
    )
    assert only(report, "UNIT-MONEY").severity is Severity.WARNING
    other = make_report()
    other.note("UNIT", "收费金额单位为万元")  # 万元 is the right unit
    assert found(other, "UNIT-MONEY") == []


# ---------------------------------------------------------------- TXT-NUM


def test_txt_num_passes_when_the_narrative_agrees():
    assert found(make_report(), "TXT-NUM") == []


def test_txt_num_flags_a_figure_the_table_contradicts():
    report = make_report()
    report.sections["overview"] = OVERVIEW.replace("收到政府信息公开申请10件", "收到政府信息公开申请17件")
    finding = only(report, "TXT-NUM")
    assert finding.severity is Severity.WARNING
    assert finding.cells == ("applications.new_received.total", "sections.overview")
    assert "收到政府信息公开申请17件" in finding.message_zh and "10" in finding.message_zh


def test_txt_num_checks_review_and_litigation():
    report = make_report()
    report.review_litigation.set("reconsideration", "upheld", 1)
    report.review_litigation.set("reconsideration", "total", 1)
    report.sections["overview"] += "本年度发生政府信息公开行政复议1件，其中结果维持1件；行政诉讼2件。"
    finding = only(report, "TXT-NUM")
    assert finding.cells == (
        "review_litigation.litigation_direct.total",
        "review_litigation.litigation_after_reconsideration.total",
        "sections.overview",
    )


def test_txt_num_ignores_breakdowns_and_comparisons():
    report = make_report()
    report.sections["overview"] += (
        "其中，通过网络收到申请6件，信函收到4件。较上年收到申请20件有所下降。"
        "全年办理12345热线工单300件。新增公开规章1件。共答复申请9件，其中予以公开答复6件，不予受理1件。"
    )
    assert found(report, "TXT-NUM") == []


def test_txt_num_reads_no_application_as_zero():
    report = make_report()
    report.sections["overview"] = "本年度未收到政府信息公开申请。"
    finding = only(report, "TXT-NUM")
    assert finding.cells[0] == "applications.new_received.total"


def test_txt_num_with_blank_cells_is_skipped():
    report = make_report()
    report.applications.set("new_received", "total", None)
    assert found(report, "TXT-NUM") == [] and skips(report, "TXT-NUM")


def test_txt_num_claims_handle_chinese_numerals_and_carry_over_in_parentheses():
    text = "共受理政府信息公开申请十二件（含上年度结转申请两件），答复十件，另有2件顺延到下年度答复。"
    assert [(c.kind, c.value) for c in claims(text, 2023)] == [
        ("received", 12),
        ("carried_in", 2),
        ("answered", 10),
        ("carried_out", 2),
    ]


def _overview(text: str) -> str:
    return text[text.index("一、总体情况") : text.index("二、主动公开政府信息情况")]


def test_txt_num_on_huaian_2024_finds_nothing(corpus):
    """009 is fully consistent, narrative included (3119 / 3050 / 34 / 103, and table 四)."""
    report = make_report(year=2024, kind=AgencyKind.GOVERNMENT, level=AgencyLevel.CITY, name="淮安市人民政府")
    report.sections["overview"] = _overview((corpus / "reports" / "009_huaian_2024.txt").read_text("utf-8"))
    t3, t4 = report.applications, report.review_litigation
    for row, value in (
        ("new_received", 3119),
        ("carried_over_in", 34),
        ("r_total", 3050),
        ("carried_over_out", 103),
    ):
        t3.set(row, "total", value)
    for row, values in (
        ("reconsideration", (72, 64, 178, 37, 351)),
        ("litigation_direct", (13, 4, 8, 1, 26)),
        ("litigation_after_reconsideration", (12, 1, 1, 6, 20)),
    ):
        for column, value in zip(t4.grid.column_keys, values, strict=True):
            t4.set(row, column, value)
    assert found(report, "TXT-NUM") == []
    assert len(list(claims(report.sections["overview"], 2024))) >= 14  # it did compare


def test_txt_num_on_hongzequ_2024_flags_17_against_95(corpus):
    report = make_report(year=2024, kind=AgencyKind.GOVERNMENT, name="淮安市洪泽区人民政府")
    report.sections["overview"] = _overview((corpus / "reports" / "011_hongzequ_2024.txt").read_text("utf-8"))
    report.applications.set("new_received", "total", 95)
    report.applications.set("carried_over_in", "total", 0)
    finding = only(report, "TXT-NUM")
    assert "区政府办代表区政府受理政府信息公开申请17件" in finding.message_zh
    assert "95" in finding.message_zh
    assert finding.cells == ("applications.new_received.total", "sections.overview")


# ---------------------------------------------------------------- XY-CARRY / XY-VALID / DUP-TEXT


def _previous() -> Report:
    """Last year's report of the same agency: it carried 2 applications over into this year."""
    previous = make_report(year=2022)
    set_row(previous, "carried_over_out", 2)
    set_row(previous, "r_open", 4, 1)
    set_row(previous, "r_total", 7, 1)
    previous.sections["problems"] = (
        "存在的主要问题：网站栏目设置不够合理，部分信息更新不及时。改进措施：优化栏目设置，建立信息更新机制。"
    )
    # last year's own words (the same overview both years would be 内容雷同: DUP-TEXT)
    previous.sections["overview"] = (
        "上一年度，我局以政务公开标准化规范化为抓手，完善信息发布审核流程，按季度梳理公开目录。"
        "全年依申请公开答复均在法定期限内完成，组织业务骨干参加市级培训，年度考核中位列前茅。"
    )
    return previous


def test_xy_carry_passes_when_the_carry_over_follows_on():
    assert found(make_report(), "XY-CARRY", previous=_previous()) == []


def test_xy_carry_flags_a_break():
    previous = _previous()
    set_row(previous, "carried_over_out", 5)
    set_row(previous, "r_total", 4, 1)
    set_row(previous, "r_open", 1, 1)
    finding = only(make_report(), "XY-CARRY", previous=previous)
    assert finding.severity is Severity.WARNING
    assert finding.cells == (
        "applications.carried_over_in.natural_person",
        "applications.carried_over_in.total",
    )
    assert "本年 2，上年 5" in finding.message_zh


def test_xy_checks_need_consecutive_years_of_the_same_agency():
    previous = _previous()
    previous.year = 2020
    assert found(make_report(), "XY-CARRY", previous=previous) == []
    assert skips(make_report(), "XY-CARRY", previous=previous)
    other = _previous()
    other.agency.name = "另一个局"
    assert skips(make_report(), "XY-CARRY", previous=other)
    assert not skips(make_report(), "XY-CARRY")  # no previous report: the check does not apply


def test_xy_valid_passes_when_documents_in_force_follow_on():
    report, previous = make_report(), _previous()
    previous.tables["art20_1"].set("normative_docs", "valid", 10)
    for column, value in (("made", 3), ("repealed", 1), ("valid", 12)):
        report.tables["art20_1"].set("normative_docs", column, value)
    assert found(report, "XY-VALID", previous=previous) == []


def test_xy_valid_flags_a_gap():
    report, previous = make_report(), _previous()
    previous.tables["art20_1"].set("normative_docs", "valid", 10)
    for column, value in (("made", 3), ("repealed", 1), ("valid", 20)):
        report.tables["art20_1"].set("normative_docs", column, value)
    finding = only(report, "XY-VALID", previous=previous)
    assert finding.severity is Severity.WARNING
    assert finding.cells[0] == "active.art20_1.normative_docs.valid"
    assert "应为 12" in finding.message_zh
    assert found(report, "XY-VALID", previous=previous, valid_tolerance=8) == []


def test_xy_valid_is_skipped_across_formats():
    previous = make_report("2019", 2020)
    report = make_report("2021", 2021)
    assert found(report, "XY-VALID", previous=previous) == [] and skips(report, "XY-VALID", previous=previous)


def test_dup_text_passes_for_new_text():
    previous = _previous()
    previous.sections["problems"] = (
        "去年的问题是网站栏目设置不合理，信息更新不及时。今年将优化栏目设置并建立更新机制。"
    )
    assert found(make_report(), "DUP-TEXT", previous=previous) == []


def test_dup_text_flags_a_copy_of_last_year():
    previous = _previous()
    report = make_report()
    report.sections["problems"] = previous.sections["problems"].replace("优化栏目设置", "优化网站栏目设置")
    finding = only(report, "DUP-TEXT", previous=previous)
    assert finding.severity is Severity.WARNING and finding.cells == ("sections.problems",)
