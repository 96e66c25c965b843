"""The legal parameters of 行政复议 and 行政诉讼 records, as data, in one place.

- Kinds are the rows of table 四 (``gongkai.annual.layout.REVIEW_LITIGATION``); buckets are its
  columns (结果维持 / 结果纠正 / 其他结果 / 尚未审结).
- Decisions: 《行政复议法》(2023 修订, 2024-01-01 施行) 第三十三条、第四十一条、第六十三条–第六十九条、
  第七十三条、第七十四条; 《行政诉讼法》(2017) 第六十二条、第六十九条–第七十七条 and the 2018 司法解释.
  No official definition of 结果维持 / 结果纠正 / 其他结果 was found (spec §1.6, §7 item 5): the
  bucket of each decision is our reading [I] and lives only here.
- Answer periods (their lengths in ``gongkai.law``): 行政复议法第四十八条 (普通程序) and 第五十四条
  (简易程序), counted in working days by 第八十八条第二款; 行政诉讼法第六十七条 (答辩状), calendar days
  under 民事诉讼法 期间 rules (start day excluded; a period ending on a day off ends on the next
  working day).
- Counting for table 四: 国办公开办函〔2016〕201号 — in litigation where the 复议机关 is a co-defendant
  "只计算原行为主体的案件数量，不计算行政复议机关的案件数量".
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from django.utils.translation import gettext_lazy as _

from gongkai import law


class Kind(StrEnum):
    """Row keys of table 四."""

    RECONSIDERATION = "reconsideration"
    LITIGATION_DIRECT = "litigation_direct"
    LITIGATION_AFTER = "litigation_after_reconsideration"


KIND_LABELS = {
    Kind.RECONSIDERATION: _("行政复议"),
    Kind.LITIGATION_DIRECT: _("行政诉讼（未经复议直接起诉）"),
    Kind.LITIGATION_AFTER: _("行政诉讼（复议后起诉）"),
}
LITIGATION_KINDS = frozenset({Kind.LITIGATION_DIRECT, Kind.LITIGATION_AFTER})


class Bucket(StrEnum):
    """Column keys of table 四 (without 总计, which is their sum by construction)."""

    UPHELD = "upheld"
    CORRECTED = "corrected"
    OTHER = "other"
    PENDING = "pending"


BUCKET_LABELS = {
    Bucket.UPHELD: _("结果维持"),
    Bucket.CORRECTED: _("结果纠正"),
    Bucket.OTHER: _("其他结果"),
    Bucket.PENDING: _("尚未审结"),
}
TOTAL_COLUMN = "total"


@dataclass(frozen=True)
class Decision:
    code: str
    label: str
    basis: str  # the article that provides for it
    bucket: Bucket
    litigation: bool  # a court's decision (True) or a 复议机关's (False)


DECISIONS: dict[str, Decision] = {
    d.code: d
    for d in (
        # ---- 行政复议决定 (行政复议法 2023)
        Decision("recon_change", _("变更"), _("行政复议法第六十三条"), Bucket.CORRECTED, False),
        Decision(
            "recon_revoke", _("撤销（可责令重新作出）"), _("行政复议法第六十四条"), Bucket.CORRECTED, False
        ),
        Decision("recon_partial_revoke", _("部分撤销"), _("行政复议法第六十四条"), Bucket.CORRECTED, False),
        Decision("recon_confirm_illegal", _("确认违法"), _("行政复议法第六十五条"), Bucket.CORRECTED, False),
        Decision("recon_order_perform", _("责令履行"), _("行政复议法第六十六条"), Bucket.CORRECTED, False),
        Decision("recon_confirm_invalid", _("确认无效"), _("行政复议法第六十七条"), Bucket.CORRECTED, False),
        Decision("recon_uphold", _("维持"), _("行政复议法第六十八条"), Bucket.UPHELD, False),
        Decision("recon_reject_claim", _("驳回行政复议请求"), _("行政复议法第六十九条"), Bucket.OTHER, False),
        Decision(
            "recon_reject_application",
            _("驳回申请（不符合受理条件）"),
            _("行政复议法第三十三条"),
            Bucket.OTHER,
            False,
        ),
        Decision("recon_terminate", _("终止"), _("行政复议法第四十一条"), Bucket.OTHER, False),
        Decision("recon_mediation", _("调解"), _("行政复议法第七十三条"), Bucket.OTHER, False),
        Decision("recon_settlement", _("和解"), _("行政复议法第七十四条"), Bucket.OTHER, False),
        # ---- 人民法院裁判 (行政诉讼法 2017; 最高人民法院关于适用《行政诉讼法》的解释 2018)
        Decision("court_reject_claim", _("判决驳回诉讼请求"), _("行政诉讼法第六十九条"), Bucket.UPHELD, True),
        Decision(
            "court_revoke",
            _("判决撤销或部分撤销（可判决重新作出）"),
            _("行政诉讼法第七十条"),
            Bucket.CORRECTED,
            True,
        ),
        Decision(
            "court_order_perform", _("判决履行法定职责"), _("行政诉讼法第七十二条"), Bucket.CORRECTED, True
        ),
        Decision("court_order_pay", _("判决给付"), _("行政诉讼法第七十三条"), Bucket.CORRECTED, True),
        Decision(
            "court_confirm_illegal", _("判决确认违法"), _("行政诉讼法第七十四条"), Bucket.CORRECTED, True
        ),
        Decision(
            "court_confirm_invalid", _("判决确认无效"), _("行政诉讼法第七十五条"), Bucket.CORRECTED, True
        ),
        Decision("court_change", _("判决变更"), _("行政诉讼法第七十七条"), Bucket.CORRECTED, True),
        Decision("court_dismiss_suit", _("裁定驳回起诉"), _("行诉法解释第六十九条"), Bucket.OTHER, True),
        Decision("court_allow_withdrawal", _("裁定准予撤诉"), _("行政诉讼法第六十二条"), Bucket.OTHER, True),
        Decision(
            "court_terminate", _("裁定终结诉讼"), _("行政诉讼法第一百零一条、民事诉讼法"), Bucket.OTHER, True
        ),
        Decision("court_mediation", _("调解结案"), _("行政诉讼法第六十条"), Bucket.OTHER, True),
    )
}

# An appeal the applicant withdrew: the body then terminates it (复议, 第四十一条第（一）项) or the
# court allows the withdrawal (第六十二条) — either way an 其他结果 on the day of withdrawal.
WITHDRAWN_BUCKET = Bucket.OTHER


def decisions_for(kind: str) -> list[Decision]:
    litigation = Kind(kind) in LITIGATION_KINDS
    return [d for d in DECISIONS.values() if d.litigation == litigation]


def bucket_of(decision_code: str) -> Bucket:
    return DECISIONS[decision_code].bucket


# ---------------------------------------------------------------- our answer (答复 / 答辩)


class DayCount(StrEnum):
    WORKING = "working"  # working days, start day excluded
    CALENDAR = "calendar"  # calendar days, start day excluded; ends on the next working day if off


@dataclass(frozen=True)
class AnswerPeriod:
    label: str  # what the agency files
    days: int
    count: DayCount
    basis: str


ANSWER_PERIODS: dict[tuple[Kind, bool], AnswerPeriod] = {
    # (kind, simplified procedure) → period from the day the copy of the application/complaint is received
    (Kind.RECONSIDERATION, False): AnswerPeriod(
        _("书面答复"),
        law.ANSWER_RECONSIDERATION.amount,
        DayCount.WORKING,
        _("行政复议法第四十八条、第八十八条第二款"),
    ),
    (Kind.RECONSIDERATION, True): AnswerPeriod(
        _("书面答复"),
        law.ANSWER_RECONSIDERATION_SIMPLIFIED.amount,
        DayCount.WORKING,
        _("行政复议法第五十四条、第八十八条第二款（简易程序）"),
    ),
    (Kind.LITIGATION_DIRECT, False): AnswerPeriod(
        _("答辩状"), law.ANSWER_LITIGATION.amount, DayCount.CALENDAR, _("行政诉讼法第六十七条")
    ),
    (Kind.LITIGATION_AFTER, False): AnswerPeriod(
        _("答辩状"), law.ANSWER_LITIGATION.amount, DayCount.CALENDAR, _("行政诉讼法第六十七条")
    ),
}


def answer_period(kind: str, simplified: bool = False) -> AnswerPeriod:
    kind = Kind(kind)
    # 简易程序 exists only in 行政复议 (第五十三条); a court case keeps the 15-day period.
    return ANSWER_PERIODS.get((kind, simplified)) or ANSWER_PERIODS[(kind, False)]


# ---------------------------------------------------------------- table 四 counting


class Scope(StrEnum):
    """Which cases a year's table 四 counts. Not fixed by any source found (spec §7) — a setting."""

    # Every case pending at some point in the year: received by 31 December and not decided
    # before 1 January. Last year's 尚未审结 reappear with their result (spec §1.7 XY-PENDING).
    ACTIVE_IN_YEAR = "active_in_year"
    # Only the cases received in the year, with their result as of 31 December.
    RECEIVED_IN_YEAR = "received_in_year"


DEFAULT_SCOPE = Scope.ACTIVE_IN_YEAR

# 国办公开办函〔2016〕201号: a case in which this agency is only the 复议机关 sued as co-defendant
# is not counted in this agency's table 四 (the original actor counts it).
COUNT_REVIEW_BODY_CO_DEFENDANT = False
