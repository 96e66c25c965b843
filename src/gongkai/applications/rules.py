"""The legal parameters of 依申请公开, as data, in one place.

Sources: 《政府信息公开条例》(2019) 第二十九条–第四十二条; 国办函〔2020〕109号 (信息处理费);
国办公开办函〔2021〕30号 (table 三 of the annual report). Tags as in the spec: [I] inferred, [U]
unconfirmed — those values are settings, not constants, so an agency can follow its province's rules.

Vocabularies here are the ones the rest of the project uses:
- an application's outcome is the key of its row in table 三 (``r_open`` … ``r_other_other``);
- an applicant type is the key of its column in table 三 (``natural_person`` … ``org_other``).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from django.utils.translation import gettext_noop

from .. import law
from ..annual.layout import APPLICANT_COLUMNS, APPLICANT_PARTS, LAYOUT_2021

# ---------------------------------------------------------------- deadlines (working days)


@dataclass(frozen=True)
class Deadlines:
    """Statutory periods in working days, and the open questions as switches."""

    reply: int = law.REPLY.amount
    extension_max: int = law.EXTENSION_MAX.amount
    correction_notice: int = law.CORRECTION_NOTICE.amount
    consultation: int = law.CONSULTATION.amount
    payment: int = law.PAYMENT.amount  # [U]: an agency setting (ApplicationSettings.payment_days)
    # Whether the reply clock stops while a fee notice is unpaid [U: not in the retrieved 109号 text].
    # Off by default: the earlier deadline is the safe one for the agency.
    fee_notice_pauses_clock: bool = False
    # A consultation pauses the clock at most for the consultation period (第三十二条/第三十四条:
    # silence after the period lets the agency decide / counts as consent). [I]
    cap_consultation_pause: bool = True


DEFAULT_DEADLINES = Deadlines()

# ---------------------------------------------------------------- reply types


class ReplyType(StrEnum):
    """The kinds of reply letter (答复告知书), by the article that requires them."""

    ART36_1 = "art36_1"
    ART36_2 = "art36_2"
    ART36_3 = "art36_3"
    ART36_4 = "art36_4"
    ART36_5 = "art36_5"
    ART36_6 = "art36_6"
    ART36_7 = "art36_7"
    ART37 = "art37"
    ART38 = "art38"
    ART30_UNCLEAR = "art30_unclear"
    ART30_NO_CORRECTION = "art30_no_correction"
    ART35 = "art35"
    ART39_1 = "art39_1"
    ART39_2 = "art39_2"
    FEE_UNPAID = "fee_unpaid"
    OTHER = "other"


@dataclass(frozen=True)
class ReplyTypeInfo:
    key: ReplyType
    article: str  # the basis, as cited in a letter
    label: str  # what the reply tells the applicant


REPLY_TYPES: dict[ReplyType, ReplyTypeInfo] = {
    info.key: info
    for info in (
        ReplyTypeInfo(ReplyType.ART36_1, "第三十六条第（一）项", "已经主动公开的，告知获取的方式、途径"),
        ReplyTypeInfo(
            ReplyType.ART36_2,
            "第三十六条第（二）项",
            "可以公开的，向申请人提供该政府信息，或者告知获取的方式、途径和时间",
        ),
        ReplyTypeInfo(ReplyType.ART36_3, "第三十六条第（三）项", "决定不予公开的，告知不予公开并说明理由"),
        ReplyTypeInfo(
            ReplyType.ART36_4, "第三十六条第（四）项", "经检索没有所申请公开信息的，告知该政府信息不存在"
        ),
        ReplyTypeInfo(
            ReplyType.ART36_5,
            "第三十六条第（五）项",
            "不属于本行政机关负责公开的，告知并说明理由；能够确定负责公开的行政机关的，告知其名称、联系方式",
        ),
        ReplyTypeInfo(
            ReplyType.ART36_6, "第三十六条第（六）项", "重复申请公开相同政府信息的，告知不予重复处理"
        ),
        ReplyTypeInfo(
            ReplyType.ART36_7,
            "第三十六条第（七）项",
            "有关法律、行政法规对信息的获取有特别规定的，告知依照有关法律、行政法规的规定办理",
        ),
        ReplyTypeInfo(
            ReplyType.ART37, "第三十七条", "区分处理：提供可以公开的政府信息内容，并对不予公开的内容说明理由"
        ),
        ReplyTypeInfo(ReplyType.ART38, "第三十八条", "需要对现有政府信息进行加工、分析的，可以不予提供"),
        ReplyTypeInfo(ReplyType.ART30_UNCLEAR, "第三十条", "补正后申请内容仍不明确"),
        ReplyTypeInfo(
            ReplyType.ART30_NO_CORRECTION, "第三十条", "无正当理由逾期不补正，视为放弃申请，行政机关不再处理"
        ),
        ReplyTypeInfo(
            ReplyType.ART35, "第三十五条", "申请数量、频次明显超过合理范围且理由不合理，告知不予处理"
        ),
        ReplyTypeInfo(
            ReplyType.ART39_1,
            "第三十九条第一款",
            "以申请形式进行信访、投诉、举报等活动，告知不作为政府信息公开申请处理并可以告知相应渠道",
        ),
        ReplyTypeInfo(
            ReplyType.ART39_2,
            "第三十九条第二款",
            "要求提供政府公报、报刊、书籍等公开出版物的，可以告知获取途径",
        ),
        ReplyTypeInfo(
            ReplyType.FEE_UNPAID,
            "第四十二条、国办函〔2020〕109号",
            "逾期未按收费通知要求缴纳费用，视为放弃申请，行政机关不再处理",
        ),
        ReplyTypeInfo(ReplyType.OTHER, "", "其他处理"),
    )
}

ARTICLE_36 = tuple(t for t in ReplyType if t.value.startswith("art36_"))

# ---------------------------------------------------------------- outcomes (table 三 rows)


@dataclass(frozen=True)
class Outcome:
    """One of the 21 outcome rows of table 三; ``key`` is the row key in ``gongkai.annual.layout``."""

    key: str
    group: str  # （一）予以公开 … （六）其他处理
    label: str  # the row's label as printed in table 三
    reply_types: tuple[ReplyType, ...]  # the letters that end an application with this outcome
    basis: str  # 条例 articles behind the row (spec §1.10, [I])


_T3 = LAYOUT_2021.applications
assert _T3 is not None

_OUTCOME_DATA: tuple[tuple[str, tuple[ReplyType, ...], str], ...] = (
    ("r_open", (ReplyType.ART36_1, ReplyType.ART36_2), "第三十六条第（一）（二）项"),
    ("r_partial", (ReplyType.ART37,), "第三十七条"),
    ("r_deny_state_secret", (ReplyType.ART36_3,), "第十四条"),
    ("r_deny_law_forbidden", (ReplyType.ART36_3,), "第十四条"),
    ("r_deny_three_security_one_stability", (ReplyType.ART36_3,), "第十四条"),
    ("r_deny_third_party", (ReplyType.ART36_3,), "第十五条、第三十二条"),
    ("r_deny_internal_affairs", (ReplyType.ART36_3,), "第十六条第一款"),
    ("r_deny_process_info", (ReplyType.ART36_3,), "第十六条第二款"),
    ("r_deny_enforcement_file", (ReplyType.ART36_3,), "第十六条第二款"),
    ("r_deny_admin_query", (ReplyType.ART36_7,), "第三十六条第（七）项"),
    ("r_unable_not_held", (ReplyType.ART36_4, ReplyType.ART36_5), "第三十六条第（四）（五）项"),
    ("r_unable_need_creation", (ReplyType.ART38,), "第三十八条"),
    ("r_unable_unclear_after_correction", (ReplyType.ART30_UNCLEAR,), "第三十条"),
    ("r_noproc_petition", (ReplyType.ART39_1,), "第三十九条第一款"),
    ("r_noproc_repeat", (ReplyType.ART36_6,), "第三十六条第（六）项"),
    ("r_noproc_publication", (ReplyType.ART39_2,), "第三十九条第二款"),
    ("r_noproc_mass_repeat", (ReplyType.ART35,), "第三十五条"),
    ("r_noproc_confirm_or_reissue", (ReplyType.OTHER,), ""),  # no explicit article found [U]
    ("r_other_no_correction", (ReplyType.ART30_NO_CORRECTION,), "第三十条"),
    ("r_other_fee_unpaid", (ReplyType.FEE_UNPAID,), "第四十二条、国办函〔2020〕109号"),
    ("r_other_other", (ReplyType.OTHER,), ""),  # e.g. withdrawn [I]
)


def _group(key: str) -> str:
    row = _T3.row(key)
    return row.group or f"{row.ordinal}{row.text.split('（')[0]}"


OUTCOMES: dict[str, Outcome] = {
    key: Outcome(key, _group(key), _T3.row(key).label, reply_types, basis)
    for key, reply_types, basis in _OUTCOME_DATA
}
OUTCOME_KEYS: tuple[str, ...] = tuple(OUTCOMES)

# Outcomes the system reaches by a lapse, never by a staff member choosing them in a reply.
LAPSE_OUTCOMES = frozenset({"r_other_no_correction", "r_other_fee_unpaid"})
WITHDRAWN_OUTCOME = "r_other_other"  # [I] 撤回 has no row of its own
REFERRED_OUTCOME = "r_unable_not_held"  # 第三十六条第（五）项 is counted under （四）1 (spec §1.10)


def outcome(key: str) -> Outcome:
    try:
        return OUTCOMES[key]
    except KeyError:
        raise ValueError(f"未知的办理结果：{key!r}") from None


def outcomes_for(reply_type: ReplyType) -> tuple[Outcome, ...]:
    return tuple(o for o in OUTCOMES.values() if reply_type in o.reply_types)


# ---------------------------------------------------------------- applicants (table 三 columns)


@dataclass(frozen=True)
class ApplicantType:
    key: str  # the table-三 column key
    label: str
    group: str | None  # 法人或其他组织 for the organisation columns

    @property
    def is_organisation(self) -> bool:
        return self.group is not None


APPLICANT_TYPES: dict[str, ApplicantType] = {
    c.key: ApplicantType(c.key, c.label, c.group) for c in APPLICANT_COLUMNS if c.key in APPLICANT_PARTS
}
NATURAL_PERSON = "natural_person"

# ---------------------------------------------------------------- identity documents


@dataclass(frozen=True)
class IdType:
    key: str
    label: str  # Chinese, marked for translation: forms and pages show it with gettext
    for_organisations: bool
    checked: bool  # validators.py verifies the number's structure and check character


ID_TYPES: dict[str, IdType] = {
    t.key: t
    for t in (
        IdType("resident_id", gettext_noop("居民身份证"), False, True),
        IdType("hmt_residence_permit", gettext_noop("港澳台居民居住证"), False, True),
        IdType("hk_macao_permit", gettext_noop("港澳居民来往内地通行证"), False, False),
        IdType("taiwan_permit", gettext_noop("台湾居民来往大陆通行证"), False, False),
        IdType("foreign_permanent_residence", gettext_noop("外国人永久居留身份证"), False, False),
        IdType("passport", gettext_noop("护照"), False, False),
        IdType("other_personal", gettext_noop("其他个人身份证明"), False, False),
        IdType("uscc", gettext_noop("统一社会信用代码"), True, True),
        IdType("other_organisation", gettext_noop("其他组织身份证明"), True, False),
    )
}

# ---------------------------------------------------------------- 信息处理费 tariffs (国办函〔2020〕109号)


@dataclass(frozen=True)
class PerItemTariff:
    """第四条 按件计收, per applicant per natural month, 超额累进 (progressive by the k-th 件)."""

    free_up_to: int = 10  # （一）10件以下（含10件）的，不收费
    base_up_to: int = 30  # （二）11—30件（含30件）的部分
    base_rate: int = 100  # 100元/件
    step: int = 10  # （三）31件以上的部分：以10件为一档
    step_increase: int = 100  # 每增加一档，收费标准提高100元/件


@dataclass(frozen=True)
class VolumeTier:
    up_to: int | None  # inclusive upper page bound; None = no bound
    rate: int  # 元/页


# 第五条 按量计收, per application, 超额累进 by pages.
VOLUME_TIERS: tuple[VolumeTier, ...] = (
    VolumeTier(30, 0),  # （一）30页以下（含30页）的，不收费
    VolumeTier(100, 10),  # （二）31—100页（含100页）的部分：10元/页
    VolumeTier(200, 20),  # （三）101—200页（含200页）的部分：20元/页
    VolumeTier(None, 40),  # （四）201页以上的部分：40元/页
)
PER_ITEM_TARIFF = PerItemTariff()

# What the public tracking page says for each outcome: plain words for the applicant, not the
# statistics-table label (（三）不予公开 … 3.危及“三安全一稳定”). Chinese, marked for translation;
# the page reads 已答复：<words>，答复书已于……送达。
PLAIN_OUTCOMES: dict[str, str] = {
    "r_open": gettext_noop("予以公开"),
    "r_partial": gettext_noop("部分公开（可以公开的部分已提供，其余部分说明了不公开的理由）"),
    "r_deny_state_secret": gettext_noop("不予公开（该信息属于国家秘密）"),
    "r_deny_law_forbidden": gettext_noop("不予公开（法律、行政法规禁止公开该信息）"),
    "r_deny_three_security_one_stability": gettext_noop(
        "不予公开（公开后可能危及国家安全、公共安全、经济安全或者社会稳定）"
    ),
    "r_deny_third_party": gettext_noop("不予公开（公开会损害第三方的合法权益）"),
    "r_deny_internal_affairs": gettext_noop("不予公开（该信息属于行政机关的内部事务信息）"),
    "r_deny_process_info": gettext_noop("不予公开（该信息属于行政机关在履行职责过程中形成的过程性信息）"),
    "r_deny_enforcement_file": gettext_noop("不予公开（该信息属于行政执法案卷）"),
    "r_deny_admin_query": gettext_noop("该信息属于行政查询事项，请按照有关规定查询"),
    "r_unable_not_held": gettext_noop("无法提供（本机关没有掌握该信息）"),
    "r_unable_need_creation": gettext_noop("无法提供（没有现成的信息，需要另行制作）"),
    "r_unable_unclear_after_correction": gettext_noop("无法提供（补正后申请的内容仍不明确）"),
    "r_noproc_petition": gettext_noop("不作为信息公开申请处理（属于信访、投诉、举报，请通过相应渠道提出）"),
    "r_noproc_repeat": gettext_noop("不重复处理（相同的申请已经答复过）"),
    "r_noproc_publication": gettext_noop("不予处理（所申请的是公开出版物，已告知获取途径）"),
    "r_noproc_mass_repeat": gettext_noop("不予处理（申请的数量、频次明显超过合理范围）"),
    "r_noproc_confirm_or_reissue": gettext_noop("不予处理（要求确认或者重新出具已经获取的信息）"),
    "r_other_no_correction": gettext_noop("未在期限内补正，视为放弃申请，本机关不再处理"),
    "r_other_fee_unpaid": gettext_noop("未在期限内缴纳信息处理费，视为放弃申请，本机关不再处理"),
    "r_other_other": gettext_noop("已按其他情形处理"),
}
