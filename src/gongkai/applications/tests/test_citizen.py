"""The citizen kept informed: the receipt after submitting, the online 补正 (the same step as the
staff's, so the same new deadline), the letters downloadable with the number and code only, every
form error at once in plain Chinese, and the outcome in plain words."""

import io
import re
import time
from datetime import date

import pdfplumber
import pytest
from django.core import signing
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from gongkai import law
from gongkai.applications import public_views, services
from gongkai.applications.forms import ApplicationForm, CorrectionAnswerForm, TrackForm
from gongkai.applications.models import Application, Attachment, ClockEntry, Letter
from gongkai.applications.rules import OUTCOMES, PLAIN_OUTCOMES
from gongkai.applications.services import ApplicationError
from gongkai.applications.testing import PERSON_ID, PHONE, applicant
from gongkai.events.models import Event
from gongkai.workdays.services import db_calendar

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
RECEIVED = date(2026, 3, 2)  # a Monday; fixed days, as deadlines from today may leave the calendar
ASKED, UNTIL, ANSWERED = date(2026, 3, 5), date(2026, 3, 20), date(2026, 3, 10)


def waiting(world):
    """A registered application asked for 补正, and its query code."""
    intake = services.register_by_staff(
        world.clerk_a, world.a, applicant(), "in_person", received_on=RECEIVED
    )
    app = services.request_correction(world.clerk_a, intake.application, "请写明文号", UNTIL, ASKED)
    return app, intake.query_code


def cover_from_today():
    """The pages count from today: this year and next are covered (test years where the seeded
    calendar has none), so the test does not depend on the day it runs."""
    from gongkai.workdays import services as calendar
    from gongkai.workdays.models import CalendarYear

    db_calendar()  # seeds the table from chinese-calendar
    for year in (date.today().year, date.today().year + 1):
        if not CalendarYear.objects.filter(year=year).exists():
            calendar.cover_year(None, year, "测试")


def waiting_now(world):
    """Asked for 补正 today, as the page answers today."""
    cover_from_today()
    intake = services.register_by_staff(
        world.clerk_a, world.a, applicant(), "in_person", received_on=RECEIVED
    )
    app = services.request_correction(world.clerk_a, intake.application, "请写明文号")
    return app, intake.query_code


# ----------------------------------------------------------------- the 补正 answer


def test_the_applicants_answer_restarts_the_clock_as_the_staff_step_does(world):
    by_staff, _ = waiting(world)
    by_applicant, code = waiting(world)
    by_staff = services.receive_correction(world.clerk_a, by_staff, "文号为示教发〔2025〕3号", ANSWERED)
    answer = services.answer_correction(
        by_applicant.tracking_no,
        code,
        "文号为示教发〔2025〕3号",
        [SimpleUploadedFile("补正说明.pdf", PDF)],
        "tok-1",
        ANSWERED,
    )
    app = answer.application
    assert not answer.repeated and app.state == "registered" and app.correction_text.startswith("文号")
    assert (
        app.reply_due == by_staff.reply_due == db_calendar().nth_working_day_after(ANSWERED, law.REPLY.amount)
    )
    assert app.clock_entries.filter(kind="correction_received", on=ANSWERED).count() == 1
    assert [(a.original_name, a.purpose) for a in app.attachments.all()] == [("补正说明.pdf", "correction")]
    event = Event.objects.for_subject(app).get(action="applications.receive_correction")
    # The applicant is the actor, by their role: their name stays out of the log everyone reads.
    assert event.actor is None and event.actor_name == "申请人" and app.name not in event.sentence
    assert event.sentence == f"申请人 在网上提交补正材料 {app}"
    assert event.after["state"] == "registered" and event.after["reply_due"] == app.reply_due.isoformat()


def test_the_answer_is_once_and_a_double_post_records_nothing_new(world):
    app, code = waiting(world)
    first = services.answer_correction(app.tracking_no, code, "补正内容", (), "tok-1", ANSWERED)
    again = services.answer_correction(app.tracking_no, code, "补正内容", (), "tok-1", ANSWERED)
    assert again.repeated and again.application.pk == first.application.pk
    assert ClockEntry.objects.filter(application=app, kind="correction_received").count() == 1
    assert Event.objects.filter(action="applications.receive_correction").count() == 1
    with pytest.raises(ApplicationError, match="目前不需要补正"):
        services.answer_correction(app.tracking_no, code, "再补一次", (), "tok-2", ANSWERED)
    assert not services.correction_open(Application.objects.get(pk=app.pk), ANSWERED)


def test_a_wrong_code_a_passed_period_or_an_empty_answer_is_refused_and_leaves_nothing(world):
    app, code = waiting(world)
    events = Event.objects.count()
    with pytest.raises(ApplicationError, match="申请编号或查询码不正确"):
        services.answer_correction(app.tracking_no, "AAAA2222", "x", (), "t", ANSWERED)
    with pytest.raises(ApplicationError, match="补正期限（2026-03-20）已过"):
        services.answer_correction(app.tracking_no, code, "x", (), "t", date(2026, 3, 23))
    with pytest.raises(ApplicationError, match="请填写补正内容"):
        services.answer_correction(app.tracking_no, code, "  ", (), "t", ANSWERED)
    with pytest.raises(ApplicationError, match="不是允许的文件类型"):
        services.answer_correction(
            app.tracking_no, code, "x", [SimpleUploadedFile("a.pdf", b"MZ\x90 not a pdf")], "t", ANSWERED
        )
    app.refresh_from_db()
    assert app.state == "correction_requested" and Event.objects.count() == events
    assert not Attachment.objects.exists() and not app.clock_entries.filter(kind="correction_received")
    assert services.correction_open(app, UNTIL) and not services.correction_open(app, date(2026, 3, 23))


def test_the_status_page_takes_the_answer_with_a_file_and_then_shows_it(client, world):
    app, code = waiting_now(world)
    page = client.post(
        reverse("apply:track"), {"tracking_no": app.tracking_no, "code": code}
    ).content.decode()
    assert "请写明文号" in page and 'id="correction-form"' in page and "novalidate" in page
    data = {"tracking_no": app.tracking_no, "code": code, "text": "文号为示教发〔2025〕3号", "token": "tok-9"}
    answer = client.post(
        reverse("apply:correct"), {**data, "attachments": SimpleUploadedFile("说明.pdf", PDF)}
    )
    body = answer.content.decode()
    assert 'id="answered"' in body and 'id="correction-form"' not in body and "说明.pdf" in body
    app.refresh_from_db()
    assert app.state == "registered" and app.attachments.get().purpose == "correction"
    # The browser posts the same form again (reload): the same page, nothing new.
    again = client.post(
        reverse("apply:correct"), {**data, "attachments": SimpleUploadedFile("说明.pdf", PDF)}
    )
    assert 'id="answered"' in again.content.decode() and app.attachments.count() == 1
    # Staff see the answer and its file on the case, and who sent it.
    client.force_login(world.clerk_a)
    detail = client.get(reverse("applications:detail", args=[world.a.code, app.pk])).content.decode()
    assert (
        "文号为示教发〔2025〕3号" in detail and "说明.pdf" in detail and "申请人 在网上提交补正材料" in detail
    )
    client.logout()
    # A wrong code on the answer form finds nothing.
    wrong = client.post(reverse("apply:correct"), {**data, "code": "AAAA2222", "token": "tok-10"})
    assert "申请编号或查询码不正确" in wrong.content.decode()


def test_an_answer_the_calendar_cannot_count_from_is_refused_in_words_for_the_applicant(world):
    from gongkai.workdays import services as calendar
    from gongkai.workdays.models import CalendarYear, HolidayCalendarDay

    app, code = waiting(world)
    # A gap in the table: the year of the answer is missing while a later one is entered.
    if not CalendarYear.objects.filter(year=ANSWERED.year + 1).exists():
        calendar.cover_year(None, ANSWERED.year + 1, "测试")
    HolidayCalendarDay.objects.filter(date__year=ANSWERED.year).delete()
    CalendarYear.objects.filter(year=ANSWERED.year).delete()
    with pytest.raises(ApplicationError, match="工作日日历尚未更新"):
        services.answer_correction(app.tracking_no, code, "x", (), "t", ANSWERED)
    assert Application.objects.get(pk=app.pk).state == "correction_requested"


def test_an_empty_answer_shows_the_form_again_with_its_error(client, world):
    app, code = waiting_now(world)
    r = client.post(reverse("apply:correct"), {"tracking_no": app.tracking_no, "code": code, "token": "t"})
    body = r.content.decode()
    assert (
        'id="correction-form"' in body
        and 'href="#id_text"' in body
        and "请填写补正内容，或上传补正材料" in body
    )
    assert Application.objects.get(pk=app.pk).state == "correction_requested"


# ----------------------------------------------------------------- the letters


def _links(body: str) -> list[str]:
    return re.findall(r'href="(/apply/letters/[^"]+)"', body)


def test_letters_download_from_the_status_page_only_the_applicants_and_only_signed(client, world):
    intake = services.register_by_staff(
        world.clerk_a, world.a, applicant(), "in_person", received_on=RECEIVED
    )
    app = services.start_consultation(world.clerk_a, intake.application, "示例公司", on=date(2026, 3, 3))
    app = services.end_consultation(world.clerk_a, app, on=date(2026, 3, 9))
    app = services.reply(world.clerk_a, app, "r_open", "见政府网站。", "art36_1", date(2026, 3, 10))
    page = client.post(reverse("apply:track"), {"tracking_no": app.tracking_no, "code": intake.query_code})
    body = page.content.decode()
    assert (
        "政府信息公开申请答复书" in body and "征求意见书" not in body
    )  # the third party's letter is not theirs
    pdf_link, docx_link = _links(body)
    r = client.get(pdf_link)
    assert r.status_code == 200 and r.content.startswith(b"%PDF")
    assert "filename*=utf-8''%E6%94%BF%E5%BA%9C" in r["Content-Disposition"]  # 政府…, a Chinese name
    with pdfplumber.open(io.BytesIO(r.content)) as pdf:
        assert app.tracking_no in "".join(p.extract_text() or "" for p in pdf.pages)
    assert client.get(docx_link).status_code == 200
    # A guessed, altered or borrowed link downloads nothing.
    reply = app.letters.get(kind="reply_art36_1")
    consultation = app.letters.get(kind="consult_third_party")
    forged = [
        reverse("apply:letter", args=[f"{app.pk}:{reply.pk}", "pdf"]),
        pdf_link.replace(pdf_link[-8:-4], "AAAA"),
        reverse("apply:letter", args=[signing.dumps([app.pk, consultation.pk], salt="other"), "pdf"]),
        reverse("apply:letter", args=[public_views._letter_token(consultation), "pdf"]),
        reverse(
            "apply:letter",
            args=[signing.dumps([app.pk + 1, reply.pk], salt=public_views.LETTER_LINK_SALT), "pdf"],
        ),
        pdf_link.replace(".pdf", ".exe"),
    ]
    assert [client.get(url).status_code for url in forged] == [404] * len(forged)


def test_a_letter_link_expires(client, world, monkeypatch):
    app = services.register_by_staff(world.clerk_a, world.a, applicant(), "in_person", received_on=RECEIVED)
    app = services.request_correction(world.clerk_a, app.application, "请写明文号", UNTIL, ASKED)
    url = reverse("apply:letter", args=[public_views._letter_token(Letter.objects.get()), "pdf"])
    now = time.time()
    monkeypatch.setattr(signing.time, "time", lambda: now + public_views.LETTER_LINK_AGE + 60)
    assert client.get(url).status_code == 404


# ----------------------------------------------------------------- the receipt


def test_the_receipt_shows_what_was_sent_the_code_and_the_time_limit(client, world):
    url = reverse("apply:form", args=[world.a.code])
    data = {
        **{k: v for k, v in vars(applicant()).items() if v not in (False, "")},
        "token": "tok-r",
        "attachments": SimpleUploadedFile("身份证复印件.pdf", PDF),
    }
    assert client.post(url, data).status_code == 302
    body = client.get(reverse("apply:done")).content.decode()
    app = Application.objects.get()
    code = re.search(r'id="query-code">([A-Z0-9]+)<', body).group(1)
    assert app.tracking_no in body and "身份证复印件.pdf" in body and "示教发〔2025〕3号" in body
    assert f"自收到申请之日起{law.REPLY.amount}个工作日内答复" in body
    assert f"延长最多不超过{law.EXTENSION_MAX.amount}个工作日" in body and "待受理机关确认" in body
    assert "打印回执" in body and "@media print" in body and "size: A4" in body
    assert PERSON_ID not in body and PHONE not in body  # masked even here
    r = client.get(reverse("apply:receipt_pdf"))
    assert r["Content-Type"] == "application/pdf" and "filename*=utf-8''" in r["Content-Disposition"]
    with pdfplumber.open(io.BytesIO(r.content)) as pdf:
        text = "".join(p.extract_text() or "" for p in pdf.pages).replace(" ", "")
        assert len(pdf.pages) == 1
    assert app.tracking_no in text and code in text and "身份证复印件.pdf" in text


def test_the_receipt_gives_the_clocks_own_deadline_once_there_is_one(client, world):
    cover_from_today()
    services.submit_online(world.a, applicant(), (), "tok-x")
    session = client.session
    session["apply_last"] = Application.objects.get().tracking_no
    session.save()
    app = services.confirm_receipt(world.clerk_a, Application.objects.get(), date.today())
    body = client.get(reverse("apply:done")).content.decode()
    assert app.reply_due.strftime("%Y-%m-%d") in body and "待受理机关确认" not in body


def test_no_receipt_without_a_submission_in_this_browser(client, db):
    assert client.get(reverse("apply:done"))["Location"] == reverse("apply:index")
    assert client.get(reverse("apply:receipt_pdf"))["Location"] == reverse("apply:index")


# ----------------------------------------------------------------- messages


def _django_defaults() -> set[str]:
    """Django's own form messages, in English and in its Chinese catalogue."""
    ids = (
        "This field is required.",
        "Enter a valid value.",
        "Enter a valid email address.",
        "Select a valid choice. %(value)s is not one of the available choices.",
        "Ensure this value has at most %(limit_value)d characters (it has %(show_value)d).",
        "The submitted file is empty.",
        "Enter a whole number.",
    )
    found = set()
    for language in ("en", "zh-hans"):
        with translation.override(language):
            found |= {translation.gettext(i).split("%")[0].strip() for i in ids}
    return {f for f in found if f}


def _messages(form) -> list[str]:
    return [m for errors in form.errors.values() for m in errors]


def _assert_plain(messages):
    defaults = _django_defaults()
    assert messages and not [m for m in messages if any(d in m for d in defaults)], messages
    assert all(re.search(r"[\u4e00-\u9fff]", m) for m in messages), messages


def test_an_empty_application_names_every_missing_field_at_once(client, world):
    r = client.post(reverse("apply:form", args=[world.a.code]), {})
    form, body = r.context["form"], r.content.decode()
    required = [name for name, f in ApplicationForm().fields.items() if f.required]
    assert set(required) <= set(form.errors), form.errors
    _assert_plain(_messages(form))
    assert form.errors["name"] == ["请填写姓名或名称"] and form.errors["applicant_type"] == [
        "请选择申请人类型"
    ]
    for name in required:
        assert f'href="#id_{name}"' in body  # the summary links each field
    assert 'aria-invalid="true"' in body and "required" in body and "novalidate" in body


def test_several_wrong_values_are_all_reported_together(client, world):
    data = {
        **{k: v for k, v in vars(applicant()).items() if v not in (False, "")},
        "id_number": "110105194912310020",
        "phone": "12345",
        "email": "not-an-address",
        "delivery_channel": "post",
        "address": "",
        "postcode": "12",
        "name": "王" * 201,
    }
    form = client.post(reverse("apply:form", args=[world.a.code]), data).context["form"]
    assert {"id_number", "phone", "email", "address", "postcode", "name"} <= set(form.errors), form.errors
    _assert_plain(_messages(form))
    assert "电子邮箱格式不正确" in form.errors["email"][0] and "最多200个字" in form.errors["name"][0]
    assert not Application.objects.exists()


def test_tracking_and_correction_forms_speak_plainly_too(client, db):
    r = client.post(reverse("apply:track"), {})
    assert r.context["form"].errors == {"tracking_no": ["请填写申请编号"], "code": ["请填写查询码"]}
    assert 'href="#id_code"' in r.content.decode()
    form = CorrectionAnswerForm({"tracking_no": "x", "code": "y", "text": ""})
    assert form.errors == {"text": ["请填写补正内容，或上传补正材料"]}
    for f in (TrackForm({}), CorrectionAnswerForm({})):
        _assert_plain(_messages(f))


# ----------------------------------------------------------------- the outcome in plain words


def test_every_outcome_has_plain_words_that_are_not_the_table_label():
    assert set(PLAIN_OUTCOMES) == set(OUTCOMES)
    for key, words in PLAIN_OUTCOMES.items():
        assert words != OUTCOMES[key].label and "（" not in words[:1] and not re.match(r"\d\.", words)


def test_the_status_page_says_the_outcome_in_plain_words(client, world):
    intake = services.register_by_staff(
        world.clerk_a, world.a, applicant(), "in_person", received_on=RECEIVED
    )
    app = services.reply(
        world.clerk_a,
        intake.application,
        "r_deny_three_security_one_stability",
        "理由……",
        "art36_3",
        date(2026, 3, 9),
    )
    look = {"tracking_no": app.tracking_no, "code": intake.query_code}
    body = client.post(reverse("apply:track"), look).content.decode()
    assert (
        "已答复：不予公开（公开后可能危及国家安全、公共安全、经济安全或者社会稳定），答复书于 2026-03-09 作出"
        in body
    )
    assert "三安全一稳定" not in body and "（三）不予公开" not in body
    services.deliver(world.clerk_a, app, date(2026, 3, 10))
    body = client.post(reverse("apply:track"), look).content.decode()
    assert "答复书已于 2026-03-10 送达" in body
