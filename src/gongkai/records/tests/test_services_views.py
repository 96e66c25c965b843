"""Entering decisions, yearly totals and fees one by one: Chinese errors, nothing half-saved, the log."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from gongkai.events.models import Event
from gongkai.records import services
from gongkai.records.models import Decision, FeeCollection, YearlyTotal
from gongkai.records.rules import Kind
from gongkai.records.services import RecordsError
from gongkai.records.testing import make_decision


def _url(name, world, **kw):
    return reverse(f"records:{name}", kwargs={"agency_code": world.a.code, **kw})


def test_decision_create_update_delete_are_logged(world):
    d = services.create_decision(
        world.clerk_a, world.a, kind=Kind.PENALTY, number=" 示罚1号 ", decided_on=date(2024, 5, 1)
    )
    assert d.number == "示罚1号"
    services.update_decision(world.clerk_a, d, summary="罚款")
    services.delete_decision(world.clerk_a, d)
    actions = list(
        Event.objects.filter(action__startswith="records.").order_by("id").values_list("action", flat=True)
    )
    assert actions == ["records.decision.create", "records.decision.update", "records.decision.delete"]
    assert not Decision.objects.exists()


@pytest.mark.parametrize(
    ("fields", "field", "words"),
    [
        ({"number": ""}, "number", "请填写决定文号"),
        ({"decided_on": date(2008, 4, 30)}, "decided_on", "日期须在2008-05-01至"),
        ({"decided_on": None}, "decided_on", "请填写决定日期"),
        ({"kind": "admin_other"}, "kind", "请选择类别"),
        ({"number": "示许1号"}, "number", "本机构已有文号为“示许1号”的行政许可决定"),
    ],
)
def test_decision_bad_input(world, fields, field, words):
    make_decision(world.a, Kind.LICENSING, number="示许1号")
    data = {"kind": Kind.LICENSING, "number": "示许2号", "decided_on": date(2024, 5, 1)} | fields
    with pytest.raises(RecordsError) as refused:
        services.create_decision(world.clerk_a, world.a, **data)
    assert refused.value.field == field and words in refused.value.message
    assert Decision.objects.count() == 1
    assert not Event.objects.filter(action__startswith="records.").exists()


def test_future_decision_is_refused(world):
    with pytest.raises(RecordsError, match="日期须在"):
        services.create_decision(
            world.clerk_a,
            world.a,
            kind=Kind.LICENSING,
            number="1",
            decided_on=timezone.localdate() + timedelta(days=1),
        )


def test_yearly_total_is_set_then_replaced(world):
    services.set_yearly_total(world.clerk_a, world.a, 2024, Kind.PENALTY, 10, "平台")
    services.set_yearly_total(world.clerk_a, world.a, 2024, Kind.PENALTY, 12, "平台（更正）")
    total = YearlyTotal.objects.get()
    assert total.count == 12
    event = Event.objects.filter(action="records.total.set").order_by("id").last()
    assert event.before["count"] == 10 and event.after["count"] == 12
    with pytest.raises(RecordsError, match="年度须在"):
        services.set_yearly_total(world.clerk_a, world.a, 2007, Kind.PENALTY, 1)
    with pytest.raises(RecordsError, match="不小于0"):
        services.set_yearly_total(world.clerk_a, world.a, 2024, Kind.PENALTY, -1)


def test_fees_in_yuan_with_at_most_fen(world):
    fee = services.save_fee(
        world.clerk_a, world.a, year=2024, item="不动产登记费", amount_yuan=Decimal("123456")
    )
    assert fee.amount_wan == Decimal("12.3456")
    for amount, words in [
        (Decimal("-1"), "负数"),
        (Decimal("1.001"), "两位小数"),
        ("abc", "数字"),
        (Decimal("1e12"), "过大"),
    ]:
        with pytest.raises(RecordsError, match=words):
            services.save_fee(world.clerk_a, world.a, year=2024, item="工本费", amount_yuan=amount)
    with pytest.raises(RecordsError, match="已有收费项目"):
        services.save_fee(world.clerk_a, world.a, year=2024, item="不动产登记费", amount_yuan=Decimal("1"))
    services.save_fee(world.clerk_a, world.a, fee=fee, amount_yuan=Decimal("100"))
    fee.refresh_from_db()
    assert fee.amount_yuan == Decimal("100.00") and FeeCollection.objects.count() == 1


def test_readers_cannot_change(world):
    with pytest.raises(RecordsError, match="权限"):
        services.create_decision(
            world.supervisor, world.a, kind=Kind.LICENSING, number="1", decided_on=date(2024, 5, 1)
        )


# ---------------------------------------------------------------- pages


def test_decision_form_errors_are_chinese(world, client):
    client.force_login(world.clerk_a)
    body = client.post(
        _url("decision_create", world), {"kind": "admin_licensing", "decided_on": "2024-13-01"}
    ).content.decode()
    assert "这个字段是必填项。" in body and "输入一个有效的日期。" in body
    make_decision(world.a, Kind.LICENSING, number="示许1号")
    body = client.post(
        _url("decision_create", world),
        {"kind": "admin_licensing", "number": "示许1号", "decided_on": "2024-05-01"},
    ).content.decode()
    assert "本机构已有文号为“示许1号”的行政许可决定。" in body
    assert Decision.objects.count() == 1


def test_fee_page_shows_wan_yuan_exactly(world, client):
    client.force_login(world.clerk_a)
    assert (
        client.post(
            _url("fees", world), {"year": 2024, "item": "工本费", "amount_yuan": "123456"}
        ).status_code
        == 302
    )
    body = client.get(_url("fees", world)).content.decode()
    assert "12.3456" in body and "123456.00" in body
    bad = client.post(_url("fees", world), {"year": 2024, "item": "证书费", "amount_yuan": "1.234"})
    assert bad.status_code == 400 and "确认小数不超过 2 位" in bad.content.decode()


def test_totals_page_and_table_two_say_which_source(world, client):
    make_decision(world.a, Kind.PENALTY, date(2024, 5, 1))
    client.force_login(world.clerk_a)
    response = client.post(
        _url("totals", world), {"year": 2024, "kind": "admin_penalty", "count": 40, "source": "平台"}
    )
    assert response.status_code == 302
    table = client.get(_url("table_two", world, year=2024)).content.decode()
    assert "年度数量" in table and ">40<" in table
    drill = client.get(
        _url("table_two_drill", world, year=2024, grid="art20_6", row="admin_penalty", column="decisions")
    )
    assert "采用本机构填报的2024年行政处罚年度处理决定数量" in drill.content.decode()
    decisions = client.get(_url("decisions", world), {"year": 2024}).content.decode()
    assert "采用年度数量，不逐件统计" in decisions


def test_supervisor_reads_but_cannot_post(world, client):
    client.force_login(world.supervisor)
    assert client.get(_url("table_two", world, year=2024)).status_code == 200
    assert client.get(_url("fees", world)).status_code == 200
    assert (
        client.post(_url("fees", world), {"year": 2024, "item": "x", "amount_yuan": "1"}).status_code == 403
    )
    assert client.get(_url("import_upload", world)).status_code == 403
    assert not FeeCollection.objects.exists()


def test_index_redirects_a_single_agency_user(world, client):
    client.force_login(world.clerk_a)
    assert client.get(reverse("records:index"))["Location"] == _url("decisions", world)
    client.force_login(world.supervisor)
    body = client.get(reverse("records:index")).content.decode()
    assert world.a.name in body and world.other_dept.name not in body
