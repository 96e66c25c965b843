"""Staff endpoints by token: scoped by gongkai.agencies.access (agency A's token never sees B's
data: 404), personal data always masked, every use recorded on the token."""

from datetime import date

import pytest

from gongkai.api.models import ApiToken
from gongkai.api.services import revoke_token
from gongkai.applications.testing import ADDRESS, PERSON_ID, PHONE, make_application
from gongkai.records.rules import Kind
from gongkai.records.testing import make_decision

from .conftest import bearer

pytestmark = pytest.mark.django_db
V1 = "/api/v1"


@pytest.fixture
def cases(world):
    return {
        "a": make_application(world.a, date(2026, 3, 2)),
        "b": make_application(world.b, date(2026, 3, 3)),
    }


@pytest.mark.parametrize(
    "path",
    [
        "/staff/agencies",
        "/staff/applications",
        "/staff/applications/1",
        "/staff/records/decisions",
        "/staff/reports/t-a/2024",
    ],
)
def test_staff_endpoints_need_a_token(world, client, path):
    for headers in ({}, bearer("gk_not-a-real-token"), {"HTTP_AUTHORIZATION": "Basic eDp5"}):
        response = client.get(V1 + path, **headers)
        assert response.status_code == 401, (path, headers)
        assert response.json()["code"] == "unauthorized"
        assert "令牌" in response.json()["message"]
        assert response["WWW-Authenticate"].startswith("Bearer")


def test_a_token_sees_its_users_agencies_only(world, client, token_of, cases):
    auth = bearer(token_of(world.clerk_a))
    agencies = client.get(f"{V1}/staff/agencies", **auth).json()
    assert [a["code"] for a in agencies["items"]] == ["t-a"]

    listed = client.get(f"{V1}/staff/applications", **auth).json()
    assert [x["tracking_no"] for x in listed["items"]] == [cases["a"].tracking_no]

    # another agency's data: 404 whether asked by id or by agency (its existence is not revealed)
    response = client.get(f"{V1}/staff/applications/{cases['b'].pk}", **auth)
    assert response.status_code == 404 and response.json()["code"] == "not_found"
    for path in (
        "/staff/applications?agency=t-b",
        "/staff/records/decisions?agency=t-b",
        "/staff/reports/t-b/2024",
    ):
        assert client.get(V1 + path, **auth).status_code == 404, path
    assert client.get(f"{V1}/staff/applications/{cases['a'].pk}", **auth).status_code == 200


@pytest.mark.parametrize("who", ["stranger", "clerk_b", "admin_b", "outside_supervisor"])
def test_strangers_of_a_never_see_its_applications(world, client, token_of, cases, who):
    auth = bearer(token_of(getattr(world, who)))
    assert client.get(f"{V1}/staff/applications/{cases['a'].pk}", **auth).status_code == 404
    listed = client.get(f"{V1}/staff/applications", {"limit": 100}, **auth).json()["items"]
    assert cases["a"].tracking_no not in [x["tracking_no"] for x in listed]


def test_a_supervisor_reads_the_agencies_under_it(world, client, token_of, cases):
    auth = bearer(token_of(world.supervisor))
    listed = client.get(f"{V1}/staff/applications", **auth).json()
    assert {x["agency"] for x in listed["items"]} == {"t-a", "t-b"}
    assert client.get(f"{V1}/staff/applications", {"agency": "t-other-dept"}, **auth).status_code == 404


def test_personal_data_is_masked_everywhere(world, client, token_of, cases):
    auth = bearer(token_of(world.admin_a))  # even the role that handles it sees it masked here
    app = cases["a"]
    raw_list = client.get(f"{V1}/staff/applications", **auth).content.decode()
    raw_detail = client.get(f"{V1}/staff/applications/{app.pk}", **auth).content.decode()
    for raw in (raw_list, raw_detail):
        assert PERSON_ID not in raw and PHONE not in raw and ADDRESS not in raw
        assert "wjh@example.com" not in raw
    detail = client.get(f"{V1}/staff/applications/{app.pk}", **auth).json()
    assert detail["id_number_masked"] == app.id_number_masked == PERSON_ID[:2] + "*" * 13 + PERSON_ID[-3:]
    assert detail["phone_masked"] == "139****5678"
    assert detail["email_masked"] == "w***@example.com"
    assert detail["address_masked"].startswith(ADDRESS[:6]) and detail["address_masked"].endswith("****")
    assert detail["state"] == app.state and detail["received_on"] == "2026-03-02"


def test_application_filters(world, client, token_of, cases):
    auth = bearer(token_of(world.supervisor))
    got = client.get(f"{V1}/staff/applications", {"received_from": "2026-03-03"}, **auth).json()
    assert [x["agency"] for x in got["items"]] == ["t-b"]
    assert client.get(f"{V1}/staff/applications", {"state": "closed"}, **auth).json()["count"] == 0
    assert client.get(f"{V1}/staff/applications", {"state": "nonsense"}, **auth).status_code == 422


def test_records_decisions(world, client, token_of):
    mine = make_decision(world.a, Kind.PENALTY, date(2024, 5, 6), summary="罚款")
    make_decision(world.a, Kind.LICENSING, date(2023, 5, 6))
    make_decision(world.b, Kind.PENALTY, date(2024, 5, 6))
    auth = bearer(token_of(world.clerk_a))
    got = client.get(f"{V1}/staff/records/decisions", {"year": 2024}, **auth).json()
    assert got["count"] == 1
    (item,) = got["items"]
    assert item["number"] == mine.number and item["kind"] == "admin_penalty" and item["agency"] == "t-a"
    assert item["kind_label"] == "行政处罚"
    assert (
        client.get(f"{V1}/staff/records/decisions", {"kind": "admin_licensing"}, **auth).json()["count"] == 1
    )


def test_the_report_workspace(world, client, token_of, published):
    auth = bearer(token_of(world.reviewer_a))
    got = client.get(f"{V1}/staff/reports/t-a/2024", **auth).json()
    assert got["status"] == "published" and got["versions"] == 1
    assert got["report"]["schema"] == "gongkai.annual/1"
    assert got["report"]["agency"]["name"] == "示例县教育局"
    assert isinstance(got["findings"], list)
    assert all({"code", "severity", "message", "cells"} <= set(f) for f in got["findings"])

    fresh = client.get(f"{V1}/staff/reports/t-a/2023", **auth).json()
    assert fresh["status"] == "not_started" and fresh["versions"] == 0
    assert fresh["report"]["year"] == 2023
    assert client.get(f"{V1}/staff/reports/t-a/2100", **auth).status_code == 404  # a future year


def test_every_use_is_recorded_and_a_revoked_token_stops_working(world, client, token_of):
    raw = token_of(world.clerk_a)
    token = ApiToken.objects.get(user=world.clerk_a)
    assert token.last_used_at is None and token.token_hash != raw and raw not in token.token_hash
    assert client.get(f"{V1}/staff/agencies", **bearer(raw)).status_code == 200
    token.refresh_from_db()
    assert token.last_used_at is not None

    revoke_token(world.clerk_a, token)
    assert client.get(f"{V1}/staff/agencies", **bearer(raw)).status_code == 401


def test_an_inactive_users_token_stops_working(world, client, token_of):
    raw = token_of(world.clerk_a)
    world.clerk_a.is_active = False
    world.clerk_a.save()
    assert client.get(f"{V1}/staff/agencies", **bearer(raw)).status_code == 401


def test_the_api_is_read_only(world, client, token_of, cases):
    auth = bearer(token_of(world.admin_a))
    for method in ("post", "put", "patch", "delete"):
        response = getattr(client, method)(f"{V1}/staff/applications/{cases['a'].pk}", **auth)
        assert response.status_code == 405, method
