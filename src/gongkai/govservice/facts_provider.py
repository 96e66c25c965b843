"""The registry's figures for section 一 (gongkai.facts). The seed report quotes them in its
(四)平台建设方面 paragraph ("累计梳理并录入平台政务服务事项数量1439项…"), so they belong to the
``platform`` sub-part."""

from __future__ import annotations

from urllib.parse import urlencode

from django.urls import reverse

from gongkai.agencies.models import Agency
from gongkai.facts import Fact

from .metrics import as_of_for_year, compute
from .models import ServiceItem


def provider(agency_ids: tuple[int, ...], year: int) -> list[Fact]:
    if not ServiceItem.objects.filter(agency_id__in=agency_ids).exists():
        return []  # an agency without service items: nothing to say, not "0项"
    as_of = as_of_for_year(year)
    metrics = compute(agency_ids, as_of)
    # the drill-down is the staff list of one agency; a region's figures have no single list
    code = (
        Agency.objects.filter(pk=agency_ids[0]).values_list("code", flat=True).first()
        if len(agency_ids) == 1
        else None
    )
    facts = []
    for metric in metrics.metrics:
        if metric.key == "compression":
            continue  # not a figure the report quotes
        records = ""
        if code and metric.facet:
            query = urlencode({"facet": metric.facet, "as_of": as_of.isoformat()})
            records = f"{reverse('govservice:registry', args=[code])}?{query}"
        facts.append(
            Fact(
                key=f"govservice.{metric.key}",
                label=str(metric.label),
                value=metric.value,
                unit=metric.unit,
                definition=metric.definition,
                part="platform",
                records=records,
            )
        )
    return facts
