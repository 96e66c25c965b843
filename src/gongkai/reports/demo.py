"""Demo annual reports for every demo agency: 2024 published, 2025 drafted from the data.

Run last (after the applications, appeals, records and catalogue demo data), so the texts quote the
tables exactly. Every report passes every check, except that one 2025 draft (示例县教育局) quotes a
figure that the data no longer supports: exactly one warning (TXT-NUM) for staff to fix.
"""

from __future__ import annotations

from datetime import date

from django.contrib.auth import get_user_model
from django.db import transaction

from gongkai.agencies.models import Agency, Membership, Role

from . import services
from .build import build_report, fees
from .checks import evaluate, evaluate_for_publishing, fingerprint
from .drafting import draft_texts

User = get_user_model()

PUBLISHED_YEAR, DRAFT_YEAR = 2024, 2025
DRAFT_WITH_WARNING = "sfx-jyj"
IN_REVIEW = ("sfx-czj",)  # a 2025 report waiting for its 审核人


def _member(agency, role):
    m = Membership.objects.active().filter(agency=agency, role=role).select_related("user").first()
    return m.user if m else None


def _drafted(agency, year: int, clerk):
    workspace = services.open_workspace(clerk, agency, year)
    report = build_report(agency, year, workspace)
    texts = draft_texts(report, fees(agency, year), agency.code)
    return services.save_texts(clerk, workspace, texts, date(year + 1, 1, 15)), texts


def _stale_figure(texts: dict, report) -> str:
    """The 依申请公开 paragraph as written before the last applications were entered."""
    new = int(report.applications.get("new_received", "total") or 0)
    wrong = new - 1 if new > 1 else new + 2
    first, _sep, rest = texts["overview_on_request"].partition("。")
    return f"本年度共收到政府信息公开申请{wrong}件。{rest}"


@transaction.atomic
def load_demo_reports(log=print) -> dict[str, int]:
    counts = {"published": 0, "draft": 0, "in_review": 0, "warnings": 0}
    for agency in Agency.objects.filter(is_active=True).order_by("sort_order", "code"):
        clerk = _member(agency, Role.CLERK)
        reviewer = _member(agency, Role.REVIEWER)
        if clerk is None or reviewer is None:
            continue
        # 2024: written, reviewed and published in January 2025, before the deadline
        workspace, _texts = _drafted(agency, PUBLISHED_YEAR, clerk)
        services.submit(clerk, workspace)
        on = date(PUBLISHED_YEAR + 1, 1, 20)
        ev = evaluate_for_publishing(workspace, on)
        services.publish(reviewer, workspace, {fingerprint(f) for f in ev.warnings}, on=on)
        counts["published"] += 1
        # 2025: drafted from the data
        workspace, texts = _drafted(agency, DRAFT_YEAR, clerk)
        if agency.code == DRAFT_WITH_WARNING:
            report = build_report(agency, DRAFT_YEAR, workspace)
            workspace = services.save_texts(
                clerk, workspace, {"overview_on_request": _stale_figure(texts, report)}
            )
        if agency.code in IN_REVIEW:
            services.submit(clerk, workspace)
            counts["in_review"] += 1
        else:
            counts["draft"] += 1
        counts["warnings"] += len(evaluate(workspace).warnings)
    log(
        f"已生成年度报告：{counts['published']} 份{PUBLISHED_YEAR}年度报告已发布，"
        f"{counts['draft'] + counts['in_review']} 份{DRAFT_YEAR}年度报告编写中（待审核 {counts['in_review']} 份）。"
    )
    return counts
