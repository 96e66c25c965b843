"""The demo county's reports: 2024 published and passing, 2025 drafted, one draft with one warning.

Also with the catalogue demo loaded, whose 规范性文件 feed table 2-1 (制发/废止/现行有效, XY-VALID)."""

import pytest

from gongkai.cli.demo import AGENCIES
from gongkai.reports.checks import evaluate
from gongkai.reports.models import AnnualReport, ReportVersion

pytestmark = pytest.mark.django_db


def _load(with_applications: bool, with_catalogue: bool = False):
    from gongkai.cli import demo

    if with_catalogue:
        demo.load_demo(with_catalogue=True, log=lambda *a: None)
        return None
    if with_applications:
        from gongkai.applications.demo import load_demo_applications
        from gongkai.reports import demo as reports_demo

        original = reports_demo.load_demo_reports
        reports_demo.load_demo_reports = lambda log=print: None  # load it after the applications
        try:
            demo.load_demo(with_catalogue=False, log=lambda *a: None)
        finally:
            reports_demo.load_demo_reports = original
        load_demo_applications(per_agency=12, log=lambda *a: None)
        return reports_demo.load_demo_reports(log=lambda *a: None)
    demo.load_demo(with_catalogue=False, log=lambda *a: None)
    return None


@pytest.mark.parametrize(
    ("with_applications", "with_catalogue"),
    [(False, False), (True, False), (False, True)],
    ids=["plain", "applications", "catalogue"],
)
def test_demo_reports_pass_every_check_but_one_warning(with_applications, with_catalogue):
    _load(with_applications, with_catalogue)
    published = AnnualReport.objects.filter(year=2024)
    agencies = len(AGENCIES)
    assert published.count() == agencies and all(r.status == "published" for r in published)
    assert ReportVersion.objects.count() == agencies
    for r in published:
        ev = evaluate(r)
        assert not ev.errors and not ev.warnings, (r.agency.code, [f.message_zh for f in ev.warnings])
    drafts = AnnualReport.objects.filter(year=2025).select_related("agency")
    assert drafts.count() == agencies
    for r in drafts:
        ev = evaluate(r)
        assert not ev.errors, (r.agency.code, [f.message_zh for f in ev.errors])
        if r.agency.code == "sfx-jyj":
            assert [f.code for f in ev.warnings] == ["TXT-NUM"]
        else:
            assert not ev.warnings, (r.agency.code, [f.message_zh for f in ev.warnings])
    assert AnnualReport.objects.get(agency__code="sfx-czj", year=2025).status == "in_review"
