"""The section 一 figures of the registry (spec §1.6), each with the definition it was computed by.

No national formula was found [U]: where practice differs, the definition is a setting
(``GONGKAI_GOVSERVICE_ONLINE_RATE``, ``GONGKAI_GOVSERVICE_SCOPE``) and the pages show which one was
used. All figures of one agency set come from one aggregated query over the versions in force on
the date asked (the report year's 31 December, or today for the current year).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.db.models import Case, Count, F, IntegerField, Q, Sum, Value, When
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .codes import ON_REQUEST_TYPES, UNITS
from .models import ServiceItem, Status

PERCENT = Decimal("0.01")

# 网上可办率: three practices (§1.6)
ONLINE_RATE_DEFINITIONS = {
    "exempt_achieved": _(
        "（事项数 − 没有在线办理地址且未标注“不适宜网上办理”的事项数）÷ 事项数；"
        "标注不适宜网上办理（如涉密、场地所限）的事项视为已实现（温州核查口径）"
    ),
    "exempt_excluded": _(
        "有在线办理地址的事项数 ÷（事项数 − 标注不适宜网上办理的事项数）；"
        "涉密、场地所限等不适宜网上办理的事项不计入分母（哈尔滨口径）"
    ),
    "flag": _("“是否网办”为是的事项数 ÷ 事项数（GB/T 39046 第47项）"),
}
SCOPE_DEFINITIONS = {
    "on_request": _(
        "依申请事项：行政许可、行政给付、行政确认、行政奖励、行政裁决、行政备案、其他行政权力和公共服务，"
        "不含行政处罚、行政强制、行政征收、行政检查"
    ),
    "all": _("全部事项类型"),
}


@dataclass(frozen=True)
class Metric:
    key: str
    label: object
    value: int | Decimal | None
    unit: str
    definition: str
    numerator: int | None = None
    denominator: int | None = None
    facet: str = ""  # the staff list's filter showing the numerator's items


@dataclass(frozen=True)
class MetricSet:
    as_of: date
    scope: str
    online_rate: str
    metrics: tuple[Metric, ...]

    def get(self, key: str) -> Metric:
        return next(m for m in self.metrics if m.key == key)

    @property
    def scope_definition(self) -> str:
        return str(SCOPE_DEFINITIONS[self.scope])


def online_rate_setting() -> str:
    value = getattr(settings, "GONGKAI_GOVSERVICE_ONLINE_RATE", "exempt_achieved")
    return value if value in ONLINE_RATE_DEFINITIONS else "exempt_achieved"


def scope_setting() -> str:
    value = getattr(settings, "GONGKAI_GOVSERVICE_SCOPE", "on_request")
    return value if value in SCOPE_DEFINITIONS else "on_request"


def as_of_for_year(year: int) -> date:
    return min(date(year, 12, 31), timezone.localdate())


def in_force(agency_ids, as_of: date, scope: str | None = None):
    """The versions in force on ``as_of`` (the registry as it stood that day), 在用 only, in scope."""
    scope = scope or scope_setting()
    qs = ServiceItem.objects.filter(
        Q(valid_to__isnull=True) | Q(valid_to__gt=as_of),
        agency_id__in=agency_ids,
        valid_from__lte=as_of,
        status=Status.IN_USE,
    ).filter(Q(cancel_on__isnull=True) | Q(cancel_on__gt=as_of))
    if scope == "on_request":
        qs = qs.filter(item_type__in=sorted(ON_REQUEST_TYPES))
    return qs


def _sevenths(value_field: str, unit_field: str):
    return Case(
        When(**{value_field: 0}, then=Value(0)),
        *(When(**{unit_field: unit}, then=F(value_field) * factor) for unit, factor in UNITS.items()),
        default=None,
        output_field=IntegerField(),
    )


FACETS = ("counted", "online", "not_online", "immediate", "zero_visit")

_NO_LINK = Q(online_url="") & Q(mobile_url="")
_EXEMPT = ~Q(online_exempt_reason="")


def facet_filter(facet: str, online_rate: str | None = None) -> Q:
    """The items behind a numerator (the drill-down), as the definition in use counts them."""
    online_rate = online_rate or online_rate_setting()
    online = {
        "flag": Q(is_online=True),
        "exempt_excluded": ~_NO_LINK & ~_EXEMPT,
        "exempt_achieved": ~_NO_LINK | _EXEMPT,
    }[online_rate]
    return {
        "counted": Q(),
        "online": online,
        "not_online": ~online,
        "immediate": Q(promised_limit=0),
        "zero_visit": Q(visits=0),
    }[facet]


def _ratio(numerator: int, denominator: int) -> Decimal | None:
    if not denominator:
        return None
    return (Decimal(100) * numerator / denominator).quantize(PERCENT, rounding=ROUND_HALF_UP)


def compute(agency_ids, as_of: date, online_rate: str | None = None, scope: str | None = None) -> MetricSet:
    online_rate, scope = online_rate or online_rate_setting(), scope or scope_setting()
    limited = Q(statutory_limit__gt=0) & Q(statutory_unit__in=list(UNITS)) & Q(promised_limit__isnull=False)
    limited &= Q(promised_limit=0) | Q(promised_unit__in=list(UNITS))
    row = in_force(agency_ids, as_of, scope).aggregate(
        total=Count("id"),
        flagged=Count("id", filter=Q(is_online=True)),
        linked_counted=Count("id", filter=~_NO_LINK & ~_EXEMPT),
        exempt=Count("id", filter=_EXEMPT),
        unmet=Count("id", filter=_NO_LINK & ~_EXEMPT),
        immediate=Count("id", filter=Q(promised_limit=0)),
        zero_visit=Count("id", filter=Q(visits=0)),
        statute7=Sum(_sevenths("statutory_limit", "statutory_unit"), filter=limited),
        promise7=Sum(_sevenths("promised_limit", "promised_unit"), filter=limited),
    )
    total = row["total"]
    if online_rate == "flag":
        online_num, online_den = row["flagged"], total
    elif online_rate == "exempt_excluded":
        online_num, online_den = row["linked_counted"], total - row["exempt"]
    else:
        online_num, online_den = total - row["unmet"], total
    statute, promise = row["statute7"] or 0, row["promise7"] or 0
    compression = (
        (Decimal(100) * (statute - promise) / statute).quantize(PERCENT, rounding=ROUND_HALF_UP)
        if statute
        else None
    )
    scope_text = str(SCOPE_DEFINITIONS[scope])
    metrics = (
        Metric(
            "count",
            _("政务服务事项数"),
            total,
            "项",
            str(_("截至{date}在用的实施清单事项（每个实施编码计一项）；范围：{scope}")).format(
                date=as_of.isoformat(), scope=scope_text
            ),
            facet="counted",
        ),
        Metric(
            "online_rate",
            _("网上可办率"),
            _ratio(online_num, online_den),
            "%",
            str(ONLINE_RATE_DEFINITIONS[online_rate]),
            online_num,
            online_den,
            facet="online",
        ),
        Metric(
            "immediate_rate",
            _("即办件比例"),
            _ratio(row["immediate"], total),
            "%",
            str(_("承诺办结时限为“即办”（0）的事项数 ÷ 事项数；按事项目录计，不按办件计")),
            row["immediate"],
            total,
            facet="immediate",
        ),
        Metric(
            "zero_visit_rate",
            _("“零跑动”覆盖率"),
            _ratio(row["zero_visit"], total),
            "%",
            str(_("到办事现场次数为0的事项数 ÷ 事项数；未填写次数的事项计入分母")),
            row["zero_visit"],
            total,
            facet="zero_visit",
        ),
        Metric(
            "compression",
            _("承诺时限压缩比"),
            compression,
            "%",
            str(
                _(
                    "（Σ法定时限 − Σ承诺时限）÷ Σ法定时限，只计有法定时限的事项；1月折22工作日、"
                    "1年折253工作日，自然日按工作日的5/7折算，即办计0，无期限的事项不计"
                )
            ),
            facet="",
        ),
    )
    return MetricSet(as_of, scope, online_rate, metrics)
