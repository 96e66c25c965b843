"""Running ``gongkai.annual``'s checks on a workspace, plus PUB-CHANGED (which needs the platform's
published versions) and the publish gate."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date

from django.conf import settings
from django.utils import timezone
from django.utils.translation import get_language

from gongkai.annual.checks import CheckOptions, Finding, Severity, run_checks
from gongkai.annual.model import Report

from . import build
from .models import AnnualReport
from .workflow import Status

# Lateness cannot be repaired by waiting: a PUB-DEADLINE error must not keep a late report off the
# portal (that would only make it later), so at the publish gate it is a warning to confirm.
CONFIRMABLE_ERRORS = frozenset({"PUB-DEADLINE"})


def check_options(today: date | None = None) -> CheckOptions:
    """CheckOptions with deadlines from settings.GONGKAI_REPORT_DEADLINES (kind → (month, day)) and
    PUB-SIGNED's limit from settings.GONGKAI_SIGNATURE_GAP_DAYS, where set."""
    options = CheckOptions(today=today)
    options.deadlines = {**options.deadlines, **getattr(settings, "GONGKAI_REPORT_DEADLINES", {})}
    options.signature_gap_days = getattr(settings, "GONGKAI_SIGNATURE_GAP_DAYS", options.signature_gap_days)
    return options


def deadline_for(agency, year: int, options: CheckOptions | None = None) -> date:
    return (options or check_options()).report_deadline(agency.kind, year)


def year_due(agency, today: date, options: CheckOptions | None = None) -> int:
    """The year of the agency's report due next (on or after ``today``)."""
    return (options or check_options()).year_due(agency.kind, today)


def fingerprint(finding: Finding) -> str:
    """Identifies one warning: a changed warning (other figures, other cells) needs a new confirmation."""
    text = "\x1f".join([finding.code, finding.message_zh, *finding.cells])
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]


def finding_message(finding: Finding) -> str:
    """The finding's message in the active language: English for an English page, else Chinese.
    (What is stored or fingerprinted is always ``message_zh``.)"""
    return finding.message(get_language() or "zh")


@dataclass
class Evaluation:
    report: Report
    findings: list[Finding]
    content_hash: str
    previous_source: str = ""
    published_hash: str | None = None  # the latest published version's hash, if any
    errors: list[Finding] = field(default_factory=list)  # block publishing
    warnings: list[Finding] = field(default_factory=list)  # each needs a confirmation
    others: list[Finding] = field(default_factory=list)  # info / not checked

    @property
    def changed_since_published(self) -> bool:
        return self.published_hash is not None and self.published_hash != self.content_hash


def pub_changed(workspace: AnnualReport, live_hash: str, published_hash: str | None) -> Finding | None:
    """PUB-CHANGED (spec §5): the content changed after publication without a 更正说明."""
    if published_hash is None or published_hash == live_hash:
        return None
    number = workspace.versions.count()
    if workspace.status_enum is Status.PUBLISHED:
        zh = (
            f"已发布的第{number}版与当前数据计算出的内容不一致（发布后记录有变动）。已发布版本保持不变；"
            "如需更正，请点击“更正已发布的报告”，写明更正说明后发布新版本"
        )
        en = (
            f"Published version {number} no longer matches the content computed from the current data "
            "(records changed after publication). The published version stays as it is; to correct it, "
            "click “Correct the published report” and publish a new version with a correction notice"
        )
    elif workspace.correction_note.strip():
        return None
    else:
        zh = f"报告内容与已发布的第{number}版不同，发布新版本时须写明更正说明"
        en = f"The report differs from published version {number}: a new version needs a correction notice"
    return Finding("PUB-CHANGED", Severity.WARNING, zh, en, ("content",))


def evaluate(
    workspace: AnnualReport, *, publication_date: date | None = None, today: date | None = None
) -> Evaluation:
    """All findings for the workspace as it stands. With ``publication_date`` (what publishing on
    that day would give, PUB-DEADLINE included): the list a 审核人 confirms before publishing."""
    agency, year = workspace.agency, workspace.year
    report = build.build_report(agency, year, workspace, publication_date=publication_date)
    if publication_date is not None and report.signature_date is None:
        report.signature_date = publication_date  # publish() signs it that day when staff set no date
    if publication_date is None and workspace.status_enum is Status.PUBLISHED:
        latest = workspace.latest_version()
        if latest is not None and latest.data.get("dates", {}).get("publication"):
            report.publication_date = date.fromisoformat(latest.data["dates"]["publication"])
    previous, source = build.previous_report(agency, year)
    findings = run_checks(report, previous, check_options(today or timezone.localdate()))
    live_hash = build.content_hash(report)
    latest = workspace.latest_version() if workspace.pk else None
    published_hash = latest.content_hash if latest else None
    extra = pub_changed(workspace, live_hash, published_hash)
    if extra is not None:
        findings.append(extra)
    ev = Evaluation(report, findings, live_hash, source, published_hash)
    for f in findings:
        if f.severity is Severity.ERROR and f.code not in CONFIRMABLE_ERRORS:
            ev.errors.append(f)
        elif f.severity in (Severity.ERROR, Severity.WARNING):
            ev.warnings.append(f)
        else:
            ev.others.append(f)
    return ev


def evaluate_for_publishing(workspace: AnnualReport, on: date | None = None) -> Evaluation:
    on = on or timezone.localdate()
    return evaluate(workspace, publication_date=on, today=on)
