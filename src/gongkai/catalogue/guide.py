"""The 政府信息公开指南 of an agency, built from its data (条例第十二条), never a fixed page.

条例第十二条: "政府信息公开指南包括政府信息的分类、编排体系、获取方式和政府信息公开工作机构的名称、
办公地址、办公时间、联系电话、传真号码、互联网联系方式等内容。" The parts follow the common
practice (e.g. 江苏省政府办公厅指南): categories and arrangement, how to obtain information
(主动公开 / 依申请公开), the office, and supervision and remedies (gongkai.law.REMEDIES).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Max
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from gongkai import law

from .numbering import index_pattern
from .queries import categories_for
from .search import public_entries


@dataclass
class CategoryRow:
    code: str
    label: str
    count: int


@dataclass
class Guide:
    agency: object
    categories: list[CategoryRow]
    total: int
    index_pattern_example: str
    office: list[tuple[str, str]]  # (label, value); value "" when the agency has not filled it in
    office_missing: list[str]
    reply_days: int
    publish_days: int
    superior: object | None
    supervising_office: object | None
    remedies_text: str
    reconsideration_days: int
    litigation_months: int
    updated: date | None
    notes: str = ""


def _supervising_office(agency):
    """The 政府信息公开工作主管部门 above this agency: the office of the nearest 人民政府 up the tree."""
    from gongkai.agencies.models import Agency

    for node in [agency, *agency.ancestors()]:
        office = Agency.objects.filter(parent=node, is_supervising_office=True, is_active=True).first()
        if office is not None and office.pk != agency.pk:
            return office
    return None


def build_guide(agency) -> Guide:
    counts = dict(
        public_entries()
        .filter(agency=agency)
        .values_list("category")
        .annotate(n=Count("id"))
        .values_list("category", "n")
    )
    cats = [CategoryRow(c.code, c.display, counts.get(c.code, 0)) for c in categories_for(agency)]
    pattern = index_pattern(agency)
    example = pattern.format(
        agency_code=agency.code,
        credit_code=agency.credit_code or agency.code,
        category=_("类别"),
        year=_("年度"),
        serial=1,
    )
    office = [
        (pgettext("office", "名称"), agency.office_name),
        (_("办公地址"), agency.office_address),
        (_("邮政编码"), agency.office_postcode),
        (_("办公时间"), agency.office_hours),
        (_("联系电话"), agency.office_phone),
        (_("传真号码"), agency.office_fax),
        (_("电子邮箱"), agency.office_email),
        (_("网址"), agency.office_website),
    ]
    last_entry = public_entries().filter(agency=agency).aggregate(m=Max("publish_date"))["m"]
    dates = [d for d in (agency.updated_at and timezone.localtime(agency.updated_at).date(), last_entry) if d]
    return Guide(
        agency=agency,
        categories=cats,
        total=sum(counts.values()),
        index_pattern_example=example,
        office=office,
        office_missing=[label for label, value in office[:6] if not value],
        reply_days=law.REPLY.amount,
        publish_days=law.PUBLISH.amount,
        superior=agency.parent,
        supervising_office=_supervising_office(agency),
        remedies_text=law.REMEDIES.text,
        reconsideration_days=law.RECONSIDERATION.amount,
        litigation_months=law.LITIGATION.amount,
        updated=max(dates) if dates else None,
        notes=agency.guide_notes,
    )
