"""The law as data: every statutory period, date and text the platform applies, declared once.

The clock, the letters, the guide, the forms' help texts, the models' defaults, the checks and
the CLI read them from here (like Froide's ``FoiLaw``), so a change in the law is one edit.
Plain Python, no Django: the annual-report domain reads the report deadlines too.

Sources: 《中华人民共和国政府信息公开条例》(国务院令第711号, 2019; the 2007 条例 before it);
国办函〔2020〕109号 (信息处理费); 行政复议法 (2023); 行政诉讼法. Tags as in the spec: "C" confirmed
law, "I" inferred, "U" unconfirmed — an "I"/"U" value is a default that an agency may change.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

REGULATION = "《中华人民共和国政府信息公开条例》"
REGULATION_ORDER = "国务院令第711号"


class Unit(StrEnum):
    WORKING_DAYS = "working_days"  # start day excluded (民法典第二百零一条 by analogy)
    DAYS = "days"  # calendar days, start day excluded; a last day off moves to the next working day
    MONTHS = "months"


@dataclass(frozen=True)
class Provision:
    article: str  # where it is written, e.g. 第二十六条 or 行政复议法第二十条
    text: str = ""  # the law's own words, where the platform quotes them


@dataclass(frozen=True)
class Period(Provision):
    amount: int = 0
    unit: Unit = Unit.WORKING_DAYS
    tag: str = "C"

    @property
    def words(self) -> str:
        """The period as the letters write it: 20个工作日, 六十日, 六个月."""
        if self.unit == Unit.WORKING_DAYS:
            return f"{self.amount}个工作日"
        number = _CHINESE_NUMBERS[self.amount]
        return f"{number}日" if self.unit == Unit.DAYS else f"{number}个月"


_CHINESE_NUMBERS = {3: "三", 5: "五", 6: "六", 10: "十", 12: "十二", 15: "十五", 36: "三十六", 60: "六十"}

# ---------------------------------------------------------------- the 条例 in time

# The 2007 条例 came into force on 1 May 2008: no record, appeal or report can be older.
IN_FORCE = date(2008, 5, 1)
FIRST_YEAR = IN_FORCE.year
LAST_YEAR = 2100  # a bound for year fields, not law: far enough to never matter
# The revised 条例 (国务院令第711号) took effect on 15 May 2019: report years from 2019 follow it.
REVISED_FROM_YEAR = 2019

# ---------------------------------------------------------------- 主动公开

PUBLISH = Period(
    "第二十六条",
    "属于主动公开范围的政府信息，应当自该政府信息形成或者变更之日起20个工作日内及时公开。",
    amount=20,
)
GUIDE_CONTENTS = Provision(
    "第十二条",
    "政府信息公开指南包括政府信息的分类、编排体系、获取方式和政府信息公开工作机构的名称、办公地址、"
    "办公时间、联系电话、传真号码、互联网联系方式等内容。",
)
CATALOGUE_CONTENTS = Provision(
    "第十二条", "政府信息公开目录包括政府信息的索引、名称、内容概述、生成日期等内容。"
)

# ---------------------------------------------------------------- 依申请公开

REPLY = Period(
    "第三十三条",
    "行政机关收到政府信息公开申请，能够当场答复的，应当当场予以答复。行政机关不能当场答复的，"
    "应当自收到申请之日起20个工作日内予以答复；需要延长答复期限的，应当经政府信息公开工作机构负责人"
    "同意并告知申请人，延长的期限最长不得超过20个工作日。",
    amount=20,
)
EXTENSION_MAX = Period("第三十三条第二款", amount=20)  # once, approved by the office's head
CORRECTION_NOTICE = Period("第三十条", amount=7)  # 一次性告知补正, from receipt
# The 条例 asks for a 合理的补正期限 without a number: this is the agencies' usual default.
CORRECTION_DEFAULT = Period("第三十条", amount=15, tag="I")
CONSULTATION = Period("第三十二条、第三十四条", amount=15)  # 第三方 / 共同制作机关 opinion
# 缴费期限: Sichuan and Jiangsu rules say 20 working days from the day after the notice; the
# retrieved 109号 text has no number.
PAYMENT = Period("国办函〔2020〕109号", amount=20, tag="U")

# ---------------------------------------------------------------- remedies

REMEDIES = Provision(
    "第五十一条",
    "公民、法人或者其他组织认为行政机关在政府信息公开工作中侵犯其合法权益的，可以向上一级行政机关"
    "或者政府信息公开工作主管部门投诉、举报，也可以依法申请行政复议或者提起行政诉讼。",
)
RECONSIDERATION = Period(
    "行政复议法第二十条",
    "公民、法人或者其他组织认为行政行为侵犯其合法权益的，可以自知道或者应当知道该行政行为之日起"
    "六十日内提出行政复议申请。",
    amount=60,
    unit=Unit.DAYS,
)
LITIGATION = Period(
    "行政诉讼法第四十六条",
    "公民、法人或者其他组织直接向人民法院提起诉讼的，应当自知道或者应当知道作出行政行为之日起六个月内提出。",
    amount=6,
    unit=Unit.MONTHS,
)
# The sentence a reply letter ends with (告知救济途径).
REMEDY_NOTICE = (
    f"如对本答复不服，可以自收到本答复之日起{RECONSIDERATION.words}内依法申请行政复议，"
    f"或者自知道或者应当知道本答复之日起{LITIGATION.words}内依法向人民法院提起行政诉讼。"
)

# Our own answer when a citizen appeals, from the day the copy is received.
ANSWER_RECONSIDERATION = Period("行政复议法第四十八条、第八十八条第二款", amount=10)
ANSWER_RECONSIDERATION_SIMPLIFIED = Period("行政复议法第五十四条、第八十八条第二款（简易程序）", amount=5)
ANSWER_LITIGATION = Period("行政诉讼法第六十七条", amount=15, unit=Unit.DAYS)

# ---------------------------------------------------------------- the annual report (第四十九条)

# (month, day) of the year after the report year, by kind of agency: departments (and townships,
# and others by default) by 1月31日, 县级以上人民政府 by 3月31日 (after collecting their departments').
REPORT_DEADLINES = {
    "department": (1, 31),
    "government": (3, 31),
    "township": (1, 31),
    "other": (1, 31),
}
REPORT_DEADLINE_ARTICLE = "第四十九条"
# Under the 2007 条例 (第三十一条) every agency published by 3月31日.
REPORT_DEADLINE_BEFORE_REVISION = (3, 31)


# ---------------------------------------------------------------- 双公示 (行政许可、行政处罚信用信息公示)

CREDIT_PUBLISH = Period(
    "国办发〔2015〕51号（十八）",
    "除法律法规另有规定外，应将行政许可、行政处罚等信息自作出行政决定之日起7个工作日内上网公开。",
    amount=7,
)
# 公示期 of 行政处罚 information as the current 信用修复 practice applies it (a Shenzhen government
# page; the national instrument is not confirmed): 最短 3 个月 (特种设备、安全生产、消防 最短 1 年),
# 最长 3 年, counted from the decision date; early removal (信用修复) only after the shortest.
PENALTY_PUBLICITY_MIN = Period("信用修复管理规定（现行做法）", amount=3, unit=Unit.MONTHS, tag="U")
PENALTY_PUBLICITY_MIN_SPECIAL = Period("信用修复管理规定（现行做法）", amount=12, unit=Unit.MONTHS, tag="U")
PENALTY_PUBLICITY_MAX = Period("信用修复管理规定（现行做法）", amount=36, unit=Unit.MONTHS, tag="U")
PENALTY_PUBLICITY_SPECIAL_FIELDS = ("特种设备", "安全生产", "消防")
# A published decision that is 变更、撤销、确认违法或者确认无效 is withdrawn within 3 days.
PENALTY_WITHDRAW = Period(
    "行政处罚法第四十八条",
    "公开的行政处罚决定被依法变更、撤销、确认违法或者确认无效的，行政机关应当在三日内撤回行政处罚决定信息"
    "并公开说明理由。",
    amount=3,
    unit=Unit.DAYS,
)


# ---------------------------------------------------------------- public holidays (the working-day clock)

HOLIDAY_REGULATION = "《全国年节及纪念日放假办法》"


class HolidayDate(StrEnum):
    SOLAR = "solar"  # a fixed Gregorian date: (month, day)
    LUNAR = "lunar"  # a day of the Chinese lunar calendar: (month, day); day 0 = the eve of month 1 (除夕)
    SOLAR_TERM = "solar_term"  # the day of a solar term (节气), e.g. 清明


@dataclass(frozen=True)
class StatutoryHoliday:
    name: str
    reckoning: HolidayDate
    month: int
    day: int
    from_year: int = 0  # in force from this year (inclusive)
    until_year: int = 9999  # … to this year (inclusive)
    term: str = ""  # the solar term's name, for SOLAR_TERM


# 第二条 as revised by 国务院令第795号 (in force 2025-01-01: 除夕 and 5月2日 added). Before a year's
# arrangement is published (国务院办公厅's notice, late in the year before), deadlines in that year
# are counted on these days alone and shown as provisional (暂定).
STATUTORY_HOLIDAYS = (
    StatutoryHoliday("元旦", HolidayDate.SOLAR, 1, 1),
    StatutoryHoliday("春节", HolidayDate.LUNAR, 1, 0, from_year=2025),  # 农历除夕
    StatutoryHoliday("春节", HolidayDate.LUNAR, 1, 1),
    StatutoryHoliday("春节", HolidayDate.LUNAR, 1, 2),
    StatutoryHoliday("春节", HolidayDate.LUNAR, 1, 3),
    StatutoryHoliday("清明节", HolidayDate.SOLAR_TERM, 4, 0, term="清明"),
    StatutoryHoliday("劳动节", HolidayDate.SOLAR, 5, 1),
    StatutoryHoliday("劳动节", HolidayDate.SOLAR, 5, 2, from_year=2025),
    StatutoryHoliday("端午节", HolidayDate.LUNAR, 5, 5),
    StatutoryHoliday("中秋节", HolidayDate.LUNAR, 8, 15),
    StatutoryHoliday("国庆节", HolidayDate.SOLAR, 10, 1),
    StatutoryHoliday("国庆节", HolidayDate.SOLAR, 10, 2),
    StatutoryHoliday("国庆节", HolidayDate.SOLAR, 10, 3),
)
# Which weekday makes up a weekend holiday is the notice's choice; the provisional calendar takes
# the next weekday not already off [I].
WEEKEND_HOLIDAY_MADE_UP = Provision(
    "第六条", text="全体公民放假的假日，如果适逢星期六、星期日，应当在工作日补假。"
)
