"""Demo 政务服务事项 for the demo county: the 政务服务和大数据管理局 (``sfx-zwfwj``) with several
hundred items of every 依申请 type, a few other agencies with a few dozen. Seeded, fictional.

The names are built the way 实施清单 names are (主项 + 业务办理项: 新办/变更/延续/注销 …), the
ratios come out near the seed report's (网上可办 ≈ 100 %, 即办 ≈ 80 %, 零跑动 ≈ 90 %), and a few
items carry the inconsistencies the §1.7 checks find, as real exports do.
"""

from __future__ import annotations

import random
from datetime import date

from django.db import transaction

from gongkai.agencies.models import Agency
from gongkai.identifiers import USCC_ALPHABET

from .models import Material, ServiceItem, Status

PREFIX = "sfx-"
SEED = 39046

# type code → (主项 stems, 业务办理项 suffixes)
LICENSING_SUBJECTS = [
    "食品经营许可",
    "食品生产许可",
    "药品零售企业许可",
    "第三类医疗器械经营许可",
    "公共场所卫生许可",
    "建筑工程施工许可",
    "道路货物运输经营许可",
    "道路旅客运输经营许可",
    "出租汽车经营许可",
    "出版物零售单位设立",
    "娱乐场所经营活动审批",
    "烟草专卖零售许可",
    "民办学校设立审批",
    "医疗机构执业登记",
    "取水许可",
    "排污许可",
    "占用、挖掘城市道路审批",
    "户外广告设施设置审批",
    "城市建筑垃圾处置核准",
    "林木采伐许可",
    "生产建设项目水土保持方案审批",
    "特种设备使用登记",
    "危险化学品经营许可",
    "烟花爆竹经营（零售）许可",
    "人力资源服务许可",
    "劳务派遣经营许可",
    "放射诊疗许可",
    "母婴保健技术服务执业许可",
    "乡村建设规划许可",
    "建设工程规划许可",
    "建设用地规划许可",
    "商品房预售许可",
    "燃气经营许可",
    "供水单位卫生许可",
    "兽药经营许可",
    "动物防疫条件合格证核发",
    "农药经营许可",
    "种子生产经营许可",
    "船舶国籍登记",
    "校车使用许可",
]
LICENSING_ACTIONS = ["（新办）", "（变更）", "（延续）", "（注销）", "（补证）"]
ONE_OFF = {
    "05": [
        "最低生活保障金给付",
        "特困人员救助供养金给付",
        "残疾人两项补贴发放",
        "高龄津贴发放",
        "临时救助金给付",
        "计划生育家庭特别扶助金发放",
        "退役军人优待金给付",
        "孤儿基本生活费发放",
        "城乡居民基础养老金给付",
        "失业保险金申领",
        "一次性创业补贴发放",
        "耕地地力保护补贴发放",
        "困难残疾人生活补贴发放",
        "事实无人抚养儿童基本生活补贴发放",
        "丧葬补助金和抚恤金给付",
    ],
    "07": [
        "残疾等级评定",
        "工伤认定",
        "劳动能力鉴定",
        "最低生活保障对象认定",
        "特困人员认定",
        "低收入家庭认定",
        "农村宅基地使用权确认",
        "烈士褒扬确认",
        "随军家属身份确认",
        "退役士兵安置资格确认",
        "建设工程竣工验收消防验收",
        "二级建造师执业资格注册",
        "教师资格认定",
        "计划生育家庭特别扶助对象确认",
        "企业职工退休审批",
    ],
    "11": [
        "建设工程竣工验收备案",
        "第二类医疗器械经营备案",
        "食品小作坊登记备案",
        "房屋租赁登记备案",
        "民办培训机构章程备案",
        "物业服务合同备案",
        "企业投资项目备案",
        "拍卖企业设立备案",
        "单位内部设立食堂备案",
        "对外贸易经营者备案",
    ],
    "08": ["见义勇为人员奖励", "农业科技成果推广奖励", "优秀教师表彰奖励"],
    "09": ["林木林地权属争议裁决", "土地权属争议裁决"],
    "10": ["地名命名更名审核", "人防工程竣工验收备案审核", "殡葬设施建设审批"],
    "20": [
        "社会保障卡申领",
        "社会保障卡挂失",
        "城乡居民养老保险参保登记",
        "基本医疗保险关系转移接续",
        "职工参保登记",
        "个人权益记录查询打印",
        "不动产登记资料查询",
        "住房公积金缴存证明开具",
        "老年人优待证办理",
        "就业创业证申领",
        "流动人员人事档案接收",
        "失业登记",
        "异地就医备案",
        "生育登记服务",
        "新生儿落户登记",
        "居住证办理",
        "公共租赁住房申请",
        "营业执照遗失补领咨询",
        "企业开办一窗通办",
        "水电气过户一件事",
        "出生一件事",
        "退休一件事",
        "残疾人证补领",
        "法律援助申请",
        "公证事项咨询",
        "政府信息公开申请",
        "档案查阅利用",
        "涉税信息查询",
    ],
}
SERVICE_ACTIONS = ["", "（首次申请）", "（变更）", "（补办）"]
PUNITIVE = {  # listed in the registry, outside the ratios' scope
    "02": [
        "对未取得食品经营许可从事食品经营活动的处罚",
        "对擅自占用城市道路的处罚",
        "对违法排放污染物的处罚",
    ],
    "03": ["查封、扣押不符合安全标准的食品", "暂扣道路运输经营许可证"],
    "06": ["对食品经营者的监督检查", "对建筑施工企业安全生产条件的检查"],
}
MATERIALS = {
    "common": ["申请书", "居民身份证", "营业执照", "法定代表人身份证明", "授权委托书"],
    "01": ["场所平面图", "设备设施清单", "管理制度文本", "从业人员健康证明", "原许可证正副本"],
    "05": ["户口簿", "家庭收入情况声明", "银行账户信息"],
    "07": ["医学诊断证明", "相关证明材料", "户口簿"],
    "11": ["备案表", "合同文本", "竣工验收报告"],
    "20": ["户口簿", "一寸免冠照片"],
}
PLATFORM = "https://zwfw.sfx.gov.example"
OTHERS = {"jyj": 18, "scjgj": 36, "wjw": 24}  # other agencies with a few items


def _uscc(rng: random.Random) -> str:
    return "11" + "".join(rng.choice(USCC_ALPHABET) for _ in range(16))


def _names(rng: random.Random, count: int) -> list[tuple[str, str]]:
    pool = [(s + a, "01") for s in LICENSING_SUBJECTS for a in LICENSING_ACTIONS]
    pool += [(n + a, t) for t, names in ONE_OFF.items() for n in names for a in SERVICE_ACTIONS]
    rng.shuffle(pool)
    chosen = pool[: max(0, count - 7)]
    chosen += [(n, t) for t, names in PUNITIVE.items() for n in names][: count - len(chosen)]
    return chosen


def _item(rng, agency, uscc, name, item_type, n) -> ServiceItem:
    code_stem = f"{rng.choice(['11', '12', '13'])}{n:04d}"
    code = f"{agency.code.removeprefix(PREFIX).upper()}-{item_type}{code_stem}-230000-{n:05d}"
    punitive = item_type in ("02", "03", "06")
    immediate = not punitive and rng.random() < 0.82
    visits = 0 if rng.random() < 0.92 else 1
    online = not punitive and rng.random() < 0.985
    depth = 4 if visits == 0 and online else rng.choice([2, 3])
    statutory = rng.choice([20, 20, 15, 10, 30, 60]) if item_type == "01" else rng.choice([None, 10, 20, 30])
    promised = 0 if immediate else rng.choice([1, 3, 5, 7, 10])
    effective = date(rng.randint(2019, 2024), rng.randint(1, 12), rng.randint(1, 28))
    item = ServiceItem(
        agency=agency,
        name=name,
        basic_code=f"{item_type}{code_stem}",
        code=code,
        item_type=item_type,
        use_level="4",
        implementer=agency.name,
        implementer_uscc=uscc,
        legal_basis="《中华人民共和国行政许可法》" if item_type == "01" else "",
        statutory_limit=statutory,
        statutory_unit="工作日" if statutory else "",
        promised_limit=None if punitive else promised,
        promised_unit="" if punitive or promised == 0 else "工作日",
        project_type="" if punitive else ("1" if immediate else "2"),
        visits=None if punitive else visits,
        visit_reason="需现场核验原件" if visits and not punitive else "",
        is_online=online,
        depth=depth if online else None,
        online_url=f"{PLATFORM}/guide/{code}" if online else "",
        mobile_url=f"{PLATFORM}/m/{code}" if online and rng.random() < 0.7 else "",
        online_exempt_reason="" if online or punitive else "涉及现场勘验，不适宜网上办理",
        forms=["1", "2", "3"] if online else ["1"],
        has_fee=item_type == "01" and rng.random() < 0.08,
        fee_basis="",
        place=f"{agency.name}政务服务大厅{rng.randint(1, 30)}号窗口",
        hours="工作日 上午8:30—12:00，下午13:30—17:00",
        consult_phone=f"0451-5{rng.randint(1000000, 9999999)}",
        complaint_phone="0451-12345",
        conditions="申请人符合法定条件，材料齐全、符合法定形式。",
        status=Status.IN_USE,
        effective_on=effective,
        version=1,
        valid_from=effective,
    )
    if rng.random() < 0.02:  # a few inconsistencies, as real exports have
        item.project_type = "2" if immediate else "1"
    return item


def _materials(rng, item: ServiceItem) -> list[Material]:
    if item.item_type in ("02", "03", "06"):
        return []
    names = rng.sample(MATERIALS["common"], rng.randint(1, 3))
    names += rng.sample(
        MATERIALS.get(item.item_type, []), min(len(MATERIALS.get(item.item_type, [])), rng.randint(0, 2))
    )
    return [
        Material(
            item=item, position=i, name=name, originals=1, copies=rng.choice([0, 1, 1, 2]), required=i < 3
        )
        for i, name in enumerate(names)
    ]


@transaction.atomic
def load_demo_govservice(log=print) -> None:
    rng = random.Random(SEED)
    counts = {"zwfwj": 432, **OTHERS}
    total = versions = 0
    for short, count in counts.items():
        agency = Agency.objects.filter(code=f"{PREFIX}{short}").first()
        if agency is None:
            continue
        uscc = agency.credit_code or _uscc(rng)
        items = [_item(rng, agency, uscc, name, t, n) for n, (name, t) in enumerate(_names(rng, count), 1)]
        # some items changed in 2025 (a new version) and a few were suspended or cancelled
        changed = rng.sample(range(len(items)), len(items) // 12)
        history = []
        for index in changed:
            new = items[index]
            old = ServiceItem(
                **{
                    f.attname: getattr(new, f.attname)
                    for f in ServiceItem._meta.concrete_fields
                    if f.attname != "id"
                }
            )
            old.is_current, old.valid_to, old.promised_limit = (
                False,
                date(2025, 6, 1),
                (new.promised_limit or 0) + 5,
            )
            old.promised_unit = "工作日"
            new.version, new.valid_from = 2, date(2025, 6, 1)
            if rng.random() < 0.2:
                new.status = rng.choice([Status.SUSPENDED, Status.CANCELLED])
                new.cancel_on = date(2025, 6, 1) if new.status == Status.CANCELLED else None
            history.append(old)
        ServiceItem.objects.bulk_create(history + items, batch_size=500)
        Material.objects.bulk_create(
            [m for item in history + items for m in _materials(rng, item)], batch_size=1000
        )
        total, versions = total + len(items), versions + len(history)
    log(f"已载入政务服务事项 {total} 项，另有历史版本 {versions} 个。")
