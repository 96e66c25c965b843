"""Demo data: 示例县 with its government, 县政府办公室 (the 主管部门), departments, townships and
staff of every role; then the catalogue's demo entries when that app provides them.

Everything here is fictional (the county, names, phone numbers, the ``.example`` domain).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import transaction

from gongkai.agencies.models import Agency, Membership, Role
from gongkai.annual.model import AgencyKind, AgencyLevel
from gongkai.events.services import record

User = get_user_model()

COUNTY = "示例县"
PREFIX = "sfx"  # agency codes: sfx-<short>
DOMAIN = "shilixian.example"
STAFF_PASSWORD = "gongkai-demo-2026"
ADMIN_USERNAME = "admin"
ADMIN_PASSWORD = "gongkai-admin-2026"

GOV, DEPT, TOWN = AgencyKind.GOVERNMENT.value, AgencyKind.DEPARTMENT.value, AgencyKind.TOWNSHIP.value
COUNTY_LEVEL, TOWN_LEVEL = AgencyLevel.COUNTY.value, AgencyLevel.TOWNSHIP.value

# (short code, name, kind, level, office name)
AGENCIES = [
    ("gov", "示例县人民政府", GOV, COUNTY_LEVEL, "示例县人民政府办公室"),
    ("xzfb", "示例县人民政府办公室", DEPT, COUNTY_LEVEL, "示例县人民政府办公室政务公开科"),
    ("jyj", "示例县教育局", DEPT, COUNTY_LEVEL, "示例县教育局办公室"),
    ("gaj", "示例县公安局", DEPT, COUNTY_LEVEL, "示例县公安局警务保障室"),
    ("czj", "示例县财政局", DEPT, COUNTY_LEVEL, "示例县财政局办公室"),
    ("zrzyj", "示例县自然资源局", DEPT, COUNTY_LEVEL, "示例县自然资源局办公室"),
    ("sthjj", "示例县生态环境局", DEPT, COUNTY_LEVEL, "示例县生态环境局办公室"),
    ("zjj", "示例县住房和城乡建设局", DEPT, COUNTY_LEVEL, "示例县住房和城乡建设局办公室"),
    ("jtysj", "示例县交通运输局", DEPT, COUNTY_LEVEL, "示例县交通运输局办公室"),
    ("wjw", "示例县卫生健康委员会", DEPT, COUNTY_LEVEL, "示例县卫生健康委员会办公室"),
    ("scjgj", "示例县市场监督管理局", DEPT, COUNTY_LEVEL, "示例县市场监督管理局办公室"),
    ("yjglj", "示例县应急管理局", DEPT, COUNTY_LEVEL, "示例县应急管理局办公室"),
    ("zwfwj", "示例县政务服务和大数据管理局", DEPT, COUNTY_LEVEL, "示例县政务服务和大数据管理局办公室"),
    ("cgz", "示例县城关镇人民政府", TOWN, TOWN_LEVEL, "城关镇党政综合办公室"),
    ("dsx", "示例县东山乡人民政府", TOWN, TOWN_LEVEL, "东山乡党政综合办公室"),
    ("xhjd", "示例县西河街道办事处", TOWN, TOWN_LEVEL, "西河街道党政综合办公室"),
]
SUPERVISING_OFFICE = "xzfb"

SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕"
GIVEN = [
    "建华",
    "秀英",
    "志强",
    "丽娟",
    "海燕",
    "文博",
    "晓东",
    "春梅",
    "国庆",
    "子涵",
    "立新",
    "静怡",
    "明辉",
    "雪梅",
    "宏伟",
]

ROLE_PREFIX = {Role.CLERK: "zhuanyuan", Role.REVIEWER: "shenhe", Role.AGENCY_ADMIN: "admin"}


@dataclass(frozen=True)
class DemoLogin:
    username: str
    password: str
    agency: str
    role: str


def demo_logins() -> list[DemoLogin]:
    """The demo accounts, in the order they are printed."""
    names = {short: name for short, name, *_ in AGENCIES}
    out = [DemoLogin(ADMIN_USERNAME, ADMIN_PASSWORD, "（全部）", "站点管理员")]
    out.append(
        DemoLogin("jiandu_xzfb", STAFF_PASSWORD, names[SUPERVISING_OFFICE], str(Role.SUPERVISOR.label))
    )
    for short, name, *_ in AGENCIES:
        for role, prefix in ROLE_PREFIX.items():
            out.append(DemoLogin(f"{prefix}_{short}", STAFF_PASSWORD, name, str(role.label)))
    return out


def is_loaded() -> bool:
    return Agency.objects.exists()


def _office_fields(index: int, short: str, office_name: str) -> dict:
    return {
        "office_name": office_name,
        "office_address": f"{COUNTY}人民路{index * 8 + 1}号",
        "office_postcode": "999001",
        "office_hours": "工作日上午 8:30—12:00，下午 14:30—17:30（法定节假日除外）",
        "office_phone": f"0999-{6200000 + index * 111}",
        "office_fax": f"0999-{6300000 + index * 111}",
        "office_email": f"xxgk-{short}@{DOMAIN}",
        "office_website": f"https://{short}.{DOMAIN}/",
    }


@transaction.atomic
def load_demo(with_catalogue: bool = True, log=print, today: date | None = None) -> list[DemoLogin]:
    """Create the county. Run it on an empty database (``is_loaded()`` is False). ``today``
    (default: the real date; tests fix it) is the day the dated demo data (applications, records,
    cases, catalogue, the report years) lead up to."""
    if is_loaded():
        raise RuntimeError("演示数据只能载入到空数据库。")
    # One argon2 hash per distinct password (each takes ~0.3 s); the demo accounts share theirs.
    hashes = {STAFF_PASSWORD: make_password(STAFF_PASSWORD), ADMIN_PASSWORD: make_password(ADMIN_PASSWORD)}

    admin = User.objects.create(
        username=ADMIN_USERNAME,
        first_name="站点管理员",
        is_superuser=True,
        is_staff=True,
        password=hashes[ADMIN_PASSWORD],
    )
    agencies: dict[str, Agency] = {}
    for index, (short, name, kind, level, office_name) in enumerate(AGENCIES):
        agency = Agency.objects.create(
            code=f"{PREFIX}-{short}",
            name=name,
            short_name=name.removeprefix(COUNTY).removesuffix("人民政府") or name,
            kind=kind,
            level=level,
            parent=None if short == "gov" else agencies["gov"],
            is_supervising_office=short == SUPERVISING_OFFICE,
            sort_order=index * 10,
            **_office_fields(index, short, office_name),
        )
        agencies[short] = agency

    people = 0
    names = iter(s + g for g in GIVEN for s in SURNAMES)
    for login in demo_logins()[1:]:
        short = login.username.split("_", 1)[1]
        role = Role.SUPERVISOR if login.username.startswith("jiandu_") else _role_of(login.username)
        user = User.objects.create(
            username=login.username, first_name=next(names), password=hashes[login.password]
        )
        Membership.objects.create(user=user, agency=agencies[short], role=role)
        people += 1

    record(
        admin,
        "demo.load",
        ("demo", COUNTY),
        after={"agencies": len(agencies), "people": people},
        agency=agencies["gov"],
        note="载入演示数据",
    )
    log(f"已创建 {COUNTY}：{len(agencies)} 个机构，{people} 名工作人员。")

    # Order matters: applications before appeals (which link to them), reports last (drafted from all).
    from gongkai.appeals.demo import load_demo_appeals
    from gongkai.applications.demo import load_demo_applications
    from gongkai.catalogue.demo import load_demo_catalogue
    from gongkai.credit.demo import load_demo_credit
    from gongkai.disclosure.demo import load_demo_disclosure
    from gongkai.govservice.demo import load_demo_govservice
    from gongkai.hotline.demo import load_demo_hotline
    from gongkai.interaction.demo import load_demo_interaction
    from gongkai.notifications.demo import load_demo_notifications
    from gongkai.records.demo import load_demo_records
    from gongkai.reports.demo import load_demo_reports

    if with_catalogue:
        load_demo_catalogue(log=log, today=today)
    load_demo_applications(log=log, today=today)
    load_demo_notifications(log=log)
    load_demo_records(log=log, today=today)
    load_demo_govservice(log=log)
    load_demo_credit(log=log)
    load_demo_appeals(log=log, today=today)
    load_demo_disclosure(log=log)
    load_demo_hotline(log=log)
    load_demo_interaction(log=log)
    load_demo_reports(log=log, today=today)
    return demo_logins()


def _role_of(username: str) -> Role:
    prefix = username.split("_", 1)[0]
    return next(role for role, p in ROLE_PREFIX.items() if p == prefix)


def format_logins(logins: list[DemoLogin] | None = None) -> str:
    logins = logins or demo_logins()
    lines = ["演示账号（仅用于本机演示）：", f"  {'用户名':<16}{'密码':<22}角色 · 机构"]
    shown = [lg for lg in logins if lg.role in {"站点管理员", str(Role.SUPERVISOR.label)}]
    shown += [
        lg for lg in logins if lg.username.endswith(("_jyj", "_czj", "_xzfb", "_zwfwj")) and lg not in shown
    ]
    for lg in shown:
        lines.append(f"  {lg.username:<19}{lg.password:<24}{lg.role} · {lg.agency}")
    lines.append(
        f"  其余机构同样有 zhuanyuan_/shenhe_/admin_ + 机构简码（如 _gaj、_cgz）账号，密码均为 {STAFF_PASSWORD}。"
    )
    return "\n".join(lines)
