"""``gongkai report list`` and ``gongkai report export`` against the test database."""

from datetime import date

import pytest

from gongkai.annual.readers import read_path
from gongkai.cli import main
from gongkai.reports import services
from gongkai.reports.checks import evaluate_for_publishing, fingerprint
from gongkai.reports.testing import good_workspace, some_applications

pytestmark = pytest.mark.django_db


@pytest.fixture
def reports(world):
    some_applications(world.a, 2025)
    ws = good_workspace(world.a, 2024, world.clerk_a, signature=date(2025, 1, 10))
    services.submit(world.clerk_a, ws)
    on = date(2025, 1, 20)  # in time for a department (1月31日)
    ev = evaluate_for_publishing(ws, on)
    services.publish(world.reviewer_a, ws, {fingerprint(f) for f in ev.warnings}, on=on)
    good_workspace(world.a, 2025, world.clerk_a)
    return world


def test_list_prints_codes_names_and_statuses(reports, capsys):
    assert main(["report", "list"]) == 0
    out = capsys.readouterr().out
    line = next(x for x in out.splitlines() if x.startswith("t-a\t"))
    assert "示例县教育局" in line and "2024 published" in line
    # the 2025 draft: its deadline (2026-01-31) has passed by the time these tests run
    assert ("2025 late" if date.today() > date(2026, 1, 31) else "2025 draft") in line
    assert any(x.startswith("t-b\t") and "无年度报告" in x for x in out.splitlines())


@pytest.mark.parametrize("ext", [".json", ".docx", ".xlsx", ".html", ".md", ".pdf"])
def test_export_writes_the_current_report(reports, tmp_path, ext, capsys):
    out = tmp_path / f"r{ext}"
    assert main(["report", "export", "t-a", "2025", str(out)]) == 0
    if ext in (".md",):
        assert "本年度共收到政府信息公开申请6件" in out.read_text()
        return
    report = read_path(out)
    assert report.year == 2025 and report.applications.get("new_received", "total") == 6


def test_export_of_a_published_year_is_its_latest_version(reports, tmp_path):
    out = tmp_path / "2024.json"
    assert main(["report", "export", "t-a", "2024", str(out)]) == 0
    assert read_path(out).publication_date == date(2025, 1, 20)


def test_unknown_agency_or_year_fails_with_a_message(reports, tmp_path, capsys):
    assert main(["report", "export", "nope", "2025", str(tmp_path / "x.json")]) == 1
    assert "没有机构代码为“nope”的机构" in capsys.readouterr().err
    assert main(["report", "export", "t-a", "2019", str(tmp_path / "x.json")]) == 1
    err = capsys.readouterr().err
    assert "没有2019年度报告" in err and "2024、2025" in err
    assert main(["report", "export", "t-a", "abc", str(tmp_path / "x.json")]) == 2
    assert "报告年度应为整数" in capsys.readouterr().err
    assert main(["report", "export", "t-a", "2025", str(tmp_path / "x.exe")]) == 2
    assert not (tmp_path / "x.json").exists()
