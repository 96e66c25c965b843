"""A ``gongkai.annual.Report`` for an agency and year, from what the platform knows.

Tables 二 (records + catalogue), 三 (applications) and 四 (appeals) are computed from the records,
never typed in; sections 一、五、六 come from the workspace texts. Parts 二–四 are printed as tables
only, so their text is present but empty ("").
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Sum
from django.utils.translation import gettext as _

from gongkai import facts
from gongkai.annual.layout import FormatLayout, layout_for_year
from gongkai.annual.model import Report, Table

from .models import OVERVIEW_PARTS, AnnualReport, ImportedBaseline, ReportVersion

CN_NUMERALS = "一二三四五六七八九十"


def compute_tables(agency, year: int, layout: FormatLayout | None = None) -> dict[str, Table]:
    """Tables 二、三、四 of ``agency`` for ``year`` (``compute_tables_by_agency`` for one agency)."""
    return compute_tables_by_agency([agency], year, layout)[agency.pk]


def compute_tables_by_agency(
    agencies, year: int, layout: FormatLayout | None = None
) -> dict[int, dict[str, Table]]:
    """Tables 二、三、四 of each of ``agencies`` (instances, a queryset or pks) for ``year``, keyed by
    agency pk, each as ``compute_tables`` gives it: six grouped queries for all the agencies together
    (per chunk of ``gongkai.agencies.batch.CHUNK`` agencies), not six per agency. An agency with no
    records gets complete tables of zeros."""
    from gongkai.agencies.batch import agency_pks
    from gongkai.appeals.queries import table_four_by_agency
    from gongkai.applications.queries import table_three_by_agency
    from gongkai.records.queries import table_two_by_agency

    layout = layout or layout_for_year(year)
    pks = agency_pks(agencies)
    twos = table_two_by_agency(pks, year, layout=layout)
    threes = table_three_by_agency(pks, year, layout)
    fours = table_four_by_agency(pks, year, layout=layout)
    out = {}
    for pk in pks:
        tables = dict(twos[pk])
        tables["applications"] = threes[pk]
        tables["review_litigation"] = fours[pk]
        out[pk] = tables
    return out


def overview_text(workspace: AnnualReport) -> str:
    """一、总体情况 as printed: the opening, then （一）–（五） the five sub-topics that have text."""
    parts = [workspace.overview_intro.strip()] if workspace.overview_intro.strip() else []
    numbered = [(label, getattr(workspace, key).strip()) for key, label in OVERVIEW_PARTS]
    for i, (label, text) in enumerate(t for t in numbered if t[1]):
        parts.append(f"（{CN_NUMERALS[i]}）{label}\n{text}")
    return "\n".join(parts)


def title_for(agency, year: int) -> str:
    return f"{agency.name}{year}年政府信息公开工作年度报告"


def build_report(
    agency,
    year: int,
    workspace: AnnualReport | None = None,
    *,
    publication_date: date | None = None,
    tables: dict[str, Table] | None = None,
    with_facts: bool = True,
) -> Report:
    """The agency's report for the year; ``with_facts``: with the registries' figures for section 一
    (``gongkai.facts``; a summary's per-agency reports do without)."""
    layout = layout_for_year(year)
    report = Report.empty(
        layout.version,
        agency=agency.to_annual(),
        year=year,
        title=title_for(agency, year),
        signature_date=workspace.signature_date if workspace else None,
        publication_date=publication_date,
    )
    for key, table in (tables or compute_tables(agency, year, layout)).items():
        report.tables[key] = table
    if workspace is not None:
        report.sections["overview"] = overview_text(workspace) or None
        report.sections["problems"] = workspace.problems.strip() or None
        report.sections["other"] = workspace.other.strip() or None
    for key in ("active", "applications", "review_litigation"):
        report.sections[key] = ""
    if with_facts:
        report.facts = facts.collect((agency.pk,), year)
    return report


# ---------------------------------------------------------------- hashes and last year


def content_json(report: Report) -> dict:
    """What the hash covers: the report without its publication date, notes, source and facts (a version
    republished with the same content has the same hash)."""
    data = report.to_json()
    data["dates"] = {"signature": data["dates"]["signature"]}
    data.pop("notes", None)
    data.pop("source", None)
    data.pop("facts", None)  # not printed: a registry corrected later does not change the report
    return data


def content_hash(report: Report) -> str:
    canonical = json.dumps(content_json(report), ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def previous_report(agency, year: int) -> tuple[Report | None, str]:
    """Last year's report for the cross-year checks and where it came from (a note for the page, in
    the active language): the latest published version on the platform, else an imported baseline,
    else none."""
    version = (
        ReportVersion.objects.filter(report__agency=agency, report__year=year - 1).order_by("-number").first()
    )
    if version is not None:
        source = _("%(year)d年度报告（第%(n)d版，本平台发布）") % {"year": year - 1, "n": version.number}
        return version.to_report(), source
    baseline = ImportedBaseline.objects.filter(agency=agency, year=year - 1).first()
    if baseline is not None:
        source = _("%(year)d年度报告（导入：%(file)s）") % {"year": year - 1, "file": baseline.source_name}
        return baseline.to_report(), source
    return None, ""


# ---------------------------------------------------------------- fees for section 六


@dataclass(frozen=True)
class FeeSummary:
    notices: int  # 收费通知 sent in the year
    paid: int  # payments received in the year
    amount_yuan: int  # 信息处理费 collected in the year, in 元

    def sentence(self, year: int) -> str:
        if not self.notices and not self.amount_yuan:
            return f"本机关{year}年度未发出信息处理费收费通知，未收取信息处理费。"
        return (
            f"依据《政府信息公开信息处理费管理办法》（国办函〔2020〕109号），本机关{year}年度发出信息处理费"
            f"收费通知{self.notices}份，实际收取信息处理费{self.amount_yuan}元。"
        )


def fees(agency, year: int) -> FeeSummary:
    from gongkai.applications.clock import EventKind
    from gongkai.applications.models import Application, ClockEntry

    notices = ClockEntry.objects.filter(
        application__agency=agency, kind=EventKind.FEE_NOTICE_SENT.value, on__year=year
    ).count()
    paid = Application.objects.filter(agency=agency, paid_on__year=year, fee_amount__isnull=False).aggregate(
        n=Count("id"), total=Sum("fee_amount")
    )
    return FeeSummary(notices, paid["n"] or 0, int(paid["total"] or 0))


def current_report(workspace: AnnualReport) -> Report:
    """What "the report" is now: the latest published version while the report stands published,
    otherwise the workspace built from live data."""
    if workspace.status == "published":
        latest = workspace.latest_version()
        if latest is not None:
            return latest.to_report()
    return build_report(workspace.agency, workspace.year, workspace)
