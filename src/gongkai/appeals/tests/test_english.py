"""The appeals pages in English (language cookie "en") and in Chinese by default; the English catalogue
is complete. The report format's own words (table 四's rows and columns, from gongkai.annual) stay
in Chinese."""

from datetime import date

import pytest
from django.urls import reverse
from django.utils import translation

from gongkai.annual.layout import LAYOUT_2021
from gongkai.appeals import services
from gongkai.appeals.models import Appeal
from gongkai.appeals.rules import Kind
from gongkai.appeals.services import AppealError
from gongkai.appeals.testing import make_appeal
from gongkai.events.models import Event
from gongkai.testing import assert_not_shown, assert_shown
from gongkai.workdays import WorkCalendar


def _url(name, world, **kw):
    return reverse(f"appeals:{name}", kwargs={"agency_code": world.a.code, **kw})


@pytest.fixture
def en(world, client):
    client.cookies["django_language"] = "en"
    client.force_login(world.clerk_a)
    return client


def test_list_in_english(world, en):
    make_appeal(world.a, received_on=date(2024, 3, 1), case_number="示复1号")
    make_appeal(
        world.a,
        Kind.LITIGATION_DIRECT,
        received_on=date(2024, 3, 1),
        case_number="示行初1号",
        decision="court_reject_claim",
        decided_on=date(2024, 6, 1),
    )
    body = en.get(_url("list", world)).content.decode()
    assert '<html lang="en">' in body
    assert_shown(
        body,
        "Administrative reconsideration and litigation cases",
        "Register a case",
        "Annual report, table IV",
        "Case number",
        "Reconsideration body or court",
        "Reply (defence) deadline",
        "Administrative reconsideration",
        "Administrative litigation (suit filed directly, without reconsideration)",
        "Registered",
        "Concluded",
        "Judgment rejecting the claims",
        "示复1号",
    )
    assert_not_shown(
        body, "行政复议", "行政诉讼", "登记案件", "案号", "已登记", "已审结", "判决驳回诉讼请求", "清除条件"
    )


def test_detail_and_actions_in_english(world, en):
    appeal = make_appeal(world.a, received_on=date(2024, 3, 1), case_number="示复1号")
    body = en.get(_url("detail", world, pk=appeal.pk)).content.decode()
    assert_shown(
        body,
        "Reconsideration body or people's court",  # {% translate %} does not escape
        "Written reply deadline",
        "2024-03-15 (Administrative Reconsideration Law, Art. 48 and Art. 88(2): 10 working days)",
        "Overdue",
        "Pending",  # its table-四 column today
        "Record the reply (statement of defence)",
        "Record the outcome",
        "Upheld (Administrative Reconsideration Law, Art. 68; counted as “Upheld”)",
        "Record a withdrawal",
        "Event log",
    )
    assert_not_shown(
        body, "书面答复", "行政复议法", "工作日", "逾期", "尚未审结", "登记审理结果", "结果维持", "操作记录"
    )

    response = en.post(_url("answer", world, pk=appeal.pk), {"answered_on": "2024-03-08"}, follow=True)
    body = response.content.decode()
    assert_shown(body, "Reply (statement of defence) recorded.", "Reply/defence filed")
    assert_not_shown(body, "已登记答复", "已答复/答辩")
    # The event log keeps the source language, whatever the page's.
    assert Event.objects.get(action="appeals.appeal.answer").subject_label == "示复1号（行政复议）"
    with translation.override("en"):
        assert str(Appeal.objects.get(pk=appeal.pk)) == "示复1号（行政复议）"

    body = en.post(
        _url("decision", world, pk=appeal.pk), {"decision": "recon_uphold", "decided_on": "2024-02-01"}
    ).content.decode()
    assert_shown(body, "Date concluded cannot be earlier than Date copy received (2024-03-01).")
    assert_not_shown(body, "不能早于")


def test_form_in_english(world, en):
    body = en.get(_url("create", world)).content.decode()
    assert_shown(
        body,
        "Register a case",
        "Reconsideration body or people&#x27;s court",  # a form label is escaped
        "Applicant or plaintiff",
        "Simplified procedure applies",
        "Date the copy of the application or complaint was received",
        "Tracking number of the related request",
        "The period for the reply (statement of defence) runs from the day after the copy is received.",
    )
    assert_not_shown(body, "复议机关或人民法院", "适用简易程序", "收到申请书副本", "保存", "取消")

    data = {
        "kind": "reconsideration",
        "body": "示例县人民政府",
        "case_number": "示复1号",
        "received_on": "2024-03-01",
        "review_body_co_defendant": "on",
        "application": "NOPE-1",
    }
    body = en.post(_url("create", world), data).content.decode()
    assert_shown(body, "This agency has no request with tracking number “NOPE-1”.")
    del data["application"]
    body = en.post(_url("create", world), data).content.decode()
    assert_shown(
        body, "The reconsideration body can only be a co-defendant in a suit filed after reconsideration."
    )
    assert_not_shown(body, "只有复议后起诉")
    del data["review_body_co_defendant"]
    response = en.post(_url("create", world), data, follow=True)
    assert_shown(response.content.decode(), "Case 示复1号 registered.")


def test_table_four_in_english_keeps_the_report_format_words(world, en):
    make_appeal(world.a, received_on=date(2024, 3, 1), decision="recon_revoke", decided_on=date(2024, 4, 1))
    body = en.get(_url("table_four", world, year=2024)).content.decode()
    grid = LAYOUT_2021.review_litigation
    assert_shown(
        body,
        "Administrative reconsideration and litigation concerning government information disclosure",
        "Scope: cases received by 31 December 2024 and not concluded before 1 January 2024",
        "Click a number to see its cases.",
        grid.column("upheld").label,
        grid.row("reconsideration").text,
    )
    assert_not_shown(body, "统计范围", "年12月31日前收到", "点击数字")

    drill = en.get(_url("table_four_drill", world, year=2024, row="reconsideration", column="corrected"))
    body = drill.content.decode()
    assert_shown(
        body,
        "Administrative reconsideration: cases whose result as of 31 December 2024 is “Corrected”",
        "(Administrative reconsideration)",
        "Concluded; Revoked (a new act may be ordered) (2024-04-01)",
        "Back to table IV",
    )
    assert_not_shown(body, "截至", "结果为", "已审结", "返回表四")


def test_refusals_and_missing_calendar_in_english(world):
    appeal = make_appeal(
        world.a, received_on=date(2024, 3, 1), decision="recon_uphold", decided_on=date(2024, 4, 1)
    )
    with translation.override("en"), pytest.raises(AppealError) as refused:
        services.record_answer(world.clerk_a, appeal, date(2024, 3, 8))
    assert refused.value.message == (
        "This case is at stage “Concluded”: “Record the reply/defence” is possible only for cases at stage "
        "Registered."
    )
    with translation.override("zh-hans"), pytest.raises(AppealError) as refused:
        services.record_withdrawal(world.clerk_a, appeal, date(2024, 3, 8))
    assert refused.value.message == "案件当前为“已审结”，不能登记撤回（仅限已登记、已答复/答辩的案件）"
    with translation.override("en"), pytest.raises(AppealError) as refused:
        services.record_withdrawal(world.clerk_a, appeal, date(2024, 3, 8))
    assert "only for cases at stage Registered, Reply/defence filed." in refused.value.message

    empty = WorkCalendar([], [], [])
    with translation.override("zh-hans"):
        missing = services.answer_status(appeal, calendar=empty)["missing"]
    assert missing == "2024年的节假日安排尚未录入，无法计算期限"
    with translation.override("en"):
        missing = services.answer_status(appeal, calendar=empty)["missing"]
    assert (
        missing
        == "The holiday arrangement for 2024 has not been entered yet: the deadline cannot be computed"
    )


def test_chinese_by_default(world, client):
    appeal = make_appeal(world.a, received_on=date(2024, 3, 1))
    client.force_login(world.clerk_a)
    body = client.get(_url("list", world)).content.decode()
    assert '<html lang="zh-Hans">' in body
    assert_shown(body, "行政复议和行政诉讼案件", "登记案件", "案号", "行政复议", "已登记")
    assert_not_shown(body, "Register a case", "Case number", "Administrative reconsideration")
    body = client.get(_url("detail", world, pk=appeal.pk)).content.decode()
    assert_shown(body, "书面答复期限", "行政复议法第四十八条、第八十八条第二款：10个工作日", "尚未审结")
    assert_not_shown(body, "Written reply", "working days")
