"""The §1.7 consistency checks as warnings, on the registry page and per item."""

import pytest

from gongkai.govservice.checks import warnings_for

from .factories import make_item

pytestmark = pytest.mark.django_db


def keys(item, materials=1):
    return [c.key for c in warnings_for(item, materials)]


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ({}, []),
        ({"promised_limit": 0, "promised_unit": "", "project_type": "2"}, ["immediate_not_jiban"]),
        ({"project_type": "1"}, ["jiban_with_limit"]),
        ({"visits": 1, "depth": 3}, ["visits_without_reason"]),
        ({"visits": 0, "visit_reason": "核验原件"}, ["reason_without_visits"]),
        (
            {"is_online": False, "online_url": "", "depth": None},
            ["zero_visit_offline", "zero_visit_no_link"],
        ),
        ({"is_online": False, "online_url": "", "depth": None, "forms": ["1", "4"]}, ["zero_visit_no_link"]),
        ({"visits": 1, "visit_reason": "现场勘验"}, ["full_online_with_visits"]),
        ({"visits": 1, "visit_reason": "现场勘验", "online_url": "", "depth": 2}, ["online_without_link"]),
        ({"depth": 1}, ["online_depth_too_low"]),
        ({"has_fee": True}, ["fee_without_basis"]),
        ({"consult_phone": "0451-12345", "complaint_phone": "0451-12345"}, ["same_phones"]),
        ({"promised_limit": 2, "promised_unit": "月"}, ["promise_over_statute"]),
        ({"status": "cancelled"}, ["cancelled_without_date"]),
    ],
)
def test_each_check(world, fields, expected):
    assert keys(make_item(world.a, **fields)) == expected


def test_a_licence_without_materials(world):
    assert keys(make_item(world.a, materials=0), materials=0) == ["licence_without_materials"]
    assert keys(make_item(world.a, materials=0, item_type="20"), materials=0) == []


def test_warnings_show_on_the_registry_and_the_item_page(world, client):
    bad = make_item(world.a, promised_limit=0, promised_unit="", project_type="2")
    make_item(world.a)
    client.force_login(world.clerk_a)
    body = client.get(f"/staff/govservice/{world.a.code}/").content.decode()
    assert "1 项事项有需要核实的问题" in body
    assert "承诺时限为即办，但办件类型不是即办件：1 项" in body
    body = client.get(f"/staff/govservice/{world.a.code}/items/{bad.pk}/").content.decode()
    assert "一致性检查提示" in body and "承诺时限为即办，但办件类型不是即办件" in body
