"""The staff pages' status changes, the staff index, and the public pages: list, guide with its
QR code, print sheet — and nothing internal on them."""

import re

import pytest
import segno

from gongkai.events.models import Event
from gongkai.govservice.models import ServiceItem, Status

from .factories import make_item

pytestmark = pytest.mark.django_db


def qr_matrix_from_svg(svg: str) -> list[list[int]]:
    """Read segno's inline SVG path back into the module matrix (border included)."""
    n = int(re.search(r'viewBox="0 0 (\d+) \1"', svg)[1])
    grid = [[0] * n for _ in range(n)]
    path = re.search(r'class="qrline"[^>]* d="([^"]+)"', svg)[1]
    x = y = 0.0
    for op, a, b in re.findall(r"([MmHh])(-?[\d.]+)(?:[ ,](-?[\d.]+))?", path):
        if op == "M":
            x, y = float(a), float(b)
        elif op == "m":
            x, y = x + float(a), y + float(b)
        else:
            for i in range(int(float(a))):
                grid[int(y)][int(x) + i] = 1
            x += float(a)
    return grid


def segno_matrix(url: str) -> list[list[int]]:
    return [list(row) for row in segno.make(url, error="m", micro=False).matrix_iter(scale=1, border=4)]


def test_the_public_list_searches_and_filters_and_hides_what_is_not_in_use(world, client):
    make_item(world.a, name="食品经营许可（新办）", code="SP-1")
    make_item(world.a, name="社会保障卡申领", code="SB-1", item_type="20")
    make_item(world.a, name="已暂停的事项", status=Status.SUSPENDED)
    make_item(world.a, name="旧版本", is_current=False)
    make_item(world.b, name="别的机构的事项")
    url = f"/services/{world.a.code}/"
    body = client.get(url).content.decode()
    assert "食品经营许可（新办）" in body and "社会保障卡申领" in body
    assert "已暂停的事项" not in body and "旧版本" not in body and "别的机构的事项" not in body
    body = client.get(url, {"q": "食品"}).content.decode()
    assert "食品经营许可" in body and "社会保障卡申领" not in body
    body = client.get(url, {"q": "SB-1"}).content.decode()
    assert "社会保障卡申领" in body and "食品经营许可" not in body
    body = client.get(url, {"type": "20"}).content.decode()
    assert "社会保障卡申领" in body and "食品经营许可" not in body


def test_the_guide_has_a_qr_code_of_the_online_link_and_nothing_internal(world, client):
    item = make_item(
        world.a,
        name="食品经营许可（新办）",
        code="SP-1",
        online_url="https://zwfw.example.gov/guide/SP-1",
        promised_limit=0,
        promised_unit="",
        project_type="2",  # a §1.7 warning: staff-only
    )
    body = client.get(f"/services/{world.a.code}/SP-1/").content.decode()
    assert "食品经营许可（新办）" in body and "扫码在线办理" in body
    svg = re.search(r"<svg.*?</svg>", body, re.S)[0]
    assert qr_matrix_from_svg(svg) == segno_matrix("https://zwfw.example.gov/guide/SP-1")
    for internal in (
        "一致性检查",
        "承诺时限为即办，但办件类型不是即办件",
        "版本记录",
        "导入",
        f"/staff/govservice/{world.a.code}/items/{item.pk}",
    ):
        assert internal not in body


def test_without_an_online_link_the_qr_code_points_to_the_guide_itself(world, client):
    make_item(world.a, code="GT-1", online_url="", is_online=False, visits=1, visit_reason="现场核验")
    response = client.get(f"/services/{world.a.code}/GT-1/")
    svg = re.search(r"<svg.*?</svg>", response.content.decode(), re.S)[0]
    assert qr_matrix_from_svg(svg) == segno_matrix(f"http://testserver/services/{world.a.code}/GT-1/")
    assert "扫码查看办事指南" in response.content.decode()


def test_the_print_sheet_is_an_a4_page_with_the_materials_and_the_qr_code(world, client):
    make_item(world.a, code="SP-2", name="公共场所卫生许可", materials=2)
    body = client.get(f"/services/{world.a.code}/SP-2/sample/").content.decode()
    assert "办事样本" in body and "材料1" in body and "材料2" in body and "<svg" in body
    assert "govservice/sample.css" in body


def test_a_cancelled_item_says_so_without_a_qr_code_and_an_unknown_one_is_404(world, client):
    make_item(world.a, code="CX-1", status=Status.CANCELLED)
    body = client.get(f"/services/{world.a.code}/CX-1/").content.decode()
    assert "该事项已取消，不再办理。" in body and "<svg" not in body
    assert client.get(f"/services/{world.a.code}/NOPE/").status_code == 404
    assert client.get("/services/no-such-agency/").status_code == 404


def test_the_portal_agency_list_links_to_each_agencys_items(world, client):
    body = client.get("/agencies/").content.decode()
    assert f'href="/services/{world.a.code}/"' in body


def test_status_changes_make_versions_through_the_state_machine(world, client):
    item = make_item(world.a, code="ZT-1")
    client.force_login(world.clerk_a)
    client.post(f"/staff/govservice/{world.a.code}/items/{item.pk}/status/", {"action": "suspend"})
    current = ServiceItem.objects.get(code="ZT-1", is_current=True)
    assert (current.version, current.status) == (2, Status.SUSPENDED)
    assert current.materials.count() == 1
    response = client.post(
        f"/staff/govservice/{world.a.code}/items/{current.pk}/status/", {"action": "suspend"}, follow=True
    )
    assert "当前状态为“暂停”，不能暂停" in response.content.decode()
    client.post(f"/staff/govservice/{world.a.code}/items/{current.pk}/status/", {"action": "cancel"})
    last = ServiceItem.objects.get(code="ZT-1", is_current=True)
    assert (last.version, last.status, last.cancel_on is not None) == (3, Status.CANCELLED, True)
    assert [e.action for e in Event.objects.order_by("id")] == [
        "govservice.item.suspend",
        "govservice.item.cancel",
    ]
    body = client.get(f"/staff/govservice/{world.a.code}/items/{last.pk}/").content.decode()
    assert "第 1 版" in body and "第 3 版" in body


def test_readers_see_but_cannot_change(world, client):
    item = make_item(world.a)
    client.force_login(world.supervisor)
    assert client.get(f"/staff/govservice/{world.a.code}/").status_code == 200
    assert (
        client.post(
            f"/staff/govservice/{world.a.code}/items/{item.pk}/status/", {"action": "suspend"}
        ).status_code
        == 403
    )


def test_the_index_lists_only_the_users_agencies(world, client):
    client.force_login(world.supervisor)
    body = client.get("/staff/govservice/").content.decode()
    assert world.a.name in body and world.other_dept.name not in body
    client.force_login(world.clerk_a)
    assert client.get("/staff/govservice/")["Location"] == f"/staff/govservice/{world.a.code}/"
