"""Disclosure on request in English (language cookie "en"): the staff workbench and pages, the public
form and tracking, and the messages built by the workflow, the clock and the checks; Chinese stays
the default. The letters (告知书) are Chinese legal documents and stay Chinese, as do the law's own
words used as data (the 答复 types of 第三十六条, the rows and columns of table 三). The English
catalogue (django.po) is complete and compiled."""

import re
from datetime import date

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from gongkai.applications import services
from gongkai.applications.clock import ClockError, ClockEvent, EventKind, compute_clock
from gongkai.applications.testing import PERSON_ID, applicant, make_application, submitted_on
from gongkai.applications.validators import InvalidValue, validate_id_number, validate_phone
from gongkai.applications.workflow import State, TransitionRefused, fire
from gongkai.testing import assert_not_shown, assert_shown

RECEIVED = date(2026, 3, 2)  # a fixed day: deadlines from today may fall into a year without calendar data


def _staff(name, world, *args):
    return reverse(f"applications:{name}", args=[world.a.code, *args])


@pytest.fixture
def en(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


@pytest.fixture
def waiting_for_correction(world):
    app = make_application(world.a, RECEIVED)
    return services.request_correction(world.clerk_a, app, "请写明文件的文号", on=date(2026, 3, 3))


def _form(**over):
    data = {
        "applicant_type": "natural_person",
        "name": "王建华",
        "id_type": "resident_id",
        "id_number": PERSON_ID,
        "phone": "13912345678",
        "email": "wjh@example.com",
        "description": "2025年示例县义务教育阶段学校布局调整方案",
        "delivery_form": "electronic",
        "delivery_channel": "email",
        "token": "tok-en",
    }
    data.update(over)
    return data


# ---------------------------------------------------------------- staff pages


def test_workbench_in_english(world, en, waiting_for_correction):
    make_application(world.a, RECEIVED, applicant_type="org_research", id_type="uscc", id_number=_uscc())
    en.force_login(world.clerk_a)
    body = en.get(_staff("workbench", world), {"view": "all"}).content.decode()
    assert '<html lang="en">' in body
    assert_shown(
        body,
        "Requests · 示例县教育局",
        "Register a request",
        "Letter templates",
        "Working-day calendar",
        "In progress (",
        "My queue (",
        "Awaiting confirmation of receipt (",
        "Tracking number",
        "Applicant type",
        "Next deadline",
        "Handled by",
        "Natural person",
        "Legal person or other organisation: Research institution",
        "Awaiting correction",
        "In progress",
        "Filter",
        "王建华",  # the data stays as entered
    )
    assert_not_shown(body, "申请工作台", "办理中", "待补正", "自然人", "科研机构", "申请编号", "承办人", "（")
    assert re.search(r"\d+ working days (left|overdue)|Due today", body)


def test_detail_and_actions_in_english(world, en, waiting_for_correction):
    app = waiting_for_correction
    en.force_login(world.clerk_a)
    body = en.get(_staff("detail", world, app.pk)).content.decode()
    assert_shown(
        body,
        "Request " + app.tracking_no,
        "Awaiting correction",
        "Deadlines",
        "Applicant&#x27;s correction deadline",  # a variable translated by {% translate %} is escaped
        "Date received: 2026-03-02 (In person)",
        "Natural person",
        "Resident identity card",
        "Personal data is shown in full only on this page",
        "Information sought",
        "Form: Electronic",
        "Delivery: E-mail",
        "To be corrected: 请写明文件的文号 (deadline 2026-03-24)",
        "Letters",
        "政府信息公开申请补正告知书",  # the letter itself stays Chinese
        "Download Word",
        "Handling",
        "Record the correction",
        "Withdrawal by the applicant",
        "Merge a duplicate request",
        "History",
        "Request correction",
    )
    assert_not_shown(
        body,
        "申请人补正期限",
        "收到申请日期",
        "当面提交",
        "居民身份证",
        "提供形式",
        "补正事项",
        "收到补正材料",
        "申请人撤回申请",
        "办理记录",
        "告知补正",
    )

    url = _staff("act", world, app.pk, "receive_correction")
    data = {"receive_correction-on": "2026-03-05", "receive_correction-text": "示教发〔2025〕3号"}
    body = en.post(url, data, follow=True).content.decode()
    assert_shown(body, "Done: Record the correction.", "In progress", "Reply deadline")
    assert_shown(body, "Correction received: 示教发〔2025〕3号")
    url = _staff("act", world, app.pk, "grant_extension")
    data = {
        "grant_extension-days": "10",
        "grant_extension-reason": "材料较多",
        "grant_extension-on": "2026-03-06",
    }
    body = en.post(url, data, follow=True).content.decode()
    assert_shown(
        body,
        "Not possible in “In progress” (Extend the reply deadline): Extending the reply deadline needs "
        "the approval of the head of the disclosure office (Article 33 of the Regulations)",
    )
    assert_not_shown(body, "延长答复期限须经")


def test_register_templates_and_calendar_in_english(world, en):
    en.force_login(world.clerk_a)
    body = en.get(_staff("create", world)).content.decode()
    assert_shown(
        body,
        "Register a request",
        "Requests made by letter, in person, by fax, by e-mail or orally are registered by staff",
        "Channel",
        ">In person<",
        ">Registered mail or courier (signed for)<",
        "Record of an oral request",
        ">Register<",
    )
    assert_not_shown(body, "登记申请", ">当面提交<", "口头申请记录", ">登记<")
    body = en.post(_staff("create", world), _form(channel="oral", received_on="2026-03-02")).content.decode()
    assert_shown(
        body, "For a request made orally, record what the applicant said and have the applicant confirm it"
    )

    en.force_login(world.admin_a)
    body = en.get(_staff("template_list", world)).content.decode()
    assert_shown(
        body,
        "Letter templates",
        "Correction notice",
        "Extension notice",
        "Consultation letter (third party)",
        "Fee notice",
        "Reply: 第三十六条第（一）项 已经主动公开的",  # the law's own words stay
    )
    assert_not_shown(body, ">补正告知书<", ">收费通知书<", "答复书：")
    url = reverse("applications:template_edit", args=[world.a.code, "correction"])
    body = en.get(url).content.decode()
    assert_shown(
        body, "Placeholders you can use: ${agency_name} (Agency name), ${office_name} (Disclosure office)"
    )
    assert_shown(body, "Restore the default", "政府信息公开申请补正告知书")
    assert_not_shown(body, "可用占位符", "（机关名称）")
    body = en.post(url, {"title": "补正告知书", "body": "${applicant_name} ${os} ${x}"}).content.decode()
    assert_shown(body, "The template has unknown placeholders: ${os}, ${x}")

    en.force_login(world.superuser)
    body = en.get(reverse("workdays:calendar"), {"year": 2026}).content.decode()
    assert_shown(
        body, "Working-day calendar", "Public holiday (day off)", "Add or change a day", "Import a year"
    )
    assert_not_shown(body, "法定节假日（休息）", "增加或修改一天")
    data = {"op": "import", "import-source": "X", "import-text": "2027-13-01,holiday\nabc"}
    body = en.post(reverse("workdays:calendar"), data).content.decode()
    assert_shown(body, "Line 1 has an invalid date: “2027-13-01,holiday”; Line 2 is not recognised: “abc”")


# ---------------------------------------------------------------- public pages


def test_public_form_in_english(world, en):
    url = reverse("apply:form", args=[world.a.code])
    body = en.get(url).content.decode()
    assert_shown(
        body,
        "Request government information from 示例县教育局",
        ">Natural person<",
        ">Legal person or other organisation: Business<",
        ">Resident identity card<",
        ">Passport<",
        ">Paper<",
        "Submit request",
    )
    assert_not_shown(
        body, "自然人", "法人或其他组织", "居民身份证", "护照", "纸质文本", "提交申请", "、", "（"
    )
    body = en.post(url, _form(id_number="110105194912310020", phone="12345")).content.decode()
    assert_shown(
        body,
        "The check character of the Resident identity card number is wrong; please check the number and "
        "enter it again",
    )
    body = en.post(url, _form(phone="12345")).content.decode()
    assert_shown(
        body,
        "Please enter a valid mobile number, or a landline number with its area code (e.g. 010-62345678)",
    )
    body = en.post(url, _form(applicant_type="org_commercial")).content.decode()
    assert_shown(
        body, "An organisation must give its unified social credit code or another proof of its identity"
    )
    assert_not_shown(body, "法人或其他组织请填写")
    response = en.post(url, _form(), follow=True)
    assert_shown(response.content.decode(), "Request submitted", "Query code")


def test_tracking_in_english(world, en):
    intake = services.submit_online(world.a, applicant())
    app = services.confirm_receipt(world.clerk_a, submitted_on(intake.application, RECEIVED), RECEIVED)
    body = en.get(reverse("apply:track")).content.decode()
    assert_shown(body, "Track a request", "Tracking number", "Query code", "Look up")
    body = en.post(
        reverse("apply:track"), {"tracking_no": app.tracking_no, "code": "AAAA2222"}
    ).content.decode()
    assert_shown(body, "The tracking number or query code is not correct.")
    body = en.post(reverse("apply:track"), {"tracking_no": app.tracking_no, "code": intake.query_code})
    body = body.content.decode()
    assert_shown(body, "Progress", "Agency", "Date received", "In progress", "Reply deadline", "2026-03-30")
    assert_not_shown(body, "办理进度", "受理机关", "收到申请日期", "办理中", "答复期限")

    services.request_correction(world.clerk_a, app, "请写明文件的文号", on=date(2026, 3, 3))
    world.a.office_phone = "0599-1234567"  # the contact line shows when the agency has one
    world.a.save()
    body = en.post(reverse("apply:track"), {"tracking_no": app.tracking_no, "code": intake.query_code})
    body = body.content.decode()
    assert_shown(
        body, "Awaiting correction", "Please correct your request", "Applicant&#x27;s correction deadline"
    )
    assert_shown(body, "Contact: ", "Letters the agency sent you")
    assert_not_shown(body, "待补正", "需要您补正", "联系方式")


def test_chinese_stays_the_default(world, client, waiting_for_correction):
    client.force_login(world.clerk_a)
    body = client.get(_staff("workbench", world), {"view": "all"}).content.decode()
    assert '<html lang="zh-Hans">' in body
    assert_shown(body, "申请工作台", "待补正", "自然人", "办理中（")
    assert_not_shown(body, "Requests", "Awaiting correction", "Natural person")
    body = client.get(_staff("detail", world, waiting_for_correction.pk)).content.decode()
    assert_shown(
        body,
        "收到申请日期：2026-03-02（当面提交）",
        "申请人补正期限",
        "补正事项：请写明文件的文号（期限 2026-03-24）",
    )
    assert_shown(body, "收到补正材料", "居民身份证")
    assert_not_shown(body, "Date received", "Record the correction")
    client.logout()
    body = client.get(reverse("apply:form", args=[world.a.code])).content.decode()
    assert_shown(body, "提交申请", ">自然人<", ">法人或其他组织·商业企业<", ">居民身份证<")
    assert_not_shown(body, "Submit request", "Natural person")


def test_messages_follow_the_language():
    with translation.override("en"), pytest.raises(TransitionRefused) as refused:
        fire(State.REPLIED, "request_correction")
    assert str(refused.value) == (
        "The request is “Replied”, so “Request correction” is not possible (it applies only to: In progress; "
        "possible now: Deliver)"
    )
    with pytest.raises(TransitionRefused) as refused:
        fire(State.REPLIED, "request_correction")
    assert (
        str(refused.value)
        == "申请处于“已答复”状态，不能“告知补正”（该操作仅适用于：办理中；当前可进行的操作：送达）"
    )

    events = [ClockEvent(EventKind.CORRECTION_REQUESTED, date(2026, 3, 3), until=date(2026, 3, 20))] * 2
    with translation.override("en"), pytest.raises(ClockError) as refused:
        compute_clock(RECEIVED, events)
    assert str(refused.value) == (
        "Correction may be requested only once (Article 30 of the Regulations); it cannot be requested again"
    )
    with translation.override("en"), pytest.raises(InvalidValue) as refused:
        validate_id_number("passport", " ")
    assert str(refused.value) == "Please enter the Passport number"
    with pytest.raises(InvalidValue) as refused:
        validate_phone("")
    assert str(refused.value) == "请填写联系电话"


def _uscc():
    from gongkai.applications.testing import uscc

    return uscc()
