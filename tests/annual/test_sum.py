import random
from decimal import Decimal

import pytest

from gongkai.annual import ReportError
from gongkai.annual.arithmetic import violations
from gongkai.annual.checks import has_errors, run_checks
from gongkai.annual.example import example_report, random_report
from gongkai.annual.sum import sum_reports


def _pair(fmt="2021", year=2024):
    rng = random.Random(7)
    a, b = random_report(rng, fmt, year), random_report(rng, fmt, year)
    a.source, b.source = "a.json", "b.json"
    return a, b


def test_cells_add_up_and_relations_still_hold():
    a, b = _pair()
    total = sum_reports([a, b], "示例县（汇总）")
    for key, table in total.tables.items():
        for row, column, value in table.items():
            assert value == a.tables[key].get(row, column) + b.tables[key].get(row, column), (
                key,
                row,
                column,
            )
        assert list(violations(table)) == []
    # a sum is a summary table: only the parts 五 and 六 it deliberately leaves out are reported
    assert {f.code for f in run_checks(total) if f.severity == "error"} == {"SEC-MISSING"}
    assert total.agency.name == "示例县（汇总）"
    assert total.year == 2024 and total.format == "2021"


def test_2019_format_sums_signed_and_money_cells():
    a, b = _pair("2019", 2020)
    total = sum_reports([a, b], "汇总")
    delta = total.tables["art20_5"].get("admin_licensing", "delta")
    assert delta == a.tables["art20_5"].get("admin_licensing", "delta") + b.tables["art20_5"].get(
        "admin_licensing", "delta"
    )
    assert isinstance(total.tables["art20_9"].get("central_procurement", "total_amount"), Decimal)


def test_money_adds_exactly():
    a, b = _pair()
    a.tables["art20_8"].set("admin_fees", "amount", Decimal("0.1"))
    b.tables["art20_8"].set("admin_fees", "amount", Decimal("0.2"))
    total = sum_reports([a, b], "汇总")
    assert total.tables["art20_8"].get("admin_fees", "amount") == Decimal("0.3")


def test_inputs_are_listed_and_sections_are_not_concatenated():
    a, b = _pair()
    total = sum_reports([a, b], "示例县（汇总）")
    inputs = [n for n in total.notes if n.code == "SUM-INPUT"]
    assert len(inputs) == 2
    assert a.agency.name in inputs[0].message and "a.json" in inputs[0].message
    assert "b.json" in inputs[1].message
    assert total.sections["problems"] is None and total.sections["other"] is None
    assert "2份" in total.sections["overview"]
    assert a.sections["overview"] not in total.sections["overview"]


def test_mixed_year_is_refused_naming_the_file():
    a, b = _pair()
    b.year = 2023
    with pytest.raises(ReportError, match="b.json.*2023"):
        sum_reports([a, b], "汇总")


def test_mixed_format_is_refused():
    a = random_report(random.Random(1), "2021", 2021)
    b = random_report(random.Random(2), "2019", 2021)  # a 2019-format table filed for 2021
    b.source = "old.json"
    with pytest.raises(ReportError, match="old.json.*格式"):
        sum_reports([a, b], "汇总")


def test_input_with_errors_is_refused_unless_forced():
    a, b = _pair()
    table = b.tables["applications"]
    table.set("r_open", "natural_person", table.get("r_open", "natural_person") + 5)  # breaks T3-OUT etc.
    assert has_errors(run_checks(b))
    with pytest.raises(ReportError, match="b.json.*错误"):
        sum_reports([a, b], "汇总")
    total = sum_reports([a, b], "汇总", force=True)
    assert any(n.code == "SUM-FORCED" and "b.json" in n.message for n in total.notes)
    # totals are recomputed from the parts, so T3-OUT and T3-ROW hold even though an input broke them
    codes = {line.relation.code for line, _, _ in violations(total.tables["applications"])}
    assert "T3-OUT" not in codes and "T3-ROW" not in codes


def test_a_blank_input_cell_makes_the_sum_cell_blank_by_default():
    a, b = _pair()
    a.tables["art20_6"].set("admin_coercion", "decisions", None)
    total = sum_reports([a, b], "汇总")
    assert total.tables["art20_6"].get("admin_coercion", "decisions") is None
    blank = [n for n in total.notes if n.code == "SUM-BLANK"]
    assert blank and "active.art20_6.admin_coercion.decisions" in blank[0].cells


def test_blank_as_zero_counts_blanks_as_zero_but_keeps_all_blank_cells_blank():
    a, b = _pair()
    a.tables["art20_6"].set("admin_coercion", "decisions", None)
    a.tables["art20_1"].set("regulations", "made", None)
    b.tables["art20_1"].set("regulations", "made", None)
    total = sum_reports([a, b], "汇总", blank_as_zero=True)
    assert total.tables["art20_6"].get("admin_coercion", "decisions") == b.tables["art20_6"].get(
        "admin_coercion", "decisions"
    )
    assert total.tables["art20_1"].get("regulations", "made") is None


def test_pre2019_and_empty_input_are_refused():
    with pytest.raises(ReportError):
        sum_reports([], "汇总")
    from gongkai.annual import Report

    old = Report.empty("pre2019", year=2017, source="old.txt")
    with pytest.raises(ReportError, match="old.txt"):
        sum_reports([old, old], "汇总")


def test_sum_of_one_report_equals_it():
    report = example_report()
    total = sum_reports([report], "示例县（汇总）")
    assert total.tables == report.tables
