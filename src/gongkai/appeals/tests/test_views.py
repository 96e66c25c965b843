"""Appeals pages: Chinese field errors, the stage actions, table 四 with drill-down, read-only supervisors."""

from datetime import date

from django.urls import reverse

from gongkai.appeals.models import Appeal
from gongkai.appeals.testing import make_appeal


def _url(name, world, **kw):
    return reverse(f"appeals:{name}", kwargs={"agency_code": world.a.code, **kw})


def test_index_lists_only_own_agencies(world, client):
    client.force_login(world.supervisor)
    body = client.get(reverse("appeals:index")).content.decode()
    assert world.a.name in body and world.other_dept.name not in body
    client.force_login(world.clerk_a)
    assert client.get(reverse("appeals:index"))["Location"] == _url("list", world)


def test_create_shows_field_errors_in_chinese_and_saves_nothing(world, client):
    client.force_login(world.clerk_a)
    response = client.post(_url("create", world), {"kind": "reconsideration", "application": "NOPE-1"})
    body = response.content.decode()
    assert response.status_code == 200
    assert "这个字段是必填项。" in body  # Django's own message, in zh-hans
    assert "本机构没有编号为“NOPE-1”的申请。" in body
    assert not Appeal.objects.exists()


def test_create_service_error_lands_on_its_field(world, client):
    client.force_login(world.clerk_a)
    data = {
        "kind": "reconsideration",
        "body": "示例县人民政府",
        "case_number": "示复1号",
        "received_on": "2024-03-01",
        "review_body_co_defendant": "on",
    }
    body = client.post(_url("create", world), data).content.decode()
    assert "只有复议后起诉的案件才会出现复议机关作为共同被告的情形。" in body
    assert not Appeal.objects.exists()
    del data["review_body_co_defendant"]
    response = client.post(_url("create", world), data)
    appeal = Appeal.objects.get()
    assert response["Location"] == _url("detail", world, pk=appeal.pk)
    page = client.get(response["Location"]).content.decode()
    assert "示复1号" in page and "2024-03-15" in page  # 10 working days after 2024-03-01


def test_answer_decide_and_table_four(world, client):
    appeal = make_appeal(world.a, received_on=date(2024, 3, 1))
    client.force_login(world.clerk_a)
    assert client.post(_url("answer", world, pk=appeal.pk), {"answered_on": "2024-03-08"}).status_code == 302
    bad = client.post(
        _url("decision", world, pk=appeal.pk), {"decision": "court_revoke", "decided_on": "2024-04-01"}
    )
    assert bad.status_code == 400 and "选择一个有效的选项" in bad.content.decode()
    ok = client.post(
        _url("decision", world, pk=appeal.pk), {"decision": "recon_revoke", "decided_on": "2024-04-01"}
    )
    assert ok.status_code == 302
    appeal.refresh_from_db()
    assert appeal.stage == "decided" and appeal.decision == "recon_revoke"

    table = client.get(_url("table_four", world, year=2024)).content.decode()
    drill_url = _url("table_four_drill", world, year=2024, row="reconsideration", column="corrected")
    assert drill_url in table
    drill = client.get(drill_url).content.decode()
    assert appeal.case_number in drill
    assert client.get(_url("table_four_drill", world, year=2024, row="x", column="y")).status_code == 404
    assert client.get(_url("table_four", world, year=1999)).status_code == 404


def test_supervisor_reads_but_cannot_change(world, client):
    appeal = make_appeal(world.a)
    client.force_login(world.supervisor)
    assert client.get(_url("list", world)).status_code == 200
    assert client.get(_url("detail", world, pk=appeal.pk)).status_code == 200
    assert client.get(_url("create", world)).status_code == 403
    assert client.post(_url("answer", world, pk=appeal.pk), {"answered_on": "2024-03-08"}).status_code == 403
    appeal.refresh_from_db()
    assert appeal.stage == "registered"


def test_list_filters(world, client):
    make_appeal(world.a, received_on=date(2024, 3, 1), case_number="甲")
    make_appeal(world.a, "litigation_direct", received_on=date(2025, 3, 1), case_number="乙")
    client.force_login(world.clerk_a)
    body = client.get(_url("list", world), {"year": 2024}).content.decode()
    assert "甲" in body and "乙" not in body
