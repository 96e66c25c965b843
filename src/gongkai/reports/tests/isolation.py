"""Isolation cases for the annual-report staff URLs (run by gongkai.agencies' isolation matrix)."""

from gongkai.agencies.tests.matrix import Exempt

YEAR = 2025


def _agency(agency, world):
    return {"agency_code": agency.code}


def _year(agency, world):
    return {"agency_code": agency.code, "year": YEAR}


def _workspace(agency, world):
    from ..services import open_workspace

    open_workspace(None, agency, YEAR)
    return _year(agency, world)


def _baseline(agency, world):
    from gongkai.annual.example import example_report
    from gongkai.annual.writers import render

    from ..services import import_baseline

    report = example_report(2024)
    report.agency.name = report.title = None
    baseline = import_baseline(None, agency, 2024, render(report, "json"), "2024.json")
    return {"agency_code": agency.code, "pk": baseline.pk}


ISOLATION_CASES = {
    "reports:index": Exempt("lists only the user's own agencies"),
    "reports:summary": Exempt(
        "not about one agency: sums exactly agencies_for(user); a user who cannot see A gets A's data"
        " in neither the list nor the sums (reports test_summary)"
    ),
    "reports:summary_export": Exempt(
        "not about one agency: exports the sum of agencies_for(user) only (reports test_summary)"
    ),
    "reports:agency": _agency,
    "reports:baseline": _agency,
    "reports:baseline_carried": _baseline,
    "reports:workspace": _year,
    "reports:start": _year,
    "reports:save": _workspace,
    "reports:findings": _workspace,
    "reports:act": lambda agency, world: {**_workspace(agency, world), "action": "submit"},
    "reports:cell": lambda agency, world: {**_year(agency, world), "path": "applications.new_received.total"},
    "reports:preview": _year,
    "reports:export": lambda agency, world: {**_year(agency, world), "fmt": "json"},
}
