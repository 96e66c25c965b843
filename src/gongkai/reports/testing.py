"""Test helpers for reports (used by its tests, the browser test, the benchmark)."""

from __future__ import annotations

from datetime import date

from .build import build_report, fees
from .drafting import draft_texts
from .models import AnnualReport
from .services import open_workspace, save_texts


def answered(agency, received: date, outcome: str, replied: date, reply_type: str | None = None, **over):
    """An application received in person and answered with ``outcome``, through the applications app."""
    from gongkai.applications import services
    from gongkai.applications.testing import make_application, uscc

    if over.get("applicant_type", "natural_person") != "natural_person":
        over.setdefault("id_type", "uscc")
        over.setdefault("id_number", uscc())
        over.setdefault("name", "示例科技有限公司")
    app = make_application(agency, received, **over)
    return services.reply(None, app, outcome, "依法答复。", reply_type, on=replied)


def some_applications(agency, year: int) -> None:
    """A handful of applications in ``year``: answered in several ways, by several kinds of applicant,
    one still open at the end of the year."""
    from gongkai.applications.testing import make_application

    answered(agency, date(year, 3, 2), "r_open", date(year, 3, 10), "art36_1")
    answered(agency, date(year, 4, 7), "r_open", date(year, 4, 15), "art36_2")
    answered(agency, date(year, 5, 6), "r_unable_not_held", date(year, 5, 20), "art36_4")
    answered(agency, date(year, 6, 3), "r_partial", date(year, 6, 20), applicant_type="org_commercial")
    answered(
        agency, date(year, 9, 1), "r_noproc_petition", date(year, 9, 9), applicant_type="org_legal_service"
    )
    make_application(agency, date(year, 12, 28))  # open at year end: 结转下年度


def good_workspace(agency, year: int, actor=None, signature: date | None = None) -> AnnualReport:
    """The agency's report for ``year`` with complete texts drafted from its data."""
    workspace = open_workspace(actor, agency, year)
    report = build_report(agency, year, workspace)
    texts = draft_texts(report, fees(agency, year), agency.code)
    return save_texts(actor, workspace, texts, signature or date(year + 1, 1, 15))
