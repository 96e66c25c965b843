"""The facts section 一 quotes (gongkai.facts): 报送次数, 报送条数 (许可/处罚), 及时率."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from gongkai.agencies.models import Agency
from gongkai.facts import Fact

from . import queries
from .models import CreditRecord


def provider(agency_ids: tuple[int, ...], year: int) -> list[Fact]:
    if not CreditRecord.objects.filter(agency_id__in=agency_ids).exists():
        return []  # an agency that makes no 许可/处罚 decisions here: nothing to say, not "0条"
    counts = queries.submission_counts(agency_ids, years=[year])
    row = counts[0] if counts else queries.YearCounts(year, 0, 0, 0, 0)
    rate = queries.timeliness(agency_ids, year)
    codes = list(Agency.objects.filter(pk__in=agency_ids).values_list("code", flat=True)[:2])
    one = codes[0] if len(codes) == 1 else None
    batches_url = reverse("credit:batches", args=[one]) + f"?year={year}" if one else reverse("credit:index")
    records_url = reverse("credit:records", args=[one]) + f"?year={year}" if one else reverse("credit:index")
    sent = _("当年报送（报送日期在当年）且未被平台退回的")
    return [
        Fact(
            "credit.batches",
            _("双公示报送次数"),
            row.batches,
            "次",
            _("当年向公共信用信息平台报送的批次数（已作废的批次不计）"),
            "active",
            batches_url,
        ),
        Fact(
            "credit.records",
            _("双公示报送条数"),
            row.licences + row.penalties,
            "条",
            _("%(s)s行政许可和行政处罚记录条数") % {"s": sent},
            "active",
            batches_url,
        ),
        Fact(
            "credit.licences",
            _("行政许可报送条数"),
            row.licences,
            "条",
            _("%(s)s行政许可记录条数") % {"s": sent},
            "active",
            batches_url,
        ),
        Fact(
            "credit.penalties",
            _("行政处罚报送条数"),
            row.penalties,
            "条",
            _("%(s)s行政处罚记录条数") % {"s": sent},
            "active",
            batches_url,
        ),
        Fact(
            "credit.timeliness",
            _("双公示及时率"),
            rate.rate if rate.total else None,
            "%",
            rate.definition
            + (
                _("（当年无记录，不能计算）")
                if not rate.total
                else _("：%(a)s ÷ %(b)s") % {"a": rate.on_time, "b": rate.total}
            ),
            "active",
            records_url,
        ),
    ]
