"""双公示 rules as data: the two kinds, the code lists, the platform's column layout (spec §2.2,
§2.3, in the spec's order), the GB 32100 check character, the 公示期 and the validators of spec §5
(H: the record is refused; W: it is kept and the warning shown)."""

from __future__ import annotations

import calendar as _calendar
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop

from gongkai import law
from gongkai.identifiers import valid_uscc


class Kind(models.TextChoices):
    LICENCE = "licence", gettext_lazy("行政许可")
    PENALTY = "penalty", gettext_lazy("行政处罚")


class Category(models.TextChoices):
    """行政相对人类别 (spec §2.2): the stored value is the platform's own word."""

    ORGANISATION = "法人及非法人组织", gettext_lazy("法人及非法人组织")
    PERSON = "自然人", gettext_lazy("自然人")
    INDIVIDUAL_BUSINESS = "个体工商户", gettext_lazy("个体工商户")


# 许可类别: 普通、特许、认可、核准、登记或其他 (其他 names the kind, e.g. 其他-备案).
LICENCE_CATEGORIES = ("普通", "特许", "认可", "核准", "登记", "其他")
# 处罚类别: 行政处罚法 (2021) 第九条; a record may hold several.
PENALTY_CATEGORIES = (
    "警告",
    "通报批评",
    "罚款",
    "没收违法所得",
    "没收非法财物",
    "暂扣许可证件",
    "降低资质等级",
    "吊销许可证件",
    "限制开展生产经营活动",
    "责令停产停业",
    "责令关闭",
    "限制从业",
    "行政拘留",
    "其他",
)
ID_TYPES = ("身份证", "护照号", "港澳居民来往内地通行证", "台湾居民来往大陆通行证", "外国人永久居留身份证")
LONG_TERM = "长期"  # 有效期至 written as 长期: stored as no end date


def split_categories(text: str) -> list[str]:
    for sep in ("；", ";", "，", ",", "/", "|", " "):
        text = text.replace(sep, "、")
    return [part for part in (p.strip() for p in text.split("、")) if part]


# ---------------------------------------------------------------- the platform's layout


@dataclass(frozen=True)
class Column:
    key: str  # the record's field
    header: str  # the platform's column name: a file format, so kept as is; translated only to show it
    code: str  # the exchange code (XK_* / CF_*)
    required: bool = False  # 必填 whatever the 相对人类别
    aliases: tuple[str, ...] = ()  # other headers seen in exports
    personal: bool = False  # never on a public page or a public export
    money: bool = False  # 万元, 6 decimals
    day: bool = False


def _c(key, header, code, *aliases, **flags) -> Column:
    return Column(key, header, code, aliases=aliases, **flags)


_SUBJECT = {
    "XK": (
        _c("subject_name", gettext_noop("行政相对人名称"), "XK_XDR_MC", "相对人名称", required=True),
        _c("subject_category", gettext_noop("行政相对人类别"), "XK_XDR_LB", "相对人类别", required=True),
        _c(
            "uscc",
            gettext_noop("统一社会信用代码"),
            "XK_XDR_SHXYM",
            "行政相对人代码_1（统一社会信用代码）",
            "行政相对人代码_1",
        ),
        _c("legal_rep", gettext_noop("法定代表人"), "XK_FDDB"),
        _c("legal_rep_id_type", gettext_noop("法定代表人证件类型"), "XK_FR_ZJLX"),
        _c(
            "legal_rep_id_no",
            gettext_noop("法定代表人证件号码"),
            "XK_FR_SFZH",
            "法定代表人身份证号",
            personal=True,
        ),
        _c("id_type", gettext_noop("证件类型"), "XK_XDR_ZJLX"),
        _c("id_no", gettext_noop("证件号码"), "XK_XDR_ZJHM", personal=True),
    ),
}
_SUBJECT["CF"] = tuple(
    Column(c.key, c.header, c.code.replace("XK_", "CF_"), c.required, c.aliases, c.personal)
    for c in _SUBJECT["XK"]
)

COLUMNS: dict[str, tuple[Column, ...]] = {
    Kind.LICENCE: (
        *_SUBJECT["XK"],
        _c("doc_title", gettext_noop("行政许可决定文书名称"), "XK_XKWS", "决定文书名称", required=True),
        _c("doc_no", gettext_noop("行政许可决定文书号"), "XK_WSH", "决定文书号", "决定文号", required=True),
        _c("licence_category", gettext_noop("许可类别"), "XK_XKLB", required=True),
        _c("licence_name", gettext_noop("许可证书名称"), "XK_XKZS"),
        _c("licence_no", gettext_noop("许可编号"), "XK_XKBH"),
        _c("content", gettext_noop("许可内容"), "XK_NR", required=True),
        _c("decided_on", gettext_noop("许可决定日期"), "XK_JDRQ", "决定日期", required=True, day=True),
        _c("valid_from", gettext_noop("有效期自"), "XK_YXQZ", required=True, day=True),
        _c("valid_to", gettext_noop("有效期至"), "XK_YXQZI", required=True, day=True),
        _c("authority", gettext_noop("许可机关"), "XK_XKJG", "决定机关", required=True),
        _c(
            "authority_code",
            gettext_noop("许可机关统一社会信用代码"),
            "XK_XKJGDM",
            "决定机关统一社会信用代码",
            required=True,
        ),
        _c("current_status", gettext_noop("当前状态"), "XK_ZT"),
        _c("source_unit", gettext_noop("数据来源单位"), "XK_LYDW", required=True),
        _c("source_unit_code", gettext_noop("数据来源单位统一社会信用代码"), "XK_LYDWDM", required=True),
        _c("note", gettext_noop("备注"), "BZ"),
    ),
    Kind.PENALTY: (
        *_SUBJECT["CF"],
        _c("doc_no", gettext_noop("行政处罚决定书文号"), "CF_WSH", "决定书文号", "决定文号", required=True),
        _c("violation_type", gettext_noop("违法行为类型"), "CF_WFXW", required=True),
        _c("facts", gettext_noop("违法事实"), "CF_SY", required=True),
        _c("basis", gettext_noop("处罚依据"), "CF_YJ", required=True),
        _c("penalty_categories", gettext_noop("处罚类别"), "CF_CFLB", required=True),
        _c("content", gettext_noop("处罚内容"), "CF_NR", required=True),
        _c("fine_wan", gettext_noop("罚款金额（万元）"), "CF_NR_FK", "罚款金额", money=True),
        _c(
            "confiscated_wan",
            gettext_noop("没收违法所得、没收非法财物的金额（万元）"),
            "CF_NR_WFFF",
            money=True,
        ),
        _c("licence_suspended", gettext_noop("暂扣或吊销证照名称及编号"), "CF_NR_ZKDX"),
        _c("decided_on", gettext_noop("处罚决定日期"), "CF_JDRQ", "决定日期", required=True, day=True),
        _c("valid_to", gettext_noop("处罚有效期"), "CF_YXQ", required=True, day=True),
        _c("publicity_end", gettext_noop("公示截止期"), "CF_GSJZQ", day=True),
        _c("authority", gettext_noop("处罚机关"), "CF_CFJG", "决定机关", required=True),
        _c(
            "authority_code",
            gettext_noop("处罚机关统一社会信用代码"),
            "CF_CFJGDM",
            "决定机关统一社会信用代码",
            required=True,
        ),
        _c("source_unit", gettext_noop("数据来源单位"), "CF_SJLY", required=True),
        _c("source_unit_code", gettext_noop("数据来源单位统一社会信用代码"), "CF_SJLYDM", required=True),
        _c("note", gettext_noop("备注"), "BZ"),
    ),
}
# Not a platform column: the day the record went up on the agency's site (its own 公示).
PUBLISHED_COLUMN = Column(
    "published_on", gettext_noop("公示日期"), "GS_RQ", aliases=("上网公示日期", "公开日期"), day=True
)
SHEET_TITLES = {Kind.LICENCE: "行政许可", Kind.PENALTY: "行政处罚"}
CODE_FIELDS = ("uscc", "authority_code", "source_unit_code")


def public_columns(kind: str) -> tuple[Column, ...]:
    return tuple(c for c in COLUMNS[kind] if not c.personal)


# ---------------------------------------------------------------- validators (spec §5)


@dataclass(frozen=True)
class Finding:
    hard: bool  # H: refused; W: shown
    field: str
    message: str


def _label(kind: str, key: str) -> str:
    return next((_(c.header) for c in COLUMNS[kind] if c.key == key), key)


def validate(kind: str, values: dict, today: date) -> list[Finding]:
    """H and W findings for one record's parsed values (dates as ``date``, amounts as ``Decimal``,
    texts stripped; ``valid_to`` None with ``long_term`` for 长期)."""
    out: list[Finding] = []

    def hard(key, message):
        out.append(Finding(True, key, message))

    def warn(key, message):
        out.append(Finding(False, key, message))

    for column in COLUMNS[kind]:
        blank = values.get(column.key) in (None, "")
        if column.required and blank and not (column.key == "valid_to" and values.get("long_term")):
            hard(column.key, _("“%(c)s”为必填项") % {"c": _(column.header)})
    category = values.get("subject_category") or ""
    if category and category not in Category.values:
        hard("subject_category", _("相对人类别应为：%(v)s") % {"v": "、".join(Category.values)})
    if category in (Category.ORGANISATION, Category.INDIVIDUAL_BUSINESS):
        if category == Category.ORGANISATION and not values.get("uscc"):
            hard("uscc", _("法人及非法人组织须填写统一社会信用代码"))
        if category == Category.ORGANISATION and not values.get("legal_rep"):
            hard("legal_rep", _("法人及非法人组织须填写法定代表人"))
    if category == Category.PERSON:
        for key in ("id_type", "id_no"):
            if not values.get(key):
                hard(key, _("自然人须填写“%(c)s”") % {"c": _label(kind, key)})
    for key in CODE_FIELDS:
        code = values.get(key) or ""
        if code and not valid_uscc(code):
            hard(key, _("“%(v)s”不是有效的统一社会信用代码（GB 32100 校验不通过）") % {"v": code})
    if category == Category.INDIVIDUAL_BUSINESS and values.get("uscc", "")[:2] not in ("", "92"):
        warn("uscc", _("个体工商户的统一社会信用代码通常以 92 开头"))
    for key in ("fine_wan", "confiscated_wan"):
        amount = values.get(key)
        if isinstance(amount, Decimal) and amount < 0:
            hard(key, _("金额不能为负数"))
    decided = values.get("decided_on")
    if isinstance(decided, date):
        if decided > today:
            hard("decided_on", _("决定日期晚于今天"))
        published = values.get("published_on")
        if isinstance(published, date) and published < decided:
            hard("published_on", _("公示日期早于决定日期"))
        valid_from, valid_to = values.get("valid_from"), values.get("valid_to")
        if isinstance(valid_from, date) and isinstance(valid_to, date) and valid_to < valid_from:
            hard("valid_to", _("有效期至早于有效期自"))
    if kind == Kind.LICENCE:
        licence_category = values.get("licence_category") or ""
        head = licence_category.split("-")[0].split("（")[0]
        if licence_category and head not in LICENCE_CATEGORIES:
            hard("licence_category", _("许可类别应为：%(v)s") % {"v": "、".join(LICENCE_CATEGORIES)})
        elif licence_category == "其他":
            warn("licence_category", _("许可类别为“其他”时应注明具体类别，如“其他-备案”"))
    else:
        categories = split_categories(values.get("penalty_categories") or "")
        unknown = [c for c in categories if c not in PENALTY_CATEGORIES]
        if unknown:
            warn(
                "penalty_categories",
                _("处罚类别“%(v)s”不在行政处罚法第九条所列种类中") % {"v": "、".join(unknown)},
            )
        if "罚款" in categories and values.get("fine_wan") is None:
            hard("fine_wan", _("处罚类别含罚款，须填写罚款金额（万元）"))
        if values.get("fine_wan") and "罚款" not in categories:
            warn("fine_wan", _("填写了罚款金额，但处罚类别中没有罚款"))
        if any(c.startswith("没收") for c in categories) and values.get("confiscated_wan") is None:
            warn("confiscated_wan", _("处罚类别含没收，宜填写没收金额（万元）"))
    return out


def lateness(due_on: date | None, published_on: date | None, today: date) -> Finding | None:
    """W: the 7-working-day publication deadline missed (or passing unpublished)."""
    if due_on is None:
        return None
    if published_on is not None and published_on > due_on:
        return Finding(
            False,
            "published_on",
            _("超过%(p)s个工作日的公示期限（应于 %(d)s 前公示）")
            % {"p": law.CREDIT_PUBLISH.amount, "d": due_on},
        )
    if published_on is None and today > due_on:
        return Finding(
            False,
            "published_on",
            _("已超过%(p)s个工作日的公示期限（应于 %(d)s 前公示），尚未公示")
            % {"p": law.CREDIT_PUBLISH.amount, "d": due_on},
        )
    return None


# ---------------------------------------------------------------- 公示期 (spec §2.5)


def add_months(day: date, months: int) -> date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return date(year, month, min(day.day, _calendar.monthrange(year, month)[1]))


def special_field(violation_type: str, basis: str) -> bool:
    text = f"{violation_type}{basis}"
    return any(word in text for word in law.PENALTY_PUBLICITY_SPECIAL_FIELDS)


def publicity(
    kind: str, decided_on: date, valid_to: date | None, special: bool
) -> tuple[date | None, date | None]:
    """(公示截止期, 可申请信用修复之日). A penalty is shown for the longest period from its decision
    and may be removed early (信用修复) after the shortest; a licence is shown while it is valid
    (长期: no end) and has no 信用修复 [I]."""
    if kind == Kind.LICENCE:
        return valid_to, None
    shortest = law.PENALTY_PUBLICITY_MIN_SPECIAL if special else law.PENALTY_PUBLICITY_MIN
    return add_months(decided_on, law.PENALTY_PUBLICITY_MAX.amount), add_months(decided_on, shortest.amount)
