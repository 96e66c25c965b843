"""Demo 政民互动: messages to the county's agencies over the year, most answered (a few late), some
published with personal data masked, a few still open past their period. Deterministic, bulk-created.
Every demo message has the query code DEMO2026 (to try the tracking page)."""

from __future__ import annotations

import datetime as dt
import random
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from gongkai.agencies.models import Agency
from gongkai.events.services import record
from gongkai.workdays.services import db_calendar

from .masking import mask
from .models import Counter, Message, State
from .queries import hash_query_code
from .rules import DEFAULT_ANSWER_DAYS

PREFIX = "sfx-"
DEMO_CODE = "DEMO2026"
SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗"
GIVEN = ("建国", "秀兰", "海峰", "丽华", "志刚", "晓梅", "国强", "玉珍", "明亮", "春燕")

# (agency short code, kind, title, body, answer)
TOPICS = [
    (
        "jyj",
        "consult",
        "孩子入学划片咨询",
        "我家住在城关镇幸福小区，孩子今年满6周岁，请问对口哪所小学？",
        "您好！幸福小区对应城关第二小学学区，请于7月上旬登录义务教育招生平台报名。",
    ),
    (
        "jyj",
        "suggestion",
        "建议增加校车线路",
        "东山乡到县城学校没有校车，孩子上学很不方便，建议增加线路。",
        "您好！您的建议已转交交通运输局研究，秋季学期将试开东山乡—县城校车线路。",
    ),
    (
        "zwfwj",
        "consult",
        "医保异地就医备案怎么办",
        "我在外省打工，父母在老家，生病住院怎么报销？需要备案吗？",
        "您好！可通过国家医保服务平台App办理异地就医备案，备案后在就医地定点医院直接结算。",
    ),
    (
        "zwfwj",
        "complaint",
        "政务服务中心排队时间长",
        "周一上午去办社保卡，排队两个多小时，窗口只开了一个。",
        "您好！已调整周一高峰时段窗口，增开两个综合受理窗口，并推行网上预约。感谢您的监督。",
    ),
    (
        "zwfwj",
        "consult",
        "养老保险断缴能否补缴",
        "我前几年外出务工断缴了三年城乡居民养老保险，现在还能补缴吗？",
        "您好！城乡居民养老保险可按规定补缴，请携带身份证到县政务服务中心社保窗口咨询办理。",
    ),
    (
        "zwfwj",
        "praise",
        "表扬医保窗口工作人员",
        "医保窗口工作人员耐心细致，帮我母亲办好了慢病认定，特此表扬。",
        "您好！感谢您的肯定，我们将继续提升服务质量。",
    ),
    (
        "gaj",
        "consult",
        "身份证丢失补办",
        "身份证丢了，异地可以补办吗？要多久？",
        "您好！居民身份证可在全国任一公安机关户籍窗口申请补领，一般20日内制证完成。",
    ),
    (
        "gaj",
        "help",
        "户口迁移手续咨询",
        "我在县城买了房，想把户口从东山乡迁到城关镇，需要什么手续？",
        "您好！请持房产证明、户口簿和身份证到城关派出所户籍窗口申请迁入。",
    ),
    (
        "zrzyj",
        "consult",
        "不动产证办理进度",
        "去年买的商品房，开发商说还在办证，请问不动产证什么时候能办下来？",
        "您好！经核实，该项目首次登记已完成，请联系开发商提交转移登记申请，材料齐全的当场受理、3日内办结。",
    ),
    (
        "zrzyj",
        "report",
        "反映占用耕地建房",
        "西河街道某村有人在耕地上建房，请相关部门查处。",
        "您好！经现场核查，该处为临时设施，已责令当事人限期拆除，我局将跟踪督办。",
    ),
    (
        "zjj",
        "consult",
        "公积金租房提取额度",
        "单位缴存公积金，在县城租房，每月可以提取多少？",
        "您好！租住商品住房的，每月可提取不超过当月缴存额的住房公积金，可通过公积金App办理。",
    ),
    (
        "zjj",
        "complaint",
        "小区物业不作为",
        "小区电梯经常坏，物业不及时维修，投诉多次没人管。",
        "您好！已约谈物业企业，要求于一周内完成电梯维保并公示维修记录。",
    ),
    (
        "wjw",
        "consult",
        "新生儿预防接种",
        "孩子刚出生，在哪里办预防接种证？",
        "您好！请携带出生医学证明到居住地乡镇卫生院预防接种门诊办理。",
    ),
    (
        "sthjj",
        "report",
        "夜间工地噪音扰民",
        "城关镇新区工地每天夜里11点后还在施工，噪音很大。",
        "您好！已责令施工单位停止夜间施工，确需连续作业的须办理夜间施工许可并公告。",
    ),
    (
        "jtysj",
        "suggestion",
        "建议增设公交站点",
        "县医院门口没有公交站，老人看病不方便。",
        "您好！经调研，将在县医院东门增设公交站点，预计下月启用。",
    ),
    (
        "scjgj",
        "complaint",
        "超市销售过期食品",
        "在城关镇某超市买到过期牛奶。",
        "您好！执法人员已现场检查，对该超市立案调查并督促下架过期食品。",
    ),
]


def load_demo_interaction(seed: int = 4, per_month: int = 18, log=print) -> int:
    if Message.objects.exists():
        log("（政民互动演示数据已存在，跳过。）")
        return 0
    rng = random.Random(seed)
    agencies = {a.code.removeprefix(PREFIX): a for a in Agency.objects.filter(code__startswith=PREFIX)}
    cal = db_calendar()
    today = timezone.localdate()
    serials: dict[int, int] = {}
    rows = []
    for month in range(1, today.month + 1):
        for _ in range(per_month):
            day = dt.date(today.year, month, rng.randint(1, 28))
            if day >= today:
                continue
            short, kind, title, body, answer = rng.choice(TOPICS)
            agency = agencies.get(short) or agencies["zwfwj"]
            name = rng.choice(SURNAMES) + rng.choice(GIVEN)
            phone = f"13{rng.randint(0, 9)}{rng.randint(10000000, 99999999)}"
            if rng.random() < 0.3:  # people often sign their message: masked before publication
                body = f"{body}我是{name}，电话{phone}。"
            due = cal.nth_working_day_after(day, DEFAULT_ANSWER_DAYS)
            answered = None
            roll = rng.random()
            if roll < 0.8 or (day < today - timedelta(days=40) and roll < 0.95):  # ~5% left overdue
                late = rng.random() < 0.08
                answered = (
                    cal.nth_working_day_after(day, rng.randint(1, DEFAULT_ANSWER_DAYS))
                    if not late
                    else due + timedelta(days=rng.randint(2, 12))
                )
                if answered >= today:
                    answered = None
            if answered is None and due < today and rng.random() < 0.7:
                answered = min(due, today - timedelta(days=1))  # keep only a few overdue
            serials[agency.pk] = serials.get(agency.pk, 0) + 1
            ack_no = f"LY-{agency.code}-{today.year}-{serials[agency.pk]:05d}"
            consent = rng.random() < 0.75
            published = answered is not None and consent and rng.random() < 0.6
            message = Message(
                agency=agency,
                ack_no=ack_no,
                query_code_hash=hash_query_code(ack_no, DEMO_CODE),
                kind=kind,
                title=title,
                body=body,
                name=name,
                contact=phone,
                consent=consent,
                received_at=timezone.make_aware(
                    dt.datetime.combine(day, dt.time(rng.randint(8, 21), rng.randint(0, 59)))
                ),
                received_on=day,
                due_on=due,
                state=State.PUBLISHED if published else State.ANSWERED if answered else State.RECEIVED,
                answer=answer if answered else "",
                answered_on=answered,
            )
            if published:
                message.public_title = mask(title, [name])
                message.public_body = mask(body, [name])
                message.public_answer = mask(answer, [name])
                message.published_on = min(answered + timedelta(days=rng.randint(0, 5)), today)
            rows.append(message)
    with transaction.atomic():
        Message.objects.bulk_create(rows)
        Counter.objects.bulk_create(
            [Counter(agency_id=pk, year=today.year, last=n) for pk, n in serials.items()]
        )
        record(
            None,
            "interaction.demo.load",
            ("demo", "interaction"),
            after={"messages": len(rows)},
            agency=agencies["zwfwj"],
            note="载入演示留言",
        )
    log(f"政民互动：{len(rows)} 条留言（查询码均为 {DEMO_CODE}）。")
    return len(rows)
