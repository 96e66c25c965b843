"""Last year's report imported as a baseline: XY-CARRY from the first year, carried-over records."""

import os
from datetime import date
from pathlib import Path

import pytest

from gongkai.agencies.testing import make_agency
from gongkai.annual.example import example_report
from gongkai.annual.model import AgencyKind, AgencyLevel
from gongkai.annual.sum import recompute_totals
from gongkai.annual.writers import render
from gongkai.applications.models import Application
from gongkai.reports import services
from gongkai.reports.checks import evaluate
from gongkai.reports.models import ImportedBaseline
from gongkai.reports.testing import good_workspace

pytestmark = pytest.mark.django_db

CORPUS = Path(os.environ.get("GONGKAI_CORPUS", Path(__file__).resolve().parents[5] / "shared" / "corpus"))


def last_year_report(agency, carried_out: dict[str, int]):
    """A published-looking 2024 report of ``agency`` whose 结转下年度 is ``carried_out``."""
    report = example_report(2024)
    report.agency.name = agency.name
    report.title = f"{agency.name}2024年政府信息公开工作年度报告"
    table = report.applications
    for column, n in carried_out.items():
        moved = n - table.get("carried_over_out", column)
        table.set("carried_over_out", column, n)
        table.set("r_open", column, table.get("r_open", column) - moved)  # keep T3-BAL true
    recompute_totals(table)
    return report


def _codes(workspace):
    return [(f.code, f.severity.value) for f in evaluate(workspace).findings if f.code.startswith("XY-")]


@pytest.mark.parametrize("fmt", ["docx", "json"])
def test_import_makes_xy_carry_work_and_carried_records_fix_it(world, fmt):
    agency = world.a
    report = last_year_report(agency, {"natural_person": 2, "org_commercial": 1})
    baseline = services.import_baseline(world.clerk_a, agency, 2024, render(report, fmt), f"2024年报.{fmt}")
    assert baseline.to_report().applications.get("carried_over_out", "total") == 3

    workspace = good_workspace(agency, 2025, world.clerk_a)
    found = [f for f in evaluate(workspace).findings if f.code == "XY-CARRY"]
    assert len(found) == 1 and "自然人：本年 0，上年 2" in found[0].message_zh

    with pytest.raises(services.ReportError, match="联系电话"):  # the agency has no office phone yet
        services.enter_carried_over(world.clerk_a, baseline)
    assert not Application.objects.filter(agency=agency).exists()  # nothing half-entered

    agency.office_phone = "0999-6200111"
    agency.save()
    created = services.enter_carried_over(world.clerk_a, baseline)
    assert len(created) == 3 and all(a.is_open and a.received_on == date(2024, 12, 31) for a in created)
    assert sorted(a.applicant_type for a in created) == ["natural_person", "natural_person", "org_commercial"]
    workspace = good_workspace(agency, 2025, world.clerk_a)  # texts redrafted from the new figures
    assert not [f for f in evaluate(workspace).findings if f.code == "XY-CARRY"]
    with pytest.raises(services.ReportError, match="不能重复录入"):
        services.enter_carried_over(world.clerk_a, baseline)


def test_bad_files_are_refused_with_a_message_and_nothing_saved(world):
    with pytest.raises(services.ReportError, match="无法读取"):
        services.import_baseline(world.clerk_a, world.a, 2024, b"PK\x03\x04garbage", "x.docx")
    other = last_year_report(world.b, {})
    with pytest.raises(services.ReportError, match="不是“示例县教育局”"):
        services.import_baseline(world.clerk_a, world.a, 2024, render(other, "json"), "b.json")
    mine = last_year_report(world.a, {})
    with pytest.raises(services.ReportError, match="与所选的 2023 年不符"):
        services.import_baseline(world.clerk_a, world.a, 2023, render(mine, "json"), "a.json")
    with pytest.raises(services.ReportError, match="权限"):
        services.import_baseline(world.clerk_b, world.a, 2024, render(mine, "json"), "a.json")
    assert not ImportedBaseline.objects.exists()


@pytest.mark.skipif(not (CORPUS / "reports").is_dir(), reason="corpus not available")
def test_a_corpus_report_is_a_baseline(world):
    agency = make_agency(
        "t-huaian", "淮安市人民政府", kind=AgencyKind.GOVERNMENT.value, level=AgencyLevel.CITY.value
    )
    data = (CORPUS / "reports" / "009_huaian_2024.txt").read_bytes()
    baseline = services.import_baseline(None, agency, 2024, data, "009_huaian_2024.txt")
    assert baseline.to_report().applications.get("carried_over_out", "total") == 103
    workspace = good_workspace(agency, 2025)
    found = [f for f in evaluate(workspace).findings if f.code == "XY-CARRY"]
    assert found and "上年" in found[0].message_zh  # 0 carried in against 103 carried out
