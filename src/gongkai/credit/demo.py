"""Demo 双公示 records for the demo county (示例县): a few thousand 行政许可 and 行政处罚 of the past
year and this one, most published within the 7 working days and some late, the recent ones still
waiting; monthly 报送 batches, some with rows the platform sent back. Fictional, seeded, bulk."""

from __future__ import annotations

import random
from datetime import date, timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from gongkai.agencies.models import Agency, Membership
from gongkai.identifiers import USCC_ALPHABET, resident_id_check_char, uscc_check_char
from gongkai.workdays.services import db_calendar

from .models import BatchItem, BatchState, CreditRecord, PublicityState, SubmissionBatch
from .rules import Category, Kind
from .services import DueDates, fill_dates

PREFIX = "sfx-"
# short code → (文号 stem, licences a year, penalties a year)
AGENCIES = {
    "zwfwj": ("示政务", 420, 0),
    "scjgj": ("示市监", 380, 160),
    "zjj": ("示建", 160, 20),
    "sthjj": ("示环", 30, 60),
    "gaj": ("示公", 0, 220),
    "yjglj": ("示应急", 20, 40),
}
LICENCES = [
    ("普通", "食品经营许可证", "食品经营许可"),
    ("普通", "营业执照", "企业设立登记"),
    ("登记", "营业执照", "个体工商户设立登记"),
    ("核准", "建筑工程施工许可证", "建筑工程施工许可"),
    ("认可", "", "特种设备作业人员资格认定"),
    ("普通", "排污许可证", "排污许可"),
    ("其他-备案", "", "公共场所卫生许可"),
]
PENALTIES = [
    ("违反食品安全管理规定", "《中华人民共和国食品安全法》第一百二十二条", "罚款", "经营超过保质期的食品"),
    ("未按规定公示年度报告", "《企业信息公示暂行条例》第十八条", "警告", "未按规定报送年度报告"),
    ("违反安全生产管理规定", "《中华人民共和国安全生产法》第九十七条", "警告、罚款", "未按规定开展安全培训"),
    ("违反消防管理规定", "《中华人民共和国消防法》第六十条", "罚款", "占用、堵塞消防通道"),
    ("违反治安管理规定", "《中华人民共和国治安管理处罚法》第二十三条", "罚款", "扰乱单位秩序"),
    (
        "违反环境保护管理规定",
        "《中华人民共和国大气污染防治法》第一百零八条",
        "罚款、责令停产停业",
        "未采取防尘措施",
    ),
]
SUBJECTS = ["示例县{}商贸有限公司", "示例县{}建筑工程有限公司", "示例县{}餐饮店", "示例县{}运输有限公司"]
WORDS = "金泰华丰瑞安恒信宏达永兴鑫源康顺"
SURNAMES = "王李张刘陈杨赵黄周吴"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰涛明超"


def _uscc(rng: random.Random, head: str) -> str:
    body = head + "239001" + "".join(rng.choice(USCC_ALPHABET[:10]) for _ in range(8))
    body += rng.choice(USCC_ALPHABET)
    return body + uscc_check_char(body)


def _id_no(rng: random.Random) -> str:
    first = f"239001{rng.randint(1960, 2002)}{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}{rng.randint(0, 999):03d}"
    return first + resident_id_check_char(first)


def _person(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.randint(1, 2)))


def _record(rng, agency, kind, stem, n, decided, authority_code, calendar, due, today) -> CreditRecord:
    category = rng.choices(
        [Category.ORGANISATION, Category.INDIVIDUAL_BUSINESS, Category.PERSON],
        [6, 3, 1 if kind == Kind.LICENCE else 3],
    )[0]
    rec = CreditRecord(
        agency=agency,
        kind=kind,
        subject_category=category,
        decided_on=decided,
        authority=agency.name,
        authority_code=authority_code,
        source_unit=agency.name,
        source_unit_code=authority_code,
        doc_no=f"{stem}{'许' if kind == Kind.LICENCE else '罚'}〔{decided.year}〕{n}号",
    )
    if category == Category.PERSON:
        rec.subject_name, rec.id_type, rec.id_no = _person(rng), "身份证", _id_no(rng)
    else:
        word = rng.choice(WORDS) + rng.choice(WORDS)
        rec.subject_name = rng.choice(SUBJECTS).format(word)
        if category == Category.INDIVIDUAL_BUSINESS:
            rec.subject_name = f"示例县{word}便利店"
        rec.uscc = _uscc(rng, "92" if category == Category.INDIVIDUAL_BUSINESS else "91")
        rec.legal_rep, rec.legal_rep_id_type, rec.legal_rep_id_no = _person(rng), "身份证", _id_no(rng)
    if kind == Kind.LICENCE:
        category_name, certificate, content = rng.choice(LICENCES)
        rec.licence_category, rec.licence_name, rec.content = category_name, certificate, content
        rec.doc_title = f"准予{content}决定书"
        rec.licence_no = f"{stem}{decided.year}{n:05d}"
        rec.valid_from = decided
        if rng.random() < 0.2:
            rec.long_term = True
        else:
            rec.valid_to = decided.replace(year=decided.year + rng.choice((1, 3, 5)))
        rec.current_status = "有效"
    else:
        violation, basis, categories, facts = rng.choice(PENALTIES)
        rec.violation_type, rec.basis, rec.penalty_categories = violation, basis, categories
        rec.facts = f"{rec.subject_name}{facts}。"
        rec.content = categories
        if "罚款" in categories:
            rec.fine_wan = Decimal(rng.randint(5, 500)) / 100
        rec.valid_to = (
            decided.replace(year=decided.year + 1) if decided.month != 2 or decided.day != 29 else decided
        )
    lag = rng.choices([1, 2, 3, 4, 5, 6, 7, 9, 12], [10, 20, 20, 15, 10, 8, 5, 2, 1])[0]
    published = calendar.nth_working_day_after(decided, lag)
    if published < today:
        rec.published_on, rec.state = published, PublicityState.ACTIVE
    return fill_dates(rec, today, due(decided))


@transaction.atomic
def load_demo_credit(seed: int = 10, log=print) -> int:
    if CreditRecord.objects.exists():
        log("（双公示演示数据已存在，跳过。）")
        return 0
    rng = random.Random(seed)
    calendar = db_calendar()
    due = DueDates(calendar)
    today = timezone.localdate()
    agencies = {a.code.removeprefix(PREFIX): a for a in Agency.objects.filter(code__startswith=PREFIX)}
    records: list[CreditRecord] = []
    for short, (stem, licences, penalties) in AGENCIES.items():
        agency = agencies.get(short)
        if agency is None:
            continue
        authority_code = _uscc(rng, "11")
        for year in (today.year - 1, today.year):
            last = min(date(year, 12, 31), today - timedelta(days=1))
            span = (last - date(year, 1, 2)).days
            if span <= 0:
                continue
            for kind, per_year in ((Kind.LICENCE, licences), (Kind.PENALTY, penalties)):
                count = per_year * (span + 1) // 365
                days = sorted(date(year, 1, 2) + timedelta(days=rng.randint(0, span)) for _ in range(count))
                records += [
                    _record(rng, agency, kind, stem, n, d, authority_code, calendar, due, today)
                    for n, d in enumerate(days, 1)
                ]
    CreditRecord.objects.bulk_create(records, batch_size=2000)
    batches = _batches(rng, agencies, today)
    log(f"已创建双公示演示数据：{len(records)} 条记录，{batches} 个报送批次。")
    return len(records)


def _batches(rng: random.Random, agencies: dict, today: date) -> int:
    """A batch per agency and month sent on the 5th of the next month; a few rows sent back."""
    made = 0
    for agency in agencies.values():
        published = list(
            CreditRecord.objects.filter(agency=agency, published_on__isnull=False)
            .order_by("published_on")
            .values_list("pk", "published_on", "doc_no")
        )
        if not published:
            continue
        user = Membership.objects.filter(agency=agency).values_list("user_id", flat=True).first()
        if user is None:
            continue
        months: dict[tuple[int, int], list] = {}
        for row in published:
            months.setdefault((row[1].year, row[1].month), []).append(row)
        for (year, month), rows in sorted(months.items()):
            sent = date(year + month // 12, month % 12 + 1, 5)
            if sent >= today:
                continue
            made += 1
            batch = SubmissionBatch.objects.create(
                agency=agency,
                number=f"{year}-{month:04d}",
                created_by_id=user,
                state=BatchState.FEEDBACK,
                sent_on=sent,
                feedback_on=sent + timedelta(days=10),
            )
            items = [
                BatchItem(batch=batch, record_id=pk, rejected=rng.random() < 0.01, reason="")
                for pk, _d, _no in rows
            ]
            for item in items:
                if item.rejected:
                    item.reason = rng.choice(["统一社会信用代码与登记信息不一致", "许可内容为空或不规范"])
            BatchItem.objects.bulk_create(items, batch_size=2000)
            accepted = [i.record_id for i in items if not i.rejected]
            CreditRecord.objects.filter(pk__in=accepted).update(submitted_on=sent)
    return made
