"""The §1.6 figures against hand-counted fixtures, under each definition, as of a date."""

from datetime import date
from decimal import Decimal

import pytest

from gongkai import facts
from gongkai.govservice.metrics import compute
from gongkai.govservice.models import Status

from .factories import make_item

pytestmark = pytest.mark.django_db
DAY = date(2025, 12, 31)


@pytest.fixture
def registry(world):
    """10 依申请 items in force at DAY, plus what must not be counted. Hand count:
    online link: 7 (items 1–7); no link but 不适宜网办: 1 (item 8); no link, not exempt: 2 (9, 10)
    即办: 4 (items 1–4); 零跑动: 6 (items 1–3, 5–7, visits 0); 是否网办 flag: 8 (1–7 and 10)"""
    a = world.a
    for i in range(1, 11):
        make_item(
            a,
            promised_limit=0 if i <= 4 else 5,
            promised_unit="" if i <= 4 else "工作日",
            visits=0 if i in (1, 2, 3, 5, 6, 7) else 1,
            online_url=f"https://zwfw.example.gov/{i}" if i <= 7 else "",
            online_exempt_reason="涉密" if i == 8 else "",
            is_online=i <= 7 or i == 10,
            item_type="20" if i == 10 else "01",
        )
    make_item(a, item_type="02")  # 行政处罚: outside the 依申请 scope
    make_item(a, status=Status.SUSPENDED)  # 暂停 on DAY
    make_item(a, cancel_on=date(2025, 6, 30))  # cancelled before DAY
    make_item(a, valid_from=date(2026, 3, 1))  # registered after DAY
    make_item(a, valid_from=date(2020, 1, 1), valid_to=date(2025, 5, 1), is_current=False)  # an old version
    make_item(world.b, promised_limit=0)  # another agency
    return a


def test_the_figures_and_their_counts(registry):
    m = compute([registry.pk], DAY, online_rate="exempt_achieved", scope="on_request")
    assert m.get("count").value == 10
    assert (m.get("online_rate").numerator, m.get("online_rate").denominator) == (
        8,
        10,
    )  # 7 linked + 1 exempt
    assert m.get("online_rate").value == Decimal("80.00")
    assert (m.get("immediate_rate").numerator, m.get("immediate_rate").value) == (4, Decimal("40.00"))
    assert (m.get("zero_visit_rate").numerator, m.get("zero_visit_rate").value) == (6, Decimal("60.00"))
    # 法定 10 × 20 = 200 working days; 承诺 4 × 0 + 6 × 5 = 30 → (200 − 30) / 200 = 85 %
    assert m.get("compression").value == Decimal("85.00")


def test_each_online_rate_definition_counts_its_way_and_says_so(registry):
    excluded = compute([registry.pk], DAY, online_rate="exempt_excluded", scope="on_request").get(
        "online_rate"
    )
    assert (excluded.numerator, excluded.denominator, excluded.value) == (7, 9, Decimal("77.78"))
    assert "不计入分母" in excluded.definition
    flag = compute([registry.pk], DAY, online_rate="flag", scope="on_request").get("online_rate")
    assert (flag.numerator, flag.denominator, flag.value) == (8, 10, Decimal("80.00"))
    assert "是否网办" in flag.definition


def test_the_scope_setting_brings_in_the_punitive_types(registry, settings):
    settings.GONGKAI_GOVSERVICE_SCOPE = "all"
    m = compute([registry.pk], DAY)
    assert m.get("count").value == 11
    assert "全部事项类型" in m.get("count").definition


def test_an_earlier_date_sees_the_old_version_and_not_the_later_cancellation(registry):
    m = compute([registry.pk], date(2025, 4, 1), online_rate="flag", scope="on_request")
    assert (
        m.get("count").value == 12
    )  # + the old version (until 2025-05-01) + the item cancelled on 2025-06-30


def test_rounding_is_half_up(world):
    for i in range(8):
        make_item(world.a, promised_limit=0 if i < 1 else 5)
    assert compute([world.a.pk], DAY).get("immediate_rate").value == Decimal("12.50")


def test_an_empty_registry_has_no_ratios(world):
    m = compute([world.a.pk], DAY)
    assert m.get("count").value == 0 and m.get("online_rate").value is None


def test_the_facts_provider_gives_the_section_one_figures_with_their_records(registry, client, world):
    found = {f.key: f for f in facts.providers()["govservice"]((registry.pk,), 2025)}
    assert set(found) == {
        "govservice.count",
        "govservice.online_rate",
        "govservice.immediate_rate",
        "govservice.zero_visit_rate",
    }
    assert found["govservice.count"].value == 10 and found["govservice.count"].part == "platform"
    assert found["govservice.immediate_rate"].text == "40%"
    url = found["govservice.immediate_rate"].records
    assert url == f"/staff/govservice/{registry.code}/?facet=immediate&as_of=2025-12-31"
    client.force_login(world.clerk_a)
    page = client.get(url)
    assert page.context["page"].paginator.count == 4  # the drill-down lists the numerator's items
    # a region's figures add up its agencies and have no single list
    region = {f.key: f for f in facts.providers()["govservice"]((registry.pk, world.b.pk), 2025)}
    assert region["govservice.count"].value == 11 and region["govservice.count"].records == ""


def test_the_registry_page_shows_each_figure_with_its_definition(registry, client, world):
    client.force_login(world.clerk_a)
    body = client.get(f"/staff/govservice/{registry.code}/", {"as_of": "2025-12-31"}).content.decode()
    assert "统计指标（截至 2025-12-31）" in body
    assert "（当前：exempt_achieved，" in body
    assert "80.00%" in body and "8 / 10 项" in body
    assert "标注不适宜网上办理（如涉密、场地所限）的事项视为已实现（温州核查口径）" in body
    assert "到办事现场次数为0的事项数 ÷ 事项数" in body
