"""Demo catalogue: realistic, fictional entries for the demo county (示例县), over the demo report
years (``gongkai.annual.demo``) and the year before them, up to today.

``load_demo_catalogue()`` is called by gongkai.cli.demo after the agencies exist. ``generate`` is
also used by bench/web.py to fill 200,000 rows; it yields plain column dicts, deterministic for a
seed, with 索引号 serials counted per agency and year.
"""

from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Iterator
from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone

from gongkai import law, workdays
from gongkai.annual.demo import data_years
from gongkai.workdays.services import db_calendar

from .cache import bump
from .models import DEFAULT_INDEX_PATTERN, DisclosureMode, DocType, Entry, IndexCounter, Status, Validity
from .search import index_words

COUNTY = "示例县"

# 文号 abbreviation per agency short code (the part after "sfx-"); others use 示办发.
ABBR = {
    "gov": "示政发",
    "xzfb": "示政办发",
    "jyj": "示教发",
    "gaj": "示公发",
    "czj": "示财发",
    "zrzyj": "示自然资发",
    "sthjj": "示环发",
    "zjj": "示建发",
    "jtysj": "示交发",
    "wjw": "示卫健发",
    "scjgj": "示市监发",
    "yjglj": "示应急发",
    "cgz": "城政发",
    "dsx": "东政发",
    "xhjd": "西办发",
}
# (topic, category) per agency; the category codes are gongkai/catalogue/data/categories.json.
TOPICS = {
    "gov": [
        ("国民经济和社会发展第十五个五年规划纲要", "A03"),
        ("优化营商环境", "A03"),
        ("乡村振兴", "A11"),
        ("政务公开", "A15"),
        ("城市更新", "B01"),
        ("社会救助", "B07"),
    ],
    "xzfb": [("政务公开工作要点", "A15"), ("政务服务", "B02"), ("12345政务服务便民热线", "B02")],
    "jyj": [
        ("义务教育招生", "A11"),
        ("学前教育", "A11"),
        ("校外培训机构管理", "A01"),
        ("学生资助", "A11"),
        ("中小学教师招聘", "A14"),
    ],
    "gaj": [("道路交通安全管理", "B06"), ("户籍管理", "A05"), ("烟花爆竹燃放管理", "B06")],
    "czj": [("惠民惠农财政补贴资金", "A07"), ("政府债务管理", "A07"), ("政府采购", "A09")],
    "zrzyj": [("土地征收", "B04"), ("国土空间规划", "A03"), ("不动产登记", "A05")],
    "sthjj": [("大气污染防治", "A13"), ("环境质量", "A13"), ("建设项目环境影响评价", "A05")],
    "zjj": [("国有土地上房屋征收", "B05"), ("老旧小区改造", "B01"), ("保障性住房", "B02")],
    "jtysj": [("农村公路建设", "A10"), ("道路运输管理", "A05"), ("城乡公交", "B02")],
    "wjw": [("家庭医生签约服务", "A11"), ("传染病防控", "A13"), ("医疗机构执业校验", "A05")],
    "scjgj": [("食品安全监督抽检", "A13"), ("产品质量监督抽查", "A13"), ("市场主体登记", "A05")],
    "yjglj": [("安全生产", "A13"), ("防汛抗旱", "A12"), ("森林防灭火", "A12")],
    "cgz": [("农村土地承包经营权流转", "C03"), ("宅基地使用审核", "C04"), ("农田水利设施管护", "C02")],
    "dsx": [("高标准农田建设", "C02"), ("农业产业发展", "C01"), ("一事一议筹资筹劳", "C07")],
    "xhjd": [("最低生活保障", "C08"), ("农村人居环境整治", "C01"), ("临时救助", "C08")],
}
ENFORCERS = {"gaj", "sthjj", "scjgj", "yjglj", "zrzyj", "jtysj", "wjw"}
NORMATIVE_WORDS = ("管理办法", "实施办法", "暂行办法", "实施细则")
PLAN_WORDS = ("实施方案", "工作方案", "行动方案", "实施意见")
PARTIES = (
    "某某商贸有限公司",
    "某某建材厂",
    "某某餐饮店",
    "某某运输有限公司",
    "某某农业专业合作社",
    "某某食品经营部",
)
UNITS = ("各乡镇人民政府、街道办事处，县直各单位", "各乡镇中心学校、县直各学校", "各有关单位")


def _short(agency) -> str:
    return agency.code.split("-", 1)[1] if "-" in agency.code else agency.code


def _topics(agency) -> list[tuple[str, str]]:
    short = _short(agency)
    if short in TOPICS:
        return TOPICS[short]
    if agency.kind == "township" or agency.level == "township":
        return TOPICS["cgz"]
    return [("政务公开", "A15"), ("安全生产", "A13")]


def _item(rng: random.Random, agency, year: int, docno) -> dict:
    """One document: title, category, type, 文号, summary and body."""
    name = agency.name
    topic, cat = rng.choice(_topics(agency))
    short = _short(agency)
    roll = rng.random()
    doc_type, number = DocType.ORDINARY, ""
    if roll < 0.14:
        word = rng.choice(NORMATIVE_WORDS)
        title = f"关于印发《{COUNTY}{topic}{word}》的通知"
        doc_type, number, cat = DocType.NORMATIVE, docno(), "A01"
        summary = f"印发{COUNTY}{topic}{word}，明确适用范围、职责分工、管理措施和监督责任。"
    elif roll < 0.30:
        word = rng.choice(PLAN_WORDS)
        title = f"关于印发《{COUNTY}{year}年{topic}{word}》的通知"
        number = docno()
        summary = f"部署{year}年{topic}工作，明确目标任务、进度安排和保障措施。"
    elif roll < 0.40:
        kind = rng.choice(("部门预算", "部门决算", "“三公”经费预算情况说明"))
        y = year - 1 if kind == "部门决算" else year
        title, cat = f"{name}{y}年{kind}", "A07"
        summary = f"公开{name}{y}年{kind}，包括收支总表、财政拨款收支表及说明。"
    elif roll < 0.50 and short in ENFORCERS:
        party = rng.choice(PARTIES)
        title = f"行政处罚决定书（{ABBR.get(short, '示')[:-1]}罚决〔{year}〕{rng.randint(1, 300)}号）"
        cat = "A06"
        summary = f"对{party}违反{topic}有关规定的行为作出行政处罚决定。"
    elif roll < 0.58:
        title = f"{name}行政许可事项办理结果公示（{year}年第{rng.randint(1, 12)}期）"
        cat = "A05"
        summary = f"公示{name}本期办结的行政许可事项及办理结果。"
    elif roll < 0.63:
        title = f"{COUNTY}{year}年{topic}应急预案"
        cat = "A12"
        summary = f"规定{topic}突发事件的分级、预警、应急响应和保障措施。"
    elif roll < 0.68:
        title = f"{name}{year}年政府采购意向公开"
        cat = "A09"
        summary = f"公开{name}{year}年政府采购项目名称、预算金额和预计采购时间。"
    elif roll < 0.72:
        title = f"{year}年{name}公开招聘工作人员公告"
        cat = "A14"
        summary = "公布招聘岗位、名额、报考条件、报名方式和考试安排。"
    elif roll < 0.76:
        title = f"{COUNTY}{year}年第{rng.randint(1, 4)}季度{topic}监督检查情况通报"
        cat = "A13"
        summary = f"通报{topic}监督检查发现的问题和整改要求。"
    else:
        verb = rng.choice(("关于做好", "关于进一步加强", "关于开展", "关于公布"))
        tail = rng.choice(("工作的通知", "情况的公示", "专项行动的通知", "名单的公告"))
        title = f"{verb}{year}年{topic}{tail}"
        number = docno() if rng.random() < 0.6 else ""
        summary = f"{name}就{year}年{topic}有关事项作出安排。"
    place = "镇" if agency.kind == "township" else "县"
    if cat == "A06":
        body = (
            f"当事人：{rng.choice(PARTIES)}\n"
            f"经查，当事人存在违反{topic}有关规定的行为，事实清楚，证据确凿。"
            f"依据有关法律法规，决定给予警告并处罚款{rng.randint(1, 50) * 1000}元。\n"
            f"当事人如不服本决定，可以在收到本决定书之日起{law.RECONSIDERATION.words}内依法申请行政复议，"
            f"或者在{law.LITIGATION.words}内依法向人民法院提起行政诉讼。\n"
            f"{name}\n{year}年"
        )
    else:
        body = (
            f"{rng.choice(UNITS)}：\n"
            f"为做好{topic}工作，结合本{place}实际，现就有关事项通知如下。\n"
            f"一、提高认识，加强领导。{topic}工作事关群众切身利益，各单位要明确分管负责人和具体经办人员。\n"
            "二、突出重点，狠抓落实。对照任务清单逐项推进，按时报送工作进展。\n"
            "三、强化监督，公开透明。工作情况按规定在政府信息公开平台主动公开，接受社会监督。\n"
            f"{name}\n{year}年"
        )
    return {
        "title": title,
        "category": cat,
        "doc_type": doc_type,
        "doc_number": number,
        "summary": summary,
        "body": body,
    }


def generate(
    agencies, count: int, seed: int = 2024, years=None, today: date | None = None, body: bool = True
) -> Iterator[dict]:
    """Yield ``count`` entry rows (column -> value) spread over ``agencies`` and ``years`` (default:
    the demo's report years and the one before, whose 规范性文件 are still 现行有效 in the first)."""
    rng = random.Random(seed)
    today = today or timezone.localdate()
    years = years or range(data_years(today)[0] - 1, today.year + 1)
    agencies = list(agencies)
    serial: dict[tuple[int, int], int] = defaultdict(int)
    docnos: dict[tuple[int, int], int] = defaultdict(int)
    cal = db_calendar()
    segments: dict[str, str] = {}

    def words(text: str) -> str:
        found = segments.get(text)
        if found is None:
            if len(segments) > 100_000:
                segments.clear()
            found = segments[text] = index_words(text)
        return found

    for i in range(count):
        agency = agencies[i % len(agencies)]
        year = years[(i // len(agencies)) % len(years)]
        last = min(date(year, 12, 31), today - timedelta(days=3))
        if last.year != year:
            year = last.year
        first = date(year, 1, 2)
        created = first + timedelta(days=rng.randrange(max(1, (last - first).days)))

        def docno(agency=agency, year=year):
            docnos[(agency.pk, year)] += 1
            return f"{ABBR.get(_short(agency), '示办发')}〔{year}〕{docnos[(agency.pk, year)]}号"

        row = _item(rng, agency, year, docno)
        if not body:
            row["body"] = ""
        serial[(agency.pk, year)] += 1
        row["index_no"] = DEFAULT_INDEX_PATTERN.format(
            agency_code=agency.code, category=row["category"], year=year, serial=serial[(agency.pk, year)]
        )
        status, publish, lag, late = Status.PUBLISHED, None, None, None
        recent = (today - created).days < 40
        if recent and rng.random() < 0.5:
            status = rng.choice((Status.DRAFT, Status.SUBMITTED, Status.RETURNED))
        else:
            # Most within 1–15 working days; about 3 in 100 late (第二十六条).
            n = rng.randint(25, 45) if rng.random() < 0.03 else rng.randint(1, 15)
            try:
                publish = min(cal.nth_working_day_after(created, n), today)
                lag = cal.working_days_between(created, publish)
                late = lag > law.PUBLISH.amount
            except workdays.CalendarMissing:
                publish = min(created + timedelta(days=n), today)
        validity, invalid = Validity.VALID, None
        if row["doc_type"] == DocType.NORMATIVE and status == Status.PUBLISHED and rng.random() < 0.3:
            end = created + timedelta(days=rng.randint(200, 900))
            if end < today:
                # 废止, never merely 失效: the annual report's table 2-1 counts 废止件数, so a lapsed
                # 规范性文件 would break 现行有效 = 上年 + 制发 − 废止 (XY-VALID) in the demo reports.
                rng.random()  # the draw that used to pick 失效; kept so the rest of the demo is unchanged
                validity, invalid = Validity.REPEALED, end
        disclosure = DisclosureMode.PROACTIVE if rng.random() < 0.97 else DisclosureMode.ON_REQUEST
        row.update(
            agency_id=agency.pk,
            created_date=created,
            publish_date=publish,
            issuer=agency.name,
            disclosure=disclosure,
            validity=validity,
            invalid_date=invalid,
            effective_date=created if row["doc_type"] == DocType.NORMATIVE else None,
            status=status,
            return_reason="请补充内容概述和附件。" if status == Status.RETURNED else "",
            publish_lag=lag,
            late=late,
        )
        # Generated texts repeat a lot: segment each distinct text once.
        seg = {
            "search_title": words(row["title"]),
            "search_text": f"{words(row['doc_number'])} {words(row['summary'])} {words(row['body'])}".strip(),
        }
        row.update(seg)
        yield row


def counters_for(rows) -> dict[tuple[int, int], int]:
    """Highest serial per (agency id, year) among generated rows, for the IndexCounter table."""
    top: dict[tuple[int, int], int] = {}
    for r in rows:
        year = int(r["index_no"].rsplit("-", 2)[1])
        serial = int(r["index_no"].rsplit("-", 1)[1])
        key = (r["agency_id"], year)
        top[key] = max(top.get(key, 0), serial)
    return top


@transaction.atomic
def load_demo_catalogue(count: int = 2100, log=print, today: date | None = None) -> int:
    """Fill the demo agencies' catalogues (every active agency in the database). ``today``
    (default: the real date, never later) is the last day an entry may fall on."""
    from gongkai.agencies.models import Agency
    from gongkai.events.services import record

    agencies = list(Agency.objects.filter(is_active=True).order_by("sort_order", "code"))
    if not agencies:
        return 0
    today = min(today or timezone.localdate(), timezone.localdate())
    rows = list(generate(agencies, count, today=today))
    Entry.objects.bulk_create([Entry(**r) for r in rows], batch_size=500)
    IndexCounter.objects.bulk_create(
        [IndexCounter(agency_id=a, year=y, last=n) for (a, y), n in counters_for(rows).items()]
    )
    bump()
    record(
        None,
        "catalogue.demo.load",
        ("demo", "catalogue"),
        after={"entries": len(rows), "agencies": len(agencies)},
        note="载入目录演示数据",
    )
    published = sum(1 for r in rows if r["status"] == Status.PUBLISHED)
    log(f"已创建目录条目 {len(rows)} 条（已发布 {published} 条）。")
    return len(rows)
