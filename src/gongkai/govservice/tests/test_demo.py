"""The demo registry: several hundred items for the 政务服务和大数据管理局, figures near the seed
report's, a few warnings and versions, and the same data on every load (seeded)."""

from datetime import date

import pytest

from gongkai.agencies.models import Agency
from gongkai.cli import demo as web_demo
from gongkai.govservice.demo import load_demo_govservice
from gongkai.govservice.metrics import compute
from gongkai.govservice.models import ServiceItem
from gongkai.govservice.queries import warning_summary


@pytest.fixture
def county(db):
    return {
        short: Agency.objects.create(code=f"{web_demo.PREFIX}-{short}", name=name, kind=kind, level=level)
        for short, name, kind, level, _office in web_demo.AGENCIES
    }


def test_the_demo_registry(county):
    load_demo_govservice(log=lambda *_: None)
    bureau = county["zwfwj"]
    current = ServiceItem.objects.filter(agency=bureau, is_current=True)
    assert current.count() >= 400
    assert set(current.values_list("item_type", flat=True)) >= {"01", "05", "07", "11", "20"}
    assert ServiceItem.objects.filter(agency=bureau, is_current=False).exists()  # versions kept
    m = compute([bureau.pk], date(2025, 12, 31))
    assert m.get("online_rate").value >= 95
    assert 70 <= m.get("immediate_rate").value <= 90
    assert m.get("zero_visit_rate").value >= 85
    failing, _per_check = warning_summary(bureau)
    assert 0 < failing < current.count() // 10
    assert ServiceItem.objects.filter(agency=county["scjgj"]).exists()
    names = list(current.order_by("code").values_list("name", flat=True)[:5])
    ServiceItem.objects.all().delete()
    load_demo_govservice(log=lambda *_: None)
    assert (
        list(
            ServiceItem.objects.filter(agency=bureau, is_current=True)
            .order_by("code")
            .values_list("name", flat=True)[:5]
        )
        == names
    )
