import random

import pytest

from gongkai.annual import Report
from gongkai.annual.checks import Severity, has_errors, run_checks
from gongkai.annual.example import example_report, random_report


def test_example_report_passes_every_check():
    report = example_report()
    findings = run_checks(report)
    assert not has_errors(findings), [f.message_zh for f in findings if f.severity is Severity.ERROR]
    assert [f for f in findings if f.severity is Severity.SKIPPED] == []  # every table is complete


def test_example_report_is_complete_and_realistic():
    report = example_report(year=2025)
    assert report.format == "2021" and report.year == 2025
    assert report.agency.name == "示例县自然资源局"
    assert all(not table.missing for table in report.tables.values())
    # signed before the 1月31日 deadline for a department
    assert report.signature_date.year == 2026 and report.signature_date.month == 1
    overview = report.sections["overview"]
    for topic in ("主动公开", "依申请公开", "政府信息管理", "平台建设", "监督保障"):
        assert topic in overview
    applications = report.tables["applications"]
    assert f"本年新收政府信息公开申请{applications.get('new_received', 'total')}件" in overview
    assert f"办理答复{applications.get('r_total', 'total')}件" in overview
    assert "信息处理费" in report.sections["other"]
    assert report.sections["problems"] and "改进" in report.sections["problems"]


def test_example_report_is_reproducible_and_round_trips_json():
    assert example_report(seed=3).to_json() == example_report(seed=3).to_json()
    report = example_report()
    assert Report.loads(report.dumps()).to_json() == report.to_json()


@pytest.mark.parametrize("fmt", ["2021", "2019"])
def test_random_reports_are_valid_and_varied(fmt):
    rng = random.Random(11)
    totals = set()
    for _ in range(200):
        report = random_report(rng, fmt)
        assert report.format == fmt
        assert report.layout.applies_to(report.year)
        findings = run_checks(report)
        assert not has_errors(findings), [f.message_zh for f in findings if f.severity is Severity.ERROR]
        totals.add(report.tables["applications"].get("new_received", "total"))
    assert 0 in totals and max(totals) > 300 and len(totals) > 30
