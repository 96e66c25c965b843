"""The applications' figures for section 一（二）依申请公开 (gongkai.facts) that table 三 does not
hold: how many came in online, how many answers took the extended period. Table 三's own figures
are quoted and checked (TXT-NUM) from the table."""

from __future__ import annotations

from django.db.models import Count, Q

from gongkai import law
from gongkai.facts import Fact

from .models import Channel
from .queries import _done, _in_year, _new


def provider(agency_ids: tuple[int, ...], year: int) -> list[Fact]:
    counts = (
        _in_year(year)
        .filter(agency_id__in=agency_ids)
        .aggregate(
            online=Count("pk", filter=_new(year) & Q(channel=Channel.ONLINE)),
            extended=Count("pk", filter=_done(year) & Q(extension_days__gt=0)),
        )
    )
    return [
        Fact(
            "applications.online",
            "网上申请",
            counts["online"],
            "件",
            "本年新收到的申请中通过网上申请平台提交的件数（表三“本年新收政府信息公开申请数量”的一部分）",
            "on_request",
        ),
        Fact(
            "applications.extended",
            "延期答复",
            counts["extended"],
            "件",
            "本年办结的申请中经政府信息公开工作机构负责人同意延长答复期限的件数"
            f"（条例{law.EXTENSION_MAX.article}）",
            "on_request",
        ),
    ]
