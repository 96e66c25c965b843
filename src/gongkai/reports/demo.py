"""Demo annual reports for every demo agency, following the day the demo is loaded: the report due
next (``CheckOptions.year_due``) drafted from the data so far, the two before it published, each a
few days before its deadline (``gongkai.annual.demo``).

Run last (after the applications, appeals, records and catalogue demo data), so the texts quote the
tables exactly. Every report passes every check, except that one draft (示例县教育局) quotes a
figure that the data no longer supports: exactly one warning (TXT-NUM) for staff to fix. One
township (东山乡) has not started the report due next, so the supervisor sees every state of a
report year in progress (未开始, 草稿, 审核中, 已发布); it also published last year's report a week
late (逾期发布).
"""

from __future__ import annotations

from datetime import date, timedelta

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from gongkai.agencies.models import Agency, Membership, Role
from gongkai.annual.demo import report_years

from . import services
from .build import build_report, fees
from .checks import check_options, deadline_for, evaluate, evaluate_for_publishing, fingerprint
from .drafting import draft_texts

User = get_user_model()

DRAFT_WITH_WARNING = "sfx-jyj"
IN_REVIEW = ("sfx-czj",)  # a draft waiting for its 审核人
NOT_STARTED = ("sfx-dsx",)  # no workspace yet for the report due next
PUBLISHED_LATE = ("sfx-dsx",)  # the last published report went out after its deadline
PUBLISHED_AHEAD, SIGNED_AHEAD = 3, 4  # days: published before the deadline, signed before publishing
DAYS_LATE = 7


def _member(agency, role):
    m = Membership.objects.active().filter(agency=agency, role=role).select_related("user").first()
    return m.user if m else None


def _drafted(agency, year: int, clerk, signed: date):
    workspace = services.open_workspace(clerk, agency, year)
    report = build_report(agency, year, workspace)
    texts = draft_texts(report, fees(agency, year), agency.code)
    return services.save_texts(clerk, workspace, texts, signed), texts


def _weekday_before(day: date, days: int) -> date:
    day -= timedelta(days=days)
    return day - timedelta(days=max(0, day.weekday() - 4))  # a Saturday or Sunday: the Friday before


def _stale_figure(texts: dict, report) -> str:
    """The 依申请公开 paragraph as written before the last applications were entered."""
    new = int(report.applications.get("new_received", "total") or 0)
    wrong = new - 1 if new > 1 else new + 2
    first, _sep, rest = texts["overview_on_request"].partition("。")
    return f"本年度共收到政府信息公开申请{wrong}件。{rest}"


@transaction.atomic
def load_demo_reports(log=print, today: date | None = None) -> dict[str, int]:
    """``today`` (default: the real date, never later) picks the years: see ``report_years``."""
    today = min(today or timezone.localdate(), timezone.localdate())
    options = check_options()
    counts = {"published": 0, "late": 0, "draft": 0, "in_review": 0, "not_started": 0, "warnings": 0}
    years: dict[str, set[int]] = {"published": set(), "draft": set()}
    for agency in Agency.objects.filter(is_active=True).order_by("sort_order", "code"):
        clerk = _member(agency, Role.CLERK)
        reviewer = _member(agency, Role.REVIEWER)
        if clerk is None or reviewer is None:
            continue
        published, draft = report_years(agency.kind, today, options)
        for year in published:  # written, reviewed and published before the deadline (but one)
            deadline = deadline_for(agency, year, options)
            on = _weekday_before(deadline, PUBLISHED_AHEAD)
            if year == published[-1] and agency.code in PUBLISHED_LATE:
                # a week late, or today when that is still to come (never after today)
                on = _weekday_before(min(deadline + timedelta(days=DAYS_LATE), today), 0)
            workspace, _texts = _drafted(agency, year, clerk, _weekday_before(on, SIGNED_AHEAD))
            services.submit(clerk, workspace)
            ev = evaluate_for_publishing(workspace, on)
            services.publish(reviewer, workspace, {fingerprint(f) for f in ev.warnings}, on=on)
            counts["published"] += 1
            counts["late"] += on > deadline
        years["published"].update(published)
        if agency.code in NOT_STARTED:
            counts["not_started"] += 1
            continue
        # the report due next: drafted from the data so far, dated no later than today
        workspace, texts = _drafted(agency, draft, clerk, min(date(draft + 1, 1, 15), today))
        if agency.code == DRAFT_WITH_WARNING:
            report = build_report(agency, draft, workspace)
            workspace = services.save_texts(
                clerk, workspace, {"overview_on_request": _stale_figure(texts, report)}
            )
        if agency.code in IN_REVIEW:
            services.submit(clerk, workspace)
            counts["in_review"] += 1
        else:
            counts["draft"] += 1
        years["draft"].add(draft)
        counts["warnings"] += len(evaluate(workspace).warnings)
    shown = {k: "、".join(str(y) for y in sorted(v)) for k, v in years.items()}
    log(
        f"已生成年度报告：{counts['published']} 份已发布（{shown['published']}年度，逾期发布 {counts['late']} 份），"
        f"{counts['draft'] + counts['in_review']} 份编写中（{shown['draft']}年度，待审核 {counts['in_review']} 份），"
        f"{counts['not_started']} 份尚未开始。"
    )
    return counts
