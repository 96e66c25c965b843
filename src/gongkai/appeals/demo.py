"""Demo 行政复议/行政诉讼 cases for the demo county over the demo report years (``gongkai.annual.demo``)
up to a few days ago, through the services (so the event log has them), linked to demo applications
that were answered unfavourably when there are some.

``load_demo_appeals()`` is called by gongkai.cli.demo after the agencies (and the applications demo).
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone

from gongkai.agencies.models import Agency, Membership, Role
from gongkai.annual.demo import data_years
from gongkai.annual.layout import DENY, LAYOUT_2021, NOPROC, OTHER, UNABLE

from . import services
from .models import Appeal
from .rules import Kind

PREFIX = "sfx-"
COUNTY_GOV = "示例县人民政府"  # 复议机关 of the county's departments (行政复议法第二十四条)
CITY_GOV = "示例市人民政府"
COURTS = ("示例县人民法院", "示例市中级人民法院")
SURNAMES = "王李张刘陈杨赵黄周吴"
GIVEN = ["建军", "淑芬", "志刚", "美玲", "海涛", "晓燕"]
# Outcomes drawn for decided cases (codes from rules.DECISIONS), weighted toward 维持/驳回.
RECON_OUTCOMES = (
    ["recon_uphold"] * 5
    + ["recon_revoke", "recon_confirm_illegal", "recon_order_perform"]
    + [
        "recon_reject_claim",
        "recon_terminate",
    ]
)
COURT_OUTCOMES = ["court_reject_claim"] * 4 + ["court_confirm_illegal", "court_revoke", "court_dismiss_suit"]
# Applications an applicant would appeal: those answered 不予公开, 无法提供, 不予处理 or 其他处理.
UNFAVOURABLE = tuple(
    r.key for g in (DENY, UNABLE, NOPROC, OTHER) for r in LAYOUT_2021.applications.rows_in_group(g)
)


def _candidates(agency) -> list:
    from gongkai.applications.models import Application

    return list(
        Application.objects.filter(agency=agency, finished_on__isnull=False)
        .filter(outcome__in=UNFAVOURABLE)
        .order_by("finished_on", "id")
    )


def _number(kind: Kind, year: int, serial: int) -> str:
    if kind == Kind.RECONSIDERATION:
        return f"示政复〔{year}〕{serial}号"
    return f"（{year}）示0102行初{serial}号"


@transaction.atomic
def load_demo_appeals(seed: int = 31, log=print, today: date | None = None) -> int:
    """``today`` (default: the real date, never later) picks the years and is the last day a case
    step may fall on."""
    if Appeal.objects.exists():
        log("（行政复议、行政诉讼演示数据已存在，跳过。）")
        return 0
    rng = random.Random(seed)
    today = min(today or timezone.localdate(), timezone.localdate())
    clerks = {
        m.agency_id: m.user
        for m in Membership.objects.active().filter(role=Role.CLERK).select_related("user")
    }
    agencies = [
        a
        for a in Agency.objects.filter(code__startswith=PREFIX).order_by("sort_order", "pk")
        if a.pk in clerks
    ]
    gov = next((a for a in agencies if a.code == f"{PREFIX}gov"), None)
    serials: dict[tuple[str, int], int] = {}
    made = 0
    for agency in agencies:
        actor = clerks[agency.pk]
        pool = _candidates(agency)
        for year in data_years(today):
            for _ in range(rng.randint(1, 4)):
                roll = rng.random()
                kind = (
                    Kind.RECONSIDERATION
                    if roll < 0.7
                    else (Kind.LITIGATION_AFTER if roll < 0.9 else Kind.LITIGATION_DIRECT)
                )
                received = date(year, 1, 10) + timedelta(days=rng.randint(0, 350))
                application = None
                usable = [
                    p
                    for p in pool
                    if p.finished_on.year == year and p.finished_on + timedelta(days=20) <= today
                ]
                if usable and rng.random() < 0.8:
                    application = usable[0]
                    pool.remove(application)
                    received = application.finished_on + timedelta(days=rng.randint(15, 50))
                if received > today - timedelta(days=3):
                    continue
                serials[(kind, year)] = serials.get((kind, year), 0) + 1
                appeal = services.create_appeal(
                    actor,
                    agency,
                    kind=kind,
                    body=(CITY_GOV if agency == gov else COUNTY_GOV)
                    if kind == Kind.RECONSIDERATION
                    else rng.choice(COURTS),
                    case_number=_number(kind, year, serials[(kind, year)]),
                    applicant=rng.choice(SURNAMES) + rng.choice(GIVEN),
                    application=application,
                    simplified=kind == Kind.RECONSIDERATION and rng.random() < 0.4,
                    filed_on=received - timedelta(days=rng.randint(3, 7)),
                    received_on=received,
                    notes="",
                )
                answered = received + timedelta(days=rng.randint(2, 5))
                if answered <= today:
                    appeal = services.record_answer(actor, appeal, answered)
                decided = received + timedelta(days=rng.randint(30, 85))
                if decided <= today and rng.random() < 0.9:
                    if rng.random() < 0.08:
                        services.record_withdrawal(actor, appeal, decided, note="申请人撤回")
                    else:
                        outcomes = RECON_OUTCOMES if kind == Kind.RECONSIDERATION else COURT_OUTCOMES
                        services.record_decision(actor, appeal, rng.choice(outcomes), decided)
                made += 1
                # A department's 复议维持 then sued: the county government is co-defendant (201号).
                if kind == Kind.LITIGATION_AFTER and gov is not None and agency != gov and gov.pk in clerks:
                    serials[(kind, year)] += 1
                    services.create_appeal(
                        clerks[gov.pk],
                        gov,
                        kind=kind,
                        body=appeal.body,
                        case_number=_number(kind, year, serials[(kind, year)]),
                        applicant=appeal.applicant,
                        review_body_co_defendant=True,
                        received_on=received,
                        notes=f"与{agency.name}为共同被告（复议维持），依国办公开办函〔2016〕201号不计入本机关年度报告。",
                    )
                    made += 1
    log(f"已创建 {made} 件行政复议、行政诉讼演示案件。")
    return made
