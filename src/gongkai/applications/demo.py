"""Demo applications: a few hundred across the demo agencies over the demo's report years up to
today (``gongkai.annual.demo``), in every state and with every kind of outcome, made through the
services (so clocks, letters and the log are real).

Everything is fictional. Deterministic (seeded), so two demo databases look alike.
"""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta

from django.db import transaction
from django.utils import timezone

from gongkai import law
from gongkai.agencies.models import Agency, Membership, Role
from gongkai.annual.demo import data_years
from gongkai.identifiers import USCC_ALPHABET, resident_id_check_char, uscc_check_char
from gongkai.workdays.services import db_calendar

from . import services
from .models import Application
from .queries import hash_query_code, reply_types_for
from .rules import (
    APPLICANT_TYPES,
    LAPSE_OUTCOMES,
    NATURAL_PERSON,
    OUTCOMES,
    REFERRED_OUTCOME,
    WITHDRAWN_OUTCOME,
)
from .services import ApplicantData, ApplicationError

SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗"
GIVEN = ["建国", "秀兰", "志明", "丽华", "海波", "文静", "晓峰", "春燕", "国栋", "子豪"]
COMPANIES = ["示例建筑有限公司", "示例商贸有限责任公司", "示例律师事务所", "示例环境研究院", "示例公益基金会"]
TOPICS = [
    "{year}年度部门预算和决算",
    "{year}年辖区内道路养护工程招标文件",
    "关于{place}征收补偿方案的批复",
    "{place}建设项目环境影响评价文件",
    "{year}年义务教育阶段学校招生划片方案",
    "{place}房屋安全鉴定报告",
    "{year}年行政处罚决定书（涉及{place}）",
    "{place}规划许可证及附图",
]
PLACES = ["城关镇东街", "东山乡李村", "西河街道新华社区", "人民路片区", "工业园区三期"]
STAFF_OUTCOMES = [k for k in OUTCOMES if k not in LAPSE_OUTCOMES | {REFERRED_OUTCOME, WITHDRAWN_OUTCOME}]
# The 法人或其他组织 columns of table 三, so every demo organisation lands in one of them.
ORG_TYPES = [key for key in APPLICANT_TYPES if key != NATURAL_PERSON]
# The query code of the showcase applications a visitor can follow on /apply/track/ (printed).
SHOWCASE_CODE = "DEMO2026"


OPEN_PER_AGENCY = 3
# One agency falls behind, so the supervisor's 当前逾期申请 and 按期答复率 show something: each
# year before this one it answered one application after the 20 working days, and one application
# is past its reply deadline now.
BEHIND = "sfx-zjj"
LATE_BY = 6  # working days past the statutory reply period (第三十三条) of the late replies
OVERDUE_FOR = 5  # working days past the reply deadline today, for the open one


def _person(rng: random.Random, n: int, first_year: int) -> ApplicantData:
    organisation = rng.random() < 0.25
    if organisation:
        first = f"91{rng.randint(100000, 999999)}MA0{rng.randint(10000000, 99999999)}"[:17]
        first = "".join(c if c in USCC_ALPHABET else "0" for c in first)
        kind = rng.choice(ORG_TYPES)
        name, id_type, number = rng.choice(COMPANIES), "uscc", first + uscc_check_char(first)
    else:
        born = date(1950, 1, 1) + timedelta(days=rng.randint(0, 18000))
        first = f"990101{born:%Y%m%d}{rng.randint(100, 999)}"
        first = "11" + first[2:]  # a mainland province code, fictional district
        kind, name, id_type = "natural_person", rng.choice(SURNAMES) + rng.choice(GIVEN), "resident_id"
        number = first + resident_id_check_char(first)
    asked = rng.choice(range(first_year - 2, first_year + 2))  # the information asked for is older
    topic = rng.choice(TOPICS).format(year=asked, place=rng.choice(PLACES))
    return ApplicantData(
        applicant_type=kind,
        name=name,
        id_type=id_type,
        id_number=number,
        phone=f"139{rng.randint(10000000, 99999999)}",
        email=f"demo{n}@example.com",
        address=f"示例县人民路{rng.randint(1, 300)}号",
        postcode="999001",
        contact_person=rng.choice(SURNAMES) + rng.choice(GIVEN) if organisation else "",
        description=topic,
        delivery_form=rng.choice(["paper", "electronic"]),
        delivery_channel=rng.choice(["post", "email", "pickup"]),
    )


def _process(app: Application, actor, rng: random.Random, today: date, keep_open: bool = False) -> None:
    """Walk one application to a random point of its life, never past ``today`` (still open with
    ``keep_open``)."""
    cal = db_calendar()
    r = app.received_on

    def day(n: int) -> date:
        return min(cal.nth_working_day_after(r, n), today)

    recent = (today - r).days < 35
    roll = rng.random()
    if keep_open or (recent and roll < 0.45):
        choice = rng.choice(["none", "correction", "consult", "fee", "extend"])
        if choice == "correction":
            services.request_correction(actor, app, "请写明所需信息的文号或形成时间。", on=day(2))
        elif choice == "consult":
            services.start_consultation(actor, app, rng.choice(COMPANIES), "third_party", day(3))
        elif choice == "fee":
            services.send_fee_notice(actor, app, "by_volume", rng.randint(40, 250), day(3))
        elif choice == "extend":
            services.grant_extension(actor, app, 15, "需要调取档案并逐页审查", "政务公开科科长", day(10))
        return
    if roll < 0.06:
        app = services.request_correction(actor, app, "请写明所需信息的名称或文号。", on=day(2))
        services.lapse_correction(actor, app, cal.nth_working_day_after(app.correction_until, 1))
        return
    if roll < 0.10:
        services.withdraw(actor, app, "申请人来电撤回申请", day(3))
        return
    if roll < 0.16:
        services.refer(actor, app, "示例县财政局", "0999-6200444", "该信息由示例县财政局制作并保存", day(6))
        return
    if roll < 0.19:
        app = services.send_fee_notice(actor, app, "by_volume", rng.randint(120, 300), day(2))
        services.lapse_payment(actor, app, cal.nth_working_day_after(app.payment_due, 1))
        return
    if roll < 0.30:
        app = services.start_consultation(
            actor, app, rng.choice(COMPANIES), rng.choice(["third_party", "coproducer"]), day(2)
        )
        app = services.end_consultation(actor, app, "不同意公开，理由为涉及商业秘密", day(9))
    outcome = rng.choice(STAFF_OUTCOMES) if rng.random() < 0.5 else "r_open"
    reply_type = rng.choice(reply_types_for(outcome)).value
    app = services.reply(actor, app, outcome, "详见附件及说明。", reply_type, day(rng.randint(5, 19)))
    if rng.random() < 0.8:
        app = services.deliver(actor, app, day(20))
        if rng.random() < 0.8:
            services.close(actor, app, day(20))


def load_demo_applications(
    per_agency: int = 20, seed: int = 2026, log=print, today: date | None = None
) -> int:
    """Create ``per_agency`` applications for each agency that has a 信息公开专员. Returns the count.

    ``today`` (default: the real date) is the last day the demo's applications and steps may fall on;
    tests pass a fixed day so the outcome does not depend on the day they run."""
    rng = random.Random(seed)
    today = min(today or timezone.localdate(), timezone.localdate())  # steps are never in the future
    start = date(data_years(today)[0], 1, 2)
    span = (today - start).days - 1
    made = 0
    clerks = {
        m.agency_id: m.user
        for m in Membership.objects.active().filter(role=Role.CLERK).select_related("user")
    }
    for agency in Agency.objects.filter(is_active=True, pk__in=clerks):
        actor = clerks[agency.pk]
        for i in range(per_agency):
            # The last few arrived in the past weeks and are still being handled: the to-do list.
            fresh = i >= per_agency - OPEN_PER_AGENCY
            received = start + timedelta(days=rng.randint(0, span))
            if fresh:
                received = today - timedelta(days=rng.randint(1, 25))
            if received.weekday() >= 5:
                received -= timedelta(days=received.weekday() - 4)
            data = _person(rng, made, start.year)
            try:
                with transaction.atomic():
                    if i % 15 == 14:  # a few still waiting for the confirmation of an online submission
                        services.submit_online(agency, data)
                    else:
                        app = _registered(
                            actor,
                            agency,
                            data,
                            received,
                            rng.choice(["in_person", "registered_mail", "oral"]),
                            oral_record_note="申请人口头提出，工作人员代为填写并经申请人确认",
                        )
                        if rng.random() < 0.7:
                            services.assign(actor, app, actor)
                        _process(app, actor, rng, today, keep_open=fresh)
            except ApplicationError as exc:  # e.g. a deadline past the calendar's provisional years
                log(f"  跳过一件演示申请：{exc.message}")
                continue
            made += 1
        # one duplicate merged into another, per agency
        pair = list(Application.objects.filter(agency=agency, state="registered")[:2])
        if len(pair) == 2:
            services.merge(actor, pair[0], pair[1].tracking_no, max(pair[0].received_on, pair[1].received_on))
    behind = Agency.objects.filter(is_active=True, pk__in=clerks, code=BEHIND).first()
    if behind is not None:
        made += _behind(behind, clerks[behind.pk], rng, today, start.year, log)
    if clerks:
        agency = Agency.objects.filter(is_active=True, pk__in=clerks).order_by("sort_order", "code").first()
        made += _showcase(agency, clerks[agency.pk], rng, today, start.year, log)
    log(f"已创建 {made} 件演示申请。")
    return made


def _registered(actor, agency, data: ApplicantData, received: date, channel: str = "in_person", **extra):
    """Registered by staff as received on ``received``, and submitted that morning (not now)."""
    app = services.register_by_staff(actor, agency, data, channel, received_on=received, **extra).application
    moment = timezone.make_aware(datetime.combine(received, time(9, 30)))
    Application.objects.filter(pk=app.pk).update(submitted_at=moment)
    app.refresh_from_db()
    return app


def _behind(agency, actor, rng: random.Random, today: date, first_year: int, log) -> int:
    """``BEHIND``'s late work: one reply after the deadline in each earlier year, one application
    past its deadline now (received with no clock stop, never answered)."""
    cal = db_calendar()
    made = 0
    days = [(date(year, 3, 2), law.REPLY.amount + LATE_BY) for year in range(first_year, today.year)]
    overdue = today
    while cal.working_days_between(overdue, today) < law.REPLY.amount + OVERDUE_FOR:
        overdue -= timedelta(days=1)
    days.append((overdue, None))
    for received, reply_day in days:
        received -= timedelta(days=max(0, received.weekday() - 4))
        try:
            with transaction.atomic():
                app = _registered(actor, agency, _person(rng, 800 + made, first_year), received)
                services.assign(actor, app, actor)
                if reply_day is not None:
                    app = services.reply(
                        actor,
                        app,
                        "r_open",
                        "详见附件。",
                        "art36_2",
                        cal.nth_working_day_after(received, reply_day),
                    )
                    services.deliver(actor, app, cal.nth_working_day_after(received, reply_day + 1))
        except ApplicationError as exc:
            log(f"  跳过一件演示申请：{exc.message}")
            continue
        made += 1
    return made


def _showcase(agency, actor, rng: random.Random, today: date, first_year: int, log) -> int:
    """Two applications the public side can be tried on with ``SHOWCASE_CODE``: one waiting for
    the applicant's 补正 (answer it on the tracking page), one answered and delivered."""
    made = 0
    for label, back in (("待补正", 7), ("已答复并送达", 30)):
        received = today - timedelta(days=back)
        received -= timedelta(days=max(0, received.weekday() - 4))
        try:
            with transaction.atomic():
                app = services.register_by_staff(
                    actor, agency, _person(rng, 900 + made, first_year), "in_person", received_on=received
                ).application
                if back == 7:
                    services.request_correction(actor, app, "请写明所需信息的文号或形成时间。", on=today)
                else:
                    app = services.reply(
                        actor,
                        app,
                        "r_deny_process_info",
                        "该信息为讨论稿，尚未形成正式决定。",
                        "art36_3",
                        received + timedelta(days=7),
                    )
                    services.deliver(actor, app, received + timedelta(days=9))
                Application.objects.filter(pk=app.pk).update(
                    query_code_hash=hash_query_code(app.tracking_no, SHOWCASE_CODE),
                    submitted_at=timezone.make_aware(datetime.combine(received, time(9, 30))),
                )
        except ApplicationError as exc:  # e.g. a 补正 period into a year the calendar lacks
            log(f"  跳过一件演示申请：{exc.message}")
            continue
        log(f"公众查询演示（{label}）：申请编号 {app.tracking_no}，查询码 {SHOWCASE_CODE}")
        made += 1
    return made
