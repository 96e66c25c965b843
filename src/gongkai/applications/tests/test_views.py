"""Pages: public intake (validation, double submission), tracking, calculator; staff workbench,
detail, actions, letters, calendar; masking of personal data."""

import re
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from gongkai.applications import queries, services
from gongkai.applications.models import Application, Attachment
from gongkai.applications.testing import ADDRESS, PERSON_ID, PHONE, make_application, submitted_on
from gongkai.events.models import Event
from gongkai.workdays.models import HolidayCalendarDay
from gongkai.workdays.services import db_calendar

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def form_data(**over):
    data = {
        "applicant_type": "natural_person",
        "name": "王建华",
        "id_type": "resident_id",
        "id_number": PERSON_ID,
        "phone": PHONE,
        "email": "wjh@example.com",
        "address": ADDRESS,
        "postcode": "999001",
        "description": "2025年示例县义务教育阶段学校布局调整方案",
        "delivery_form": "electronic",
        "delivery_channel": "email",
        "token": "tok-1",
    }
    data.update(over)
    return data


def nothing_saved():
    return not Application.objects.exists() and not Attachment.objects.exists() and not Event.objects.exists()


@pytest.fixture
def url(world):
    return reverse("apply:form", args=[world.a.code])


def test_online_application_and_double_submission(client, url):
    page = client.get(url).content.decode()
    assert 'name="token"' in page
    r = client.post(url, form_data(attachments=SimpleUploadedFile("身份证.pdf", PDF)))
    assert r.status_code == 302 and r["Location"] == reverse("apply:done")
    done = client.get(r["Location"]).content.decode()
    app = Application.objects.get()
    code = re.search(r'id="query-code">([A-Z0-9]+)<', done).group(1)
    assert app.tracking_no in done and app.state == "submitted"
    assert app.attachments.get().kind == "pdf"
    # The same form posted again (double click, reload): still one application, the same number.
    r = client.post(url, form_data())
    assert r.status_code == 302 and Application.objects.count() == 1
    assert app.tracking_no in client.get(reverse("apply:done")).content.decode()
    assert queries.find_for_applicant(app.tracking_no, code) == app


@pytest.mark.parametrize(
    "over, field, message",
    [
        ({"id_number": "110105194912310020"}, "id_number", "校验码不正确"),
        ({"id_number": "11010519491231"}, "id_number", "应为18位"),
        ({"description": "   "}, "description", "这个字段是必填项|请填写"),
        ({"phone": "12345"}, "phone", "有效的手机号码"),
        ({"applicant_type": "org_commercial"}, "id_type", "统一社会信用代码"),
        (
            {"applicant_type": "org_commercial", "id_type": "uscc", "id_number": "91110108MA01ABCD10"},
            "id_number",
            "统一社会信用代码",
        ),
        ({"delivery_channel": "post", "address": ""}, "address", "通信地址"),
    ],
)
def test_bad_input_gives_field_errors_and_saves_nothing(client, url, over, field, message):
    r = client.post(url, form_data(**over))
    assert r.status_code == 200
    errors = r.context["form"].errors
    assert field in errors and re.search(message, " ".join(errors[field])), errors
    assert nothing_saved()


def test_oversize_and_wrong_type_attachments_are_refused(client, url, settings):
    settings.GONGKAI_APPLICATION_MAX_UPLOAD = 1024
    r = client.post(url, form_data(attachments=SimpleUploadedFile("a.pdf", PDF + b"0" * 2000)))
    assert "超过" in " ".join(r.context["form"].errors["attachments"])
    r = client.post(url, form_data(attachments=SimpleUploadedFile("a.pdf", b"MZ\x90\x00 not a pdf")))
    assert "不是允许的文件类型" in " ".join(r.context["form"].errors["attachments"])
    assert nothing_saved()


def test_tracking_shows_status_never_personal_data(client, world):
    intake = services.submit_online(world.a, services_applicant())
    # A fixed day, not today, so the deadline is the same whatever day the test runs.
    received = date(2026, 3, 2)
    app = services.confirm_receipt(world.clerk_a, submitted_on(intake.application, received), received)
    r = client.post(reverse("apply:track"), {"tracking_no": app.tracking_no, "code": intake.query_code})
    body = r.content.decode()
    assert "办理中" in body and app.tracking_no in body and "答复期限" in body
    for secret in (PERSON_ID, PHONE, ADDRESS, "王建华", "wjh@example.com"):
        assert secret not in body
    r = client.post(reverse("apply:track"), {"tracking_no": app.tracking_no, "code": "AAAA2222"})
    assert "申请编号或查询码不正确" in r.content.decode()


def services_applicant():
    from gongkai.applications.testing import applicant

    return applicant()


def test_calculator(client, db):
    r = client.get(reverse("apply:calculator"), {"start": "2024-02-08", "days": "20"})
    assert "2024-03-13" in r.content.decode()  # across the 2024 Spring Festival and its 调休 Sunday
    r = client.get(reverse("apply:calculator"), {"start": "2026-12-20", "days": "20"})
    body = r.content.decode()
    assert "2027-01-18" in body and "暂定" in body and "2027年的节假日安排尚未公布或录入" in body
    r = client.get(reverse("apply:calculator"), {"start": "2026-12-01", "days": "5"})
    assert "2026-12-08" in r.content.decode() and "暂定" not in r.content.decode()
    beyond = max(db_calendar().provisional_years) + 1  # never guessed: no provisional year that far
    r = client.get(reverse("apply:calculator"), {"start": f"{beyond}-06-01", "days": "20"})
    assert f"{beyond}年的节假日安排尚未录入，无法计算期限" in r.content.decode()


def test_lists_mask_and_detail_shows_to_the_handling_roles(client, world):
    app = make_application(world.a, date(2026, 3, 2))
    client.force_login(world.clerk_a)
    for view in ("open", "all", "overdue"):
        body = client.get(
            reverse("applications:workbench", args=[world.a.code]), {"view": view}
        ).content.decode()
        assert PERSON_ID not in body and PHONE not in body and ADDRESS not in body
    body = client.get(
        reverse("applications:workbench", args=[world.a.code]), {"view": "all"}
    ).content.decode()
    assert app.tracking_no in body
    detail = reverse("applications:detail", args=[world.a.code, app.pk])
    body = client.get(detail).content.decode()
    assert PERSON_ID in body and PHONE in body and ADDRESS in body
    assert Event.objects.filter(action="applications.view_personal", actor=world.clerk_a).exists()
    client.force_login(world.supervisor)  # reads, does not handle: masked
    body = client.get(detail).content.decode()
    assert PERSON_ID not in body and PHONE not in body and ADDRESS not in body
    assert "11*************" in body and "139****5678" in body


def test_search(client, world):
    a = make_application(world.a, date(2026, 3, 2), name="李秀英")
    b = make_application(world.a, date(2026, 3, 2), description="2024年道路养护经费预算")
    client.force_login(world.clerk_a)

    def page(q):
        return client.get(
            reverse("applications:workbench", args=[world.a.code]), {"view": "all", "q": q}
        ).content.decode()

    assert a.tracking_no in page("李秀英") and b.tracking_no not in page("李秀英")
    assert b.tracking_no in page("养护经费") and a.tracking_no not in page("养护经费")
    assert a.tracking_no in page(a.tracking_no)


def test_reply_without_outcome_is_refused_with_a_message(client, world):
    app = make_application(world.a, date(2026, 3, 2))
    client.force_login(world.clerk_a)
    url = reverse("applications:act", args=[world.a.code, app.pk, "reply"])
    r = client.post(url, {"reply-text": "答复", "reply-on": "2026-03-10"}, follow=True)
    assert "答复前须选择办理结果" in r.content.decode()
    app.refresh_from_db()
    assert app.state == "registered"
    r = client.post(
        url,
        {
            "reply-outcome": "r_open",
            "reply-reply_type": "art36_1",
            "reply-text": "见网站",
            "reply-on": "2026-03-10",
        },
        follow=True,
    )
    app.refresh_from_db()
    assert app.state == "replied"
    letter = app.letters.get()
    docx = client.get(reverse("applications:letter_download", args=[world.a.code, app.pk, letter.pk, "docx"]))
    assert docx["Content-Type"].startswith("application/vnd.openxmlformats") and docx.content[:2] == b"PK"
    pdf = client.get(reverse("applications:letter_download", args=[world.a.code, app.pk, letter.pk, "pdf"]))
    assert pdf.content.startswith(b"%PDF")


def test_staff_entry(client, world):
    client.force_login(world.clerk_a)
    url = reverse("applications:create", args=[world.a.code])
    r = client.post(url, form_data(channel="in_person", received_on="2026-03-02"))
    app = Application.objects.get()
    assert r.status_code == 302 and app.state == "registered" and app.received_on == date(2026, 3, 2)
    assert app.assignee == world.clerk_a
    r = client.post(url, form_data(channel="oral", received_on="2026-03-02", token="tok-2"))
    assert "口头" in " ".join(r.context["form"].errors["oral_record_note"])


def test_calendar_page_permissions_and_import(client, world):
    client.force_login(world.clerk_a)
    url = reverse("workdays:calendar")
    assert client.get(url, {"year": 2026}).status_code == 200
    assert client.post(url, {"op": "cover", "year-year": "2027"}).status_code == 403
    # A year not entered is shown with the statutory days it is counted on, marked 暂定.
    provisional = max(db_calendar().provisional_years)
    body = client.get(url, {"year": provisional}).content.decode()
    assert f"{provisional}（暂定）" in body and "按《全国年节及纪念日放假办法》推算的放假日（暂定）" in body
    assert f"{provisional}-10-01" in body and "国庆节" in body
    client.force_login(world.superuser)
    app = make_application(world.a, date(2026, 3, 2))
    r = client.post(
        url, {"op": "set", "day-date": "2026-03-16", "day-kind": "holiday", "day-source": "测试"}, follow=True
    )
    assert (
        app.tracking_no in r.content.decode()
        and HolidayCalendarDay.objects.filter(date=date(2026, 3, 16)).exists()
    )
    r = client.post(url, {"op": "import", "import-source": "X", "import-text": "2027-13-01,holiday"})
    assert "日期无效" in r.content.decode()
    r = client.post(
        url, {"op": "import", "import-source": "X", "import-text": "2027-01-01,holiday"}, follow=True
    )
    assert r.status_code == 200 and HolidayCalendarDay.objects.filter(date=date(2027, 1, 1)).exists()


def test_banner_when_the_calendar_runs_out(client, world, monkeypatch):
    monkeypatch.setattr("gongkai.workdays.services.coverage_gap", lambda *a, **k: 2027)
    client.force_login(world.clerk_a)
    body = client.get(reverse("applications:workbench", args=[world.a.code])).content.decode()
    assert body.count("工作日日历尚未录入2027年的节假日安排") == 1
    # base.html shows it on every staff page, not only the applications pages …
    for url in (reverse("staff:dashboard", args=[world.a.code]), reverse("catalogue:index")):
        page = client.get(url, follow=True).content.decode()
        assert "工作日日历尚未录入2027年的节假日安排" in page, url
    # … and never on the public portal.
    assert "工作日日历尚未录入" not in client.get(reverse("portal:home")).content.decode()


def test_template_edit_refuses_unknown_placeholders(client, world):
    client.force_login(world.admin_a)
    url = reverse("applications:template_edit", args=[world.a.code, "correction"])
    r = client.post(url, {"title": "补正告知书", "body": "${applicant_name} ${os.system}"})
    assert r.status_code == 200
    assert "占位符" in " ".join(r.context["form"].errors["body"])
    r = client.post(url, {"title": "补正告知书", "body": "${applicant_name}：请补正。"})
    assert r.status_code == 302
    client.force_login(world.clerk_a)
    assert client.get(url).status_code == 403


def test_table_three_page(client, world):
    make_application(world.a, date(2026, 3, 2))
    client.force_login(world.clerk_a)
    body = client.get(reverse("applications:table_three", args=[world.a.code, 2026])).content.decode()
    assert "勾稽关系检查通过" in body


def test_detail_shows_the_clock_status(client, world):
    app = make_application(world.a, date(2026, 3, 2))
    client.force_login(world.clerk_a)
    body = client.get(reverse("applications:detail", args=[world.a.code, app.pk])).content.decode()
    assert '<p class="muted">计时中' in body


def test_the_correction_help_text_follows_the_agency_setting(client, world):
    from gongkai.applications.numbering import settings_for

    app = make_application(world.a, date(2026, 3, 2))
    client.force_login(world.clerk_a)
    url = reverse("applications:detail", args=[world.a.code, app.pk])
    assert "默认15个工作日（本机关的设置）" in client.get(url).content.decode()  # the law module's default
    own = settings_for(world.a)
    own.correction_days = 10
    own.save()
    body = client.get(url).content.decode()
    assert "默认10个工作日（本机关的设置）" in body and "默认15个工作日" not in body


def test_a_deadline_in_a_year_not_entered_is_marked_provisional(client, world):
    provisional = make_application(world.a, date(2026, 12, 4))  # due 2027-01-04: counted provisionally
    certain = make_application(world.a, date(2026, 11, 2))  # due within 2026
    client.force_login(world.clerk_a)

    def page(app):
        return client.get(reverse("applications:detail", args=[world.a.code, app.pk])).content.decode()

    assert 'class="badge provisional"' in page(provisional) and "2027-01-04" in page(provisional)
    assert 'class="badge provisional"' not in page(certain)
    rows = client.get(
        reverse("applications:workbench", args=[world.a.code]), {"view": "all"}
    ).content.decode()
    assert rows.count('class="badge provisional"') == 1


def test_the_public_tracking_page_says_a_deadline_is_provisional(client, world):
    intake = services.submit_online(world.a, services_applicant())
    received = date(2026, 12, 4)  # 20 working days reach 2027, not entered yet
    app = services.confirm_receipt(world.clerk_a, submitted_on(intake.application, received), received)
    body = client.post(reverse("apply:track"), {"tracking_no": app.tracking_no, "code": intake.query_code})
    body = body.content.decode()
    assert 'class="badge provisional"' in body and "2027年的节假日安排尚未公布或录入" in body
