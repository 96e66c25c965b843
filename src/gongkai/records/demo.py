"""Demo 第二十条 records for the demo county (示例县): decisions, yearly totals and fees for every
demo report year (``gongkai.annual.demo``), the current year's up to yesterday.

``load_demo_records()`` is called by gongkai.cli.demo after the agencies exist. Fictional data;
amounts are whole 元 so that the 万元 figures in table 二 stay within 1 元 precision.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from gongkai.agencies.models import Agency
from gongkai.annual.demo import data_years

from .models import Decision, FeeCollection, YearlyTotal
from .rules import Kind

PREFIX = "sfx-"

# short code → (文号 stem, {kind: (min, max) decisions a year})
DECISIONS = {
    "scjgj": ("示市监", {Kind.LICENSING: (120, 180), Kind.PENALTY: (40, 70), Kind.COERCION: (5, 12)}),
    "zrzyj": ("示自然资", {Kind.LICENSING: (60, 90), Kind.PENALTY: (10, 20), Kind.COERCION: (1, 4)}),
    "sthjj": ("示环", {Kind.LICENSING: (20, 40), Kind.PENALTY: (15, 30), Kind.COERCION: (3, 8)}),
    "zjj": ("示建", {Kind.LICENSING: (80, 120), Kind.PENALTY: (8, 16)}),
    "jtysj": ("示交", {Kind.LICENSING: (100, 150), Kind.PENALTY: (30, 60), Kind.COERCION: (2, 6)}),
    "wjw": ("示卫健", {Kind.LICENSING: (70, 110), Kind.PENALTY: (10, 25)}),
    "jyj": ("示教", {Kind.LICENSING: (5, 12), Kind.PENALTY: (0, 3)}),
    "yjglj": ("示应急", {Kind.LICENSING: (10, 20), Kind.PENALTY: (12, 24), Kind.COERCION: (1, 5)}),
    "cgz": ("城政", {Kind.PENALTY: (5, 15)}),
    "dsx": ("东政", {Kind.PENALTY: (2, 8)}),
    "xhjd": ("西办", {Kind.PENALTY: (3, 10)}),
}
KIND_STEM = {Kind.LICENSING: "许", Kind.PENALTY: "罚", Kind.COERCION: "强"}
SUMMARIES = {
    Kind.LICENSING: ["准予行政许可", "准予变更许可事项", "准予延续", "不予行政许可"],
    Kind.PENALTY: ["警告", "罚款", "没收违法所得、罚款", "责令停产停业"],
    Kind.COERCION: ["查封场所、设施或者财物", "扣押财物", "加处罚款"],
}
SUBJECTS = [
    "示例县{}商贸有限公司",
    "示例县{}建筑工程有限公司",
    "示例县{}餐饮店",
    "示例县{}运输有限公司",
    "示例县{}诊所",
]
WORDS = "金泰华丰瑞安恒信宏达永兴鑫源康顺"

# Agencies that keep the decisions in another system and report yearly totals instead.
TOTALS = {
    "gaj": {
        Kind.LICENSING: (900, 1300, "公安综合业务平台"),
        Kind.PENALTY: (1500, 2100, "公安执法办案系统"),
        Kind.COERCION: (40, 90, "公安执法办案系统"),
    },
    "scjgj": {Kind.PENALTY: (60, 90, "市场监管执法办案系统")},  # replaces its entered penalties
}

# short code → [(item, basis, min 元, max 元)]
FEES = {
    "zrzyj": [("不动产登记费", "发改价格规〔2016〕2559号", 1_800_000, 2_600_000)],
    "gaj": [
        ("居民身份证工本费", "发改价格〔2005〕436号", 150_000, 260_000),
        ("机动车号牌工本费", "发改价格〔2004〕2831号", 80_000, 140_000),
    ],
    "zjj": [("城市道路占用挖掘修复费", "示例省物价局核定标准", 30_000, 90_000)],
    "jtysj": [("车辆通行费（县管道路）", "示例省人民政府批复", 400_000, 700_000)],
}


def _day(rng: random.Random, year: int, last: date) -> date:
    end = min(date(year, 12, 31), last)
    return date(year, 1, 2) + timedelta(days=rng.randint(0, (end - date(year, 1, 2)).days))


@transaction.atomic
def load_demo_records(seed: int = 20, log=print, today: date | None = None) -> int:
    """Create the demo decisions, totals and fees. Returns the number of decisions. ``today``
    (default: the real date, never later) picks the years."""
    if Decision.objects.exists() or YearlyTotal.objects.exists() or FeeCollection.objects.exists():
        log("（第二十条演示数据已存在，跳过。）")
        return 0
    rng = random.Random(seed)
    today = min(today or timezone.localdate(), timezone.localdate())
    yesterday = today - timedelta(days=1)
    agencies = {a.code.removeprefix(PREFIX): a for a in Agency.objects.filter(code__startswith=PREFIX)}
    decisions, totals, fees = [], [], []
    for year in data_years(today):
        if date(year, 1, 2) > yesterday:
            continue
        # a year not over yet: the totals and fees so far
        part = min(1, ((yesterday - date(year, 1, 1)).days + 1) / 365)
        for short, (stem, kinds) in DECISIONS.items():
            agency = agencies.get(short)
            if agency is None:
                continue
            for kind, (low, high) in kinds.items():
                days = sorted(_day(rng, year, yesterday) for _ in range(rng.randint(low, high)))
                for n, day in enumerate(days, start=1):
                    decisions.append(
                        Decision(
                            agency=agency,
                            kind=kind.value,
                            number=f"{stem}{KIND_STEM[kind]}〔{year}〕{n}号",
                            decided_on=day,
                            subject=rng.choice(SUBJECTS).format(rng.choice(WORDS) + rng.choice(WORDS)),
                            summary=rng.choice(SUMMARIES[kind]),
                        )
                    )
        for short, kinds in TOTALS.items():
            if short in agencies:
                for kind, (low, high, source) in kinds.items():
                    totals.append(
                        YearlyTotal(
                            agency=agencies[short],
                            year=year,
                            kind=kind.value,
                            count=round(rng.randint(low, high) * part),
                            source=source,
                        )
                    )
        for short, items in FEES.items():
            if short in agencies:
                for item, basis, low, high in items:
                    fees.append(
                        FeeCollection(
                            agency=agencies[short],
                            year=year,
                            item=item,
                            basis=basis,
                            amount_yuan=Decimal(round(rng.randint(low, high) * part)),
                        )
                    )
    Decision.objects.bulk_create(decisions, batch_size=2000)
    YearlyTotal.objects.bulk_create(totals)
    FeeCollection.objects.bulk_create(fees)
    log(
        f"已创建第二十条演示数据：{len(decisions)} 件处理决定，{len(totals)} 条年度数量，{len(fees)} 条收费记录。"
    )
    return len(decisions)
