"""The annual report's line on the to-do desk: the report due next, or last year's while it is late
and unpublished; a government's deadline (3月31日) later than a department's (1月31日)."""

from datetime import date

import pytest

from gongkai.reports.desk import todos
from gongkai.reports.models import AnnualReport

pytestmark = pytest.mark.django_db


def _line(agency, today):
    (line,) = todos([agency], today)[agency.pk]
    return line


def _report(agency, year, status):
    AnnualReport.objects.create(agency=agency, year=year, status=status)


def test_last_years_report_stays_while_late_and_unpublished(world):
    line = _line(world.a, date(2026, 12, 6))
    assert line.label == "2025年度报告：尚未开始" and line.url == "/staff/reports/t-a/2025/"
    assert line.urgent and line.note == "已过发布期限（2026年1月31日）"
    _report(world.a, 2025, "draft")
    assert _line(world.a, date(2026, 12, 6)).label == "2025年度报告：草稿"


def test_once_last_years_is_published_the_next_report_is_shown(world):
    _report(world.a, 2025, "published")
    line = _line(world.a, date(2026, 12, 6))
    assert line.label == "2026年度报告：尚未开始" and line.url == "/staff/reports/t-a/2026/"
    assert line.note == "距发布期限（2027年1月31日）还有 56 天" and not line.urgent and line.pending
    _report(world.a, 2026, "draft")
    # in January, before the deadline, the same report, now within a month of it
    line = _line(world.a, date(2027, 1, 10))
    assert line.label == "2026年度报告：草稿" and line.urgent
    assert line.note == "距发布期限（2027年1月31日）还有 21 天"
    AnnualReport.objects.filter(year=2026).update(status="published")
    line = _line(world.a, date(2027, 1, 31))
    assert line.label == "2026年度报告：已发布" and line.done and not line.urgent
    assert _line(world.a, date(2027, 2, 1)).label == "2027年度报告：尚未开始"


def test_a_government_writes_last_years_report_until_march(world):
    _report(world.county, 2025, "published")
    line = _line(world.county, date(2027, 2, 15))
    assert line.label == "2026年度报告：尚未开始" and line.urgent is False
    assert line.note == "距发布期限（2027年3月31日）还有 44 天"
    assert _line(world.county, date(2027, 4, 1)).note == "已过发布期限（2027年3月31日）"
