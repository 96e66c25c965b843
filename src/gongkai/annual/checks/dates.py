"""PUB-DEADLINE: the report must be published by the statutory deadline (条例第四十九条; spec §2.4).
PUB-SIGNED: the signing date (落款日期) should be shortly before the publication date [I]."""

from __future__ import annotations

from collections.abc import Iterator

from ... import law
from ...text import chinese_date
from ..model import AgencyKind, Report
from .base import CheckContext, Finding, Severity, check, finding, skipped

# who the deadline applies to, as the 条例 words it (township/other: local rules, spec §2.4 [U])
_KIND_ZH = {
    AgencyKind.DEPARTMENT: "县级以上人民政府部门",
    AgencyKind.GOVERNMENT: "县级以上地方人民政府",
    AgencyKind.TOWNSHIP: "乡镇人民政府、街道办事处，按配置的期限",
    AgencyKind.OTHER: "其他机关，按配置的期限",
}
_KIND_EN = {
    AgencyKind.DEPARTMENT: "government department at county level or above",
    AgencyKind.GOVERNMENT: "local people's government at county level or above",
    AgencyKind.TOWNSHIP: "township or street office, configured deadline",
    AgencyKind.OTHER: "other agency, configured deadline",
}


@check("PUB-DEADLINE", "按期发布年度报告", "Report published by the deadline")
def publication_deadline(report: Report, context: CheckContext) -> Iterator[Finding]:
    """Uses the publication date, else the signature date (落款日期), and says which.

    An unknown agency kind is treated as a department (the earliest deadline); lateness is then only
    a warning, since the deadline itself was assumed. Kinds outside ``options.deadline_statutory``
    (乡镇街道 etc.) have local deadlines [U], so lateness is a warning for them too.
    """
    options = context.options
    if report.year is None:
        yield skipped("PUB-DEADLINE", "报告年度未知，无法确定发布期限", "report year unknown: no deadline")
        return
    if report.publication_date is not None:
        used, used_zh, used_en, cell = (
            report.publication_date,
            "发布日期",
            "publication date",
            "dates.publication",
        )
    elif report.signature_date is not None:
        used, used_zh, used_en, cell = report.signature_date, "落款日期", "signature date", "dates.signature"
    else:
        yield skipped(
            "PUB-DEADLINE",
            "报告既无发布日期也无落款日期，无法核对是否按期发布",
            "neither a publication nor a signature date: timeliness not checked",
        )
        return

    kind = report.agency.kind
    assumed = kind is None
    if assumed:
        kind = AgencyKind.DEPARTMENT
    before_revision = report.year < law.REVISED_FROM_YEAR
    if before_revision:
        who_zh, who_en = (
            f"{law.REVISED_FROM_YEAR}年以前的报告年度，旧条例第三十一条",
            f"report years before {law.REVISED_FROM_YEAR}, old Regulations art. 31",
        )
    else:
        who_zh, who_en = _KIND_ZH[kind], _KIND_EN[kind]
    if assumed:
        who_zh += "；机关类型未知，按政府部门的期限核对"
        who_en += "; agency kind unknown, assumed a department"
    deadline = options.report_deadline(kind.value, report.year)
    if used <= deadline:
        return
    statutory = not assumed and (before_revision or kind.value in options.deadline_statutory)
    days = (used - deadline).days
    yield finding(
        "PUB-DEADLINE",
        Severity.ERROR if statutory else Severity.WARNING,
        f"报告{used_zh} {chinese_date(used)} 晚于{'法定' if statutory else ''}发布期限 {chinese_date(deadline)}"
        f"（{who_zh}），逾期 {days} 天",
        f"the report's {used_en} {used.isoformat()} is after the {'statutory ' if statutory else ''}deadline "
        f"{deadline.isoformat()} ({who_en}), {days} days late",
        [cell],
    )


@check("PUB-SIGNED", "落款日期与发布日期相符", "Signing date close to the publication date")
def signed_before_publication(report: Report, context: CheckContext) -> Iterator[Finding]:
    """A 落款日期 long before the publication date, or after it, is usually a slip (last year's date
    kept, a typing error). Only a warning [I]: a report may really wait for publication. Nothing
    to check until the report has both dates (a draft has no publication date)."""
    signed, published = report.signature_date, report.publication_date
    if signed is None or published is None:
        return
    cells = ("dates.signature", "dates.publication")
    limit = context.options.signature_gap_days
    gap = (published - signed).days
    if gap < 0:
        yield finding(
            "PUB-SIGNED",
            Severity.WARNING,
            f"落款日期 {chinese_date(signed)} 晚于发布日期 {chinese_date(published)}（晚 {-gap} 天），"
            "报告不能在签发之前发布，请核对落款日期",
            f"the signing date {signed.isoformat()} is after the publication date {published.isoformat()} "
            f"({-gap} days later): a report cannot be published before it is signed; check the signing date",
            cells,
        )
    elif gap > limit:
        yield finding(
            "PUB-SIGNED",
            Severity.WARNING,
            f"落款日期 {chinese_date(signed)} 比发布日期 {chinese_date(published)} 早 {gap} 天"
            f"（超过 {limit} 天），请核对落款日期是否写错；如报告确实签发后隔了这么久才发布，确认即可",
            f"the signing date {signed.isoformat()} is {gap} days before the publication date "
            f"{published.isoformat()} (more than {limit}): check that the signing date is right; if the "
            "report really waited this long, confirm the warning",
            cells,
        )
