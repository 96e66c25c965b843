"""Entering and correcting one record by hand: the import's validators, per field, in Chinese;
a correction of a record already sent puts it back among those to send; the log keeps no ID numbers."""

from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone

from gongkai.credit import entry, services
from gongkai.credit.models import CreditRecord, PublicityState
from gongkai.credit.rules import Kind
from gongkai.credit.testing import AUTHORITY, PERSON_ID, make_record, uscc
from gongkai.events.models import Event


@pytest.fixture
def today(monkeypatch):
    day = date(2025, 12, 1)
    monkeypatch.setattr(timezone, "localdate", lambda *a: day)
    return day


def _cells(**overrides):
    cells = {
        "subject_name": "李明",
        "subject_category": "自然人",
        "id_type": "身份证",
        "id_no": PERSON_ID,
        "doc_no": "示公罚〔2025〕21号",
        "violation_type": "违反治安管理规定",
        "facts": "扰乱单位秩序。",
        "basis": "《中华人民共和国治安管理处罚法》第二十三条",
        "penalty_categories": "罚款",
        "content": "罚款二百元",
        "fine_wan": "0.02",
        "decided_on": "2025-09-26",
        "valid_to": "2026-09-25",
        "authority": "示例县公安局",
        "authority_code": AUTHORITY,
        "source_unit": "示例县公安局",
        "source_unit_code": AUTHORITY,
        "published_on": "",
    }
    return cells | overrides


def test_a_record_entered_by_hand_is_checked_like_an_imported_row(world, today):
    with pytest.raises(entry.RecordRefused) as refused:
        entry.save_record(
            world.clerk_a,
            world.a,
            Kind.PENALTY,
            _cells(decided_on="2025-13-40", authority_code="11239001MB0000009", fine_wan="", id_no=""),
        )
    errors = refused.value.errors
    assert "不是有效的日期" in errors["decided_on"][0]
    assert "GB 32100" in errors["authority_code"][0]
    assert "罚款金额" in errors["fine_wan"][0]
    assert "自然人须填写" in errors["id_no"][0]
    assert CreditRecord.objects.count() == 0
    rec, warnings = entry.save_record(world.clerk_a, world.a, Kind.PENALTY, _cells())
    assert rec.state == PublicityState.PENDING and rec.due_on == date(2025, 10, 13)
    assert rec.publicity_end == date(2028, 9, 26)  # 3 years from the decision
    assert "尚未公示" in rec.warnings[0]["message"] and warnings == []  # the lateness is the record's own
    with pytest.raises(entry.RecordRefused) as again:
        entry.save_record(world.clerk_a, world.a, Kind.PENALTY, _cells())
    assert "不能重复" in again.value.errors["doc_no"][0]
    event = Event.objects.get(action="credit.record.create")
    assert PERSON_ID not in str(event.after) and event.after["doc_no"] == "示公罚〔2025〕21号"


def test_a_correction_of_a_sent_record_is_to_be_sent_again(world, today):
    rec = make_record(world.a, doc_no="示许〔2025〕9号", licence_category="普通", content="食品经营许可")
    services.send_batch(world.clerk_a, services.create_batch(world.clerk_a, world.a), date(2025, 10, 1))
    rec.refresh_from_db()
    assert rec.submitted_on == date(2025, 10, 1)
    cells = entry.cells_of(rec) | {
        "doc_title": "准予食品经营许可决定书",
        "valid_from": "2025-09-26",
        "valid_to": "长期",
        "authority": "示例县市场监督管理局",
        "authority_code": AUTHORITY,
        "source_unit": "示例县市场监督管理局",
        "source_unit_code": AUTHORITY,
        "legal_rep": "王建华",
        "legal_rep_id_no": PERSON_ID,
    }
    rec, _warnings = entry.save_record(world.clerk_a, world.a, Kind.LICENCE, cells, rec)
    assert rec.long_term and rec.valid_to is None and rec.publicity_end is None
    assert rec.submitted_on is None and rec in services.unsent(world.a)
    event = Event.objects.get(action="credit.record.correct")
    assert event.after["authority"] == "示例县市场监督管理局" and event.after["个人信息"] == [
        "法定代表人证件号码"
    ]
    assert PERSON_ID not in str(event.after) + str(event.before)
    with pytest.raises(entry.RecordRefused) as cleared:
        entry.save_record(world.clerk_a, world.a, Kind.LICENCE, cells | {"published_on": ""}, rec)
    assert "撤回公示" in cleared.value.errors["published_on"][0]
    taken = make_record(world.a, doc_no="示许〔2025〕10号", uscc=uscc())
    with pytest.raises(entry.RecordRefused):
        entry.save_record(world.clerk_a, world.a, Kind.LICENCE, cells | {"doc_no": taken.doc_no}, rec)


def test_the_form_shows_each_message_beside_its_field(client, world, today):
    client.force_login(world.clerk_a)
    url = reverse("credit:record_new", args=[world.a.code, "penalty"])
    page = client.get(url).content.decode()
    assert "处罚决定日期" in page and "罚款金额（万元）" in page
    response = client.post(url, _cells(decided_on="明天"))
    html = response.content.decode()
    assert response.status_code == 200 and "“明天”不是日期" in html and "记录未保存" in html
    response = client.post(url, _cells())
    rec = CreditRecord.objects.get()
    assert response.status_code == 302 and response["Location"].endswith(f"/records/{rec.pk}/")
    edit = reverse("credit:record_edit", args=[world.a.code, rec.pk])
    assert edit in client.get(response["Location"]).content.decode()
    assert 'value="示公罚〔2025〕21号"' in client.get(edit).content.decode()
    response = client.post(edit, _cells(published_on="2025-10-09"))
    rec.refresh_from_db()
    assert rec.published_on == date(2025, 10, 9) and rec.state == PublicityState.ACTIVE


def test_the_form_is_for_writers_only(client, world):
    rec = make_record(world.a)
    client.force_login(world.supervisor)
    for url in (
        reverse("credit:record_new", args=[world.a.code, "licence"]),
        reverse("credit:record_edit", args=[world.a.code, rec.pk]),
    ):
        assert client.get(url).status_code in (403, 404)
