"""The public endpoints: only what the portal shows, paged with a hard maximum, errors in one shape."""

from datetime import date

import pytest

from gongkai.catalogue.models import DisclosureMode, Status
from gongkai.catalogue.testing import make_entry

pytestmark = pytest.mark.django_db
V1 = "/api/v1"


def assert_error(response, status: int, code: str):
    assert response.status_code == status, response.content
    body = response.json()
    assert set(body) == {"code", "message", "details"}
    assert body["code"] == code
    assert any("\u4e00" <= ch <= "\u9fff" for ch in body["message"]), body["message"]  # Chinese
    return body


def test_agencies_are_listed_and_paged(world, client):
    body = client.get(f"{V1}/agencies", {"limit": 2, "offset": 1}).json()
    assert body["count"] == 7 and body["limit"] == 2 and body["offset"] == 1
    assert len(body["items"]) == 2
    everything = client.get(f"{V1}/agencies", {"limit": 100}).json()["items"]
    a = next(x for x in everything if x["code"] == "t-a")
    assert a == {
        "code": "t-a",
        "name": "示例县教育局",
        "short_name": "",
        "kind": "department",
        "level": "county",
        "parent": "t-county",
        "credit_code": "",
    }


def test_an_inactive_agency_is_not_listed(world, client):
    world.b.is_active = False
    world.b.save()
    codes = [x["code"] for x in client.get(f"{V1}/agencies", {"limit": 100}).json()["items"]]
    assert "t-b" not in codes and "t-a" in codes
    assert_error(client.get(f"{V1}/agencies/t-b/guide"), 404, "not_found")


@pytest.mark.parametrize("params", [{"limit": 101}, {"limit": 0}, {"offset": -1}, {"limit": "many"}])
def test_paging_has_a_hard_maximum(world, client, params):
    body = assert_error(client.get(f"{V1}/agencies", params), 422, "invalid")
    assert body["details"] and body["details"][0]["loc"][-1] in params


def test_the_catalogue_shows_only_published_public_entries(world, client):
    shown = make_entry(world.a, "示例县教育局关于秋季招生的通知", status=Status.PUBLISHED, body="招生正文")
    on_request = make_entry(
        world.a, "示例县教育局内部管理制度汇编", status=Status.PUBLISHED, disclosure=DisclosureMode.ON_REQUEST
    )
    hidden = make_entry(
        world.a, "不予公开的事项", status=Status.PUBLISHED, disclosure=DisclosureMode.NOT_DISCLOSED
    )
    draft = make_entry(world.a, "尚未发布的草稿")
    other = make_entry(world.b, "示例县财政局预算公开", status=Status.PUBLISHED, category="A02")

    body = client.get(f"{V1}/catalogue").json()
    ids = {e["id"] for e in body["items"]}
    assert ids == {shown.pk, on_request.pk, other.pk}
    assert body["count"] == 3 and body["query"] == ""

    item = next(e for e in body["items"] if e["id"] == shown.pk)
    assert item["index_no"] == shown.index_no and item["agency"] == "t-a"
    assert item["url"] == f"/catalogue/{shown.pk}/"

    only_a = client.get(f"{V1}/catalogue", {"agency": "t-a"}).json()
    assert {e["id"] for e in only_a["items"]} == {shown.pk, on_request.pk}
    assert {e["id"] for e in client.get(f"{V1}/catalogue", {"category": "A02"}).json()["items"]} == {other.pk}
    assert client.get(f"{V1}/catalogue", {"year": 2023}).json()["count"] == 0
    assert client.get(f"{V1}/catalogue", {"year": 2024}).json()["count"] == 3

    # detail: the body only when proactively disclosed; nothing the portal hides
    detail = client.get(f"{V1}/catalogue/{shown.pk}").json()
    assert detail["body"] == "招生正文" and detail["content_public"] is True
    assert client.get(f"{V1}/catalogue/{on_request.pk}").json()["body"] == ""
    for entry in (hidden, draft):
        assert_error(client.get(f"{V1}/catalogue/{entry.pk}"), 404, "not_found")


def test_the_catalogue_search_is_the_portals(world, client):
    wanted = make_entry(world.a, "关于义务教育学校招生入学工作的通知", status=Status.PUBLISHED)
    make_entry(world.a, "关于印发财政预算的通知", status=Status.PUBLISHED)
    make_entry(world.a, "义务教育招生草稿", status=Status.DRAFT)

    body = client.get(f"{V1}/catalogue", {"q": "招生"}).json()
    assert [e["id"] for e in body["items"]] == [wanted.pk]
    assert body["query"] == "招生"
    # the exact 索引号 finds its entry
    assert [e["id"] for e in client.get(f"{V1}/catalogue", {"q": wanted.index_no}).json()["items"]] == [
        wanted.pk
    ]
    # what the portal refuses to search is a 422 with its message
    assert "检索词" in assert_error(client.get(f"{V1}/catalogue", {"q": "！！！"}), 422, "invalid")["message"]
    assert_error(client.get(f"{V1}/catalogue", {"q": "长" * 101}), 422, "invalid")


def test_unknown_filters_are_refused(world, client):
    assert (
        "nowhere"
        in assert_error(client.get(f"{V1}/catalogue", {"agency": "nowhere"}), 422, "invalid")["message"]
    )
    assert_error(client.get(f"{V1}/catalogue", {"doc_type": "poem"}), 422, "invalid")
    assert_error(client.get(f"{V1}/catalogue/99999999999"), 422, "invalid")  # beyond any id
    assert_error(client.get(f"{V1}/catalogue/12345"), 404, "not_found")


def test_the_guide_of_an_agency(world, client):
    make_entry(world.a, "招生通知", status=Status.PUBLISHED, category="A01")
    world.a.office_phone = "0599-1234567"
    world.a.save()
    g = client.get(f"{V1}/agencies/t-a/guide").json()
    assert g["agency"]["code"] == "t-a" and g["total"] == 1
    assert {"label": "联系电话", "value": "0599-1234567"} in g["office"]
    assert any(c["code"] == "A01" and c["count"] == 1 for c in g["categories"])
    assert g["superior"]["code"] == "t-county"
    assert g["supervising_office"]["code"] == "t-office"
    assert g["reply_days"] == 20
    assert_error(client.get(f"{V1}/agencies/nowhere/guide"), 404, "not_found")


def test_published_reports_and_their_json(world, client, published):
    body = client.get(f"{V1}/reports").json()
    assert body["count"] == 1
    item = body["items"][0]
    assert (item["agency"], item["year"], item["versions"]) == ("t-a", 2024, 1)
    assert item["latest"]["number"] == 1 and len(item["latest"]["content_hash"]) == 64
    assert client.get(f"{V1}/reports", {"year": 2023}).json()["count"] == 0
    assert client.get(f"{V1}/reports", {"agency": "t-b"}).json()["count"] == 0

    detail = client.get(f"{V1}/reports/t-a/2024").json()
    version = published.versions.get(number=1)
    assert detail["report"] == version.data  # the stored JSON as published
    assert detail["report"]["schema"] == "gongkai.annual/1"
    assert detail["version"]["number"] == 1 and [v["number"] for v in detail["versions"]] == [1]
    assert client.get(f"{V1}/reports/t-a/2024", {"version": 1}).json()["report"] == version.data
    assert (
        "第2版"
        in assert_error(client.get(f"{V1}/reports/t-a/2024", {"version": 2}), 404, "not_found")["message"]
    )


def test_an_unpublished_report_is_not_shown(world, client):
    from gongkai.reports.testing import good_workspace

    good_workspace(world.b, 2024, world.clerk_b, signature=date(2025, 1, 10))  # a draft
    assert client.get(f"{V1}/reports").json()["count"] == 0
    assert_error(client.get(f"{V1}/reports/t-b/2024"), 404, "not_found")


def test_errors_speak_english_on_an_english_request(world, client):
    client.cookies["django_language"] = "en"
    body = client.get(f"{V1}/agencies/nowhere/guide").json()
    assert body["code"] == "not_found"
    assert body["message"] == "There is no agency with the code “nowhere”."
