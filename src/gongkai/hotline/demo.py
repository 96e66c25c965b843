"""Demo knowledge base: about a hundred entries on 社保, 医保, 户籍, 不动产, 公积金, 教育入学 … for the
demo county, mostly from its 政务服务和大数据管理局, in every workflow state, a few past their review
date. Deterministic (seeded) and bulk-created."""

from __future__ import annotations

import random
from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone

from gongkai.agencies.models import Agency
from gongkai.events.services import record

from . import search
from .models import Counter, Entry, Review, Status
from .services import months_later

PREFIX = "sfx-"

# (agency short code, category, matter, materials, where, working days or 0 for 即办, online channel, basis)
SERVICES = [
    (
        "zwfwj",
        "民生热点/社会保障",
        "城乡居民养老保险参保登记",
        "身份证、户口簿",
        "县政务服务中心社保窗口或户籍所在乡镇便民服务中心",
        0,
        "“掌上12333”App",
        ("城乡居民基本养老保险经办规程", "人社部发〔2019〕84号"),
    ),
    (
        "zwfwj",
        "民生热点/社会保障",
        "养老保险待遇领取资格认证",
        "身份证",
        "社区（村）便民服务站",
        0,
        "“掌上12333”App 人脸识别",
        ("关于做好社会保险待遇领取资格认证工作的通知", ""),
    ),
    (
        "zwfwj",
        "民生热点/社会保障",
        "社会保障卡申领",
        "身份证、近期免冠照片",
        "县政务服务中心社保卡窗口或合作银行网点",
        5,
        "“电子社保卡”小程序",
        ("社会保障卡管理办法", ""),
    ),
    (
        "zwfwj",
        "民生热点/社会保障",
        "失业保险金申领",
        "身份证、解除劳动合同证明、银行卡",
        "县政务服务中心就业服务窗口",
        10,
        "省人社网上服务大厅",
        ("失业保险条例", "国务院令第258号"),
    ),
    (
        "zwfwj",
        "民生热点/社会保障",
        "灵活就业人员参保登记",
        "身份证",
        "县政务服务中心社保窗口",
        0,
        "省人社网上服务大厅",
        ("中华人民共和国社会保险法", ""),
    ),
    (
        "zwfwj",
        "民生热点/医疗保障",
        "新生儿参加城乡居民医保",
        "出生医学证明、户口簿",
        "县政务服务中心医保窗口",
        0,
        "“医保服务平台”小程序",
        ("示例县城乡居民基本医疗保险实施办法", "示政发〔2023〕5号"),
    ),
    (
        "zwfwj",
        "民生热点/医疗保障",
        "异地就医备案",
        "医保电子凭证或社保卡",
        "县政务服务中心医保窗口",
        0,
        "“国家医保服务平台”App",
        ("关于进一步做好基本医疗保险跨省异地就医直接结算工作的通知", "医保发〔2022〕22号"),
    ),
    (
        "zwfwj",
        "民生热点/医疗保障",
        "门诊慢特病待遇认定",
        "病历、诊断证明、检查报告",
        "县政务服务中心医保窗口或定点医院",
        15,
        "“医保服务平台”小程序",
        ("示例县门诊慢特病管理办法", ""),
    ),
    (
        "zwfwj",
        "民生热点/医疗保障",
        "医保关系转移接续",
        "身份证、参保凭证",
        "转入地医保经办机构",
        15,
        "“国家医保服务平台”App",
        ("基本医疗保险关系转移接续暂行办法", ""),
    ),
    (
        "zwfwj",
        "民生热点/医疗保障",
        "医疗费用手工报销",
        "发票、费用清单、出院小结、银行卡",
        "县政务服务中心医保窗口",
        20,
        "暂不支持网上办理",
        ("示例县城乡居民基本医疗保险实施办法", "示政发〔2023〕5号"),
    ),
    (
        "gaj",
        "政务服务/户籍",
        "新生儿入户",
        "出生医学证明、父母户口簿和身份证、结婚证",
        "户籍所在地派出所户籍窗口",
        0,
        "“公安政务服务”平台预约",
        ("中华人民共和国户口登记条例", ""),
    ),
    (
        "gaj",
        "政务服务/户籍",
        "身份证补领",
        "户口簿（或临时身份证明）",
        "县内任一派出所户籍窗口",
        20,
        "不支持网上办理，可网上预约",
        ("中华人民共和国居民身份证法", ""),
    ),
    (
        "gaj",
        "政务服务/户籍",
        "户口迁入（投靠）",
        "迁入地房产证明、亲属关系证明、身份证、户口簿",
        "迁入地派出所户籍窗口",
        10,
        "跨省迁移“一站式”网上申请",
        ("示例省户籍管理规定", ""),
    ),
    (
        "gaj",
        "政务服务/户籍",
        "居住证办理",
        "身份证、居住证明（租赁合同或房产证）",
        "居住地派出所",
        15,
        "“公安政务服务”平台",
        ("居住证暂行条例", "国务院令第663号"),
    ),
    (
        "zrzyj",
        "政务服务/不动产登记",
        "二手房转移登记",
        "买卖双方身份证、不动产权证书、买卖合同、完税凭证",
        "县不动产登记中心（政务服务中心二楼）",
        3,
        "“不动产登记网上办”平台",
        ("不动产登记暂行条例", "国务院令第656号"),
    ),
    (
        "zrzyj",
        "政务服务/不动产登记",
        "抵押登记",
        "身份证、不动产权证书、借款合同、抵押合同",
        "县不动产登记中心或合作银行网点",
        1,
        "“不动产登记网上办”平台",
        ("不动产登记暂行条例实施细则", ""),
    ),
    (
        "zrzyj",
        "政务服务/不动产登记",
        "不动产权证书遗失补发",
        "身份证、遗失声明",
        "县不动产登记中心",
        10,
        "不支持网上办理",
        ("不动产登记暂行条例实施细则", ""),
    ),
    (
        "zrzyj",
        "政务服务/不动产登记",
        "不动产登记资料查询",
        "身份证",
        "县不动产登记中心自助查询机",
        0,
        "“不动产登记网上办”平台",
        ("不动产登记资料查询暂行办法", ""),
    ),
    (
        "zjj",
        "民生热点/住房公积金",
        "住房公积金租房提取",
        "身份证、银行卡、无房证明",
        "县住房公积金服务窗口",
        0,
        "“公积金”App",
        ("住房公积金管理条例", "国务院令第262号"),
    ),
    (
        "zjj",
        "民生热点/住房公积金",
        "住房公积金购房提取",
        "身份证、购房合同、发票、银行卡",
        "县住房公积金服务窗口",
        3,
        "“公积金”App",
        ("住房公积金管理条例", "国务院令第262号"),
    ),
    (
        "zjj",
        "民生热点/住房公积金",
        "住房公积金贷款申请",
        "夫妻双方身份证、婚姻证明、购房合同、收入证明",
        "县住房公积金服务窗口",
        15,
        "“公积金”App 预审",
        ("示例市住房公积金贷款管理办法", ""),
    ),
    (
        "zjj",
        "民生热点/住房公积金",
        "住房公积金异地转移",
        "身份证",
        "转入地公积金中心",
        5,
        "全国住房公积金小程序",
        ("住房公积金管理条例", "国务院令第262号"),
    ),
    (
        "jyj",
        "政务服务/教育",
        "小学一年级入学报名",
        "户口簿、不动产权证书或购房合同、儿童预防接种证",
        "学区学校或县教育局招生办",
        0,
        "“示例县义务教育招生”平台",
        ("示例县义务教育阶段学校招生工作方案", "示教〔2026〕8号"),
    ),
    (
        "jyj",
        "政务服务/教育",
        "初中入学（小升初）",
        "户口簿、房产证明、小学学籍信息",
        "学区初中",
        0,
        "“示例县义务教育招生”平台",
        ("示例县义务教育阶段学校招生工作方案", "示教〔2026〕8号"),
    ),
    (
        "jyj",
        "政务服务/教育",
        "随迁子女入学",
        "居住证、父母务工证明或营业执照、户口簿",
        "县教育局招生办",
        5,
        "“示例县义务教育招生”平台",
        ("示例县义务教育阶段学校招生工作方案", "示教〔2026〕8号"),
    ),
    (
        "jyj",
        "政务服务/教育",
        "学籍转学",
        "转学申请、户口或居住证明",
        "转入学校",
        10,
        "全国中小学生学籍信息管理系统（学校办理）",
        ("中小学生学籍管理办法", ""),
    ),
]

ASPECTS = [
    (
        "需要哪些材料",
        ["办理{m}要带什么？", "{m}需要准备哪些材料"],
        "办理{m}需提交：{materials}。材料齐全的当场受理。",
    ),
    (
        "在哪里办理",
        ["{m}去哪里办？", "{m}的办理地点"],
        "{m}可到{where}办理，工作日上午9:00—12:00、下午13:30—17:00；也可通过{online}办理。",
    ),
    ("多长时间办结", ["{m}多久能办好？", "{m}要等几天"], "{limit}"),
    (
        "可以网上办理吗",
        ["{m}能不能在手机上办？", "{m}网上怎么办理"],
        "可以。{m}可通过{online}在线办理，上传材料后可在平台查看进度；不会操作的可拨打12345热线咨询。",
    ),
]


def _limit(m: str, days: int) -> str:
    if days == 0:
        return f"{m}为即办件，材料齐全、符合条件的当场办结。"
    return f"{m}自受理之日起{days}日内办结（承诺时限），办结后短信通知。"


def load_demo_hotline(seed: int = 12345, log=print) -> int:
    if Entry.objects.exists():
        log("（12345热线知识库演示数据已存在，跳过。）")
        return 0
    rng = random.Random(seed)
    agencies = {a.code.removeprefix(PREFIX): a for a in Agency.objects.filter(code__startswith=PREFIX)}
    today = timezone.localdate()
    now = timezone.now()
    entries = []
    for short, category, matter, materials, where, days, online, (law, doc_no) in SERVICES:
        agency = agencies.get(short) or agencies["zwfwj"]
        for aspect, questions, answer in ASPECTS:
            text = answer.format(
                m=matter, materials=materials, where=where, online=online, limit=_limit(matter, days)
            )
            published = date(today.year - rng.choice((0, 0, 1)), rng.randint(1, 11), rng.randint(1, 28))
            published = min(published, today - timedelta(days=1))
            state = rng.choices(
                (Status.PUBLISHED, Status.DUE_REVIEW, Status.IN_REVIEW, Status.DRAFT, Status.EXPIRED),
                (80, 6, 6, 5, 3),
            )[0]
            entry = Entry(
                agency=agency,
                title=f"{matter}{aspect}",
                category=category,
                questions=[q.format(m=matter) for q in questions],
                answer=text,
                summary=f"{matter}：{aspect}",
                basis=[{"title": law, "doc_no": doc_no, "article": "", "index_no": ""}],
                owner=rng.choice(("王建华", "李秀英", "张志强", "刘丽娟", "陈海燕")),
                related_items=[],
                effective_from=published,
                effective_to=published - timedelta(days=1) if state == Status.EXPIRED else None,
                review_due=months_later(published),
                status=state,
                version=rng.choice((1, 1, 1, 2)),
                published_on=None if state in (Status.DRAFT, Status.IN_REVIEW) else published,
                created_at=now,
                updated_at=now,
                **search.segmented(f"{matter}{aspect}", [q.format(m=matter) for q in questions], "", text),
            )
            entries.append(entry)
    with transaction.atomic():
        year = today.year
        for n, entry in enumerate(entries, 1):
            entry.code = f"ZSK-{year}-{n:05d}"
        Counter.objects.create(year=year, last=len(entries))
        Entry.objects.bulk_create(entries)
        saved = list(
            Entry.objects.filter(status=Status.PUBLISHED, published_on__lt=today - timedelta(days=60))
        )
        reviews = []
        for entry in rng.sample(saved, min(20, len(saved))):
            late = rng.random() < 0.15
            due = entry.published_on + timedelta(days=50)
            reviews.append(
                Review(entry=entry, due_on=due, reviewed_on=due + timedelta(days=7 if late else -3))
            )
        Review.objects.bulk_create(reviews)
        record(
            None,
            "hotline.demo.load",
            ("demo", "hotline"),
            after={"entries": len(entries)},
            agency=agencies["zwfwj"],
            note="载入演示知识库",
        )
    log(f"12345热线知识库：{len(entries)} 条知识条目。")
    return len(entries)
