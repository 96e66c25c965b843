"""The consistency checks of spec §1.7 (the Wenzhou checker) and a few of ours, as warnings: a
provincial export is what it is, the officer corrects it on the platform and imports again."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from .codes import MAIL_FORM, UNITS


@dataclass(frozen=True)
class Check:
    key: str
    message: object  # lazy Chinese text


CHECKS = {
    c.key: c
    for c in (
        Check("immediate_not_jiban", _("承诺时限为即办，但办件类型不是即办件")),
        Check("jiban_with_limit", _("办件类型为即办件，但承诺时限大于0")),
        Check("visits_without_reason", _("需到现场办理，但未说明必须现场办理的原因")),
        Check("reason_without_visits", _("到现场次数为0，却填写了必须现场办理的原因")),
        Check("zero_visit_offline", _("零跑动事项既不能网上办理，办理形式也不含快递申请")),
        Check("zero_visit_no_link", _("零跑动事项没有在线办理地址")),
        Check("full_online_with_visits", _("办理深度为全程网办，但到现场次数不为0")),
        Check("online_without_link", _("标为网上可办，但没有在线办理地址")),
        Check("online_depth_too_low", _("标为网上可办，但办理深度仅为事项公开")),
        Check("fee_without_basis", _("收费事项未填写收费依据")),
        Check("same_phones", _("咨询电话与监督投诉电话相同")),
        Check("promise_over_statute", _("承诺时限超过法定时限")),
        Check("licence_without_materials", _("行政许可事项没有申请材料")),
        Check("cancelled_without_date", _("事项已取消，但没有计划取消日期")),
    )
}


def _days7(value, unit):
    """A time limit in sevenths of a working day; 即办 is 0; None when it has no usable unit."""
    if value == 0:
        return 0
    return value * UNITS[unit] if value is not None and unit in UNITS else None


def warnings_for(item, material_count: int) -> list[Check]:
    """The checks ``item`` (a ServiceItem) fails, in CHECKS order."""
    failed = []
    visits, immediate = item.visits, item.promised_limit == 0
    if immediate and item.project_type and item.project_type != "1":
        failed.append("immediate_not_jiban")
    if item.project_type == "1" and item.promised_limit:
        failed.append("jiban_with_limit")
    if visits and not item.visit_reason:
        failed.append("visits_without_reason")
    if visits == 0 and item.visit_reason:
        failed.append("reason_without_visits")
    if visits == 0 and not item.is_online and MAIL_FORM not in (item.forms or []):
        failed.append("zero_visit_offline")
    if visits == 0 and not (item.online_url or item.mobile_url):
        failed.append("zero_visit_no_link")
    if item.depth == 4 and visits:
        failed.append("full_online_with_visits")
    if item.is_online and not (item.online_url or item.mobile_url):
        failed.append("online_without_link")
    if item.is_online and item.depth == 1:
        failed.append("online_depth_too_low")
    if item.has_fee and not item.fee_basis.strip():
        failed.append("fee_without_basis")
    if item.consult_phone and item.consult_phone == item.complaint_phone:
        failed.append("same_phones")
    statute = _days7(item.statutory_limit, item.statutory_unit)
    promise = _days7(item.promised_limit, item.promised_unit)
    if statute is not None and promise is not None and promise > statute:
        failed.append("promise_over_statute")
    if item.item_type == "01" and material_count == 0:
        failed.append("licence_without_materials")
    if item.status == "cancelled" and item.cancel_on is None:
        failed.append("cancelled_without_date")
    return [CHECKS[k] for k in failed]
