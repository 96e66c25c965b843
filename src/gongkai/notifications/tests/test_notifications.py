"""Each step the applicant is told of gives the right message on the channels they gave, sent once
by the worker, retried after a failure, and shown on the case."""

from datetime import date, timedelta
from types import SimpleNamespace

import pytest
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.urls import reverse
from django.utils import timezone

from gongkai import law
from gongkai.applications import services as steps
from gongkai.applications.tasks import scan_deadlines
from gongkai.applications.testing import ADDRESS, PERSON_ID, PHONE, applicant, make_application
from gongkai.events.models import Event
from gongkai.notifications import services
from gongkai.notifications.channels import LoggingSmsGateway, mobile_number
from gongkai.notifications.models import Notification
from gongkai.notifications.tasks import SendFailed, send, send_notification, sweep_stuck

RECEIVED = date(2026, 3, 2)
TRACK = "https://gk.example.gov.cn/apply/track/"


class BrokenBackend(BaseEmailBackend):
    def send_messages(self, messages):
        raise ConnectionRefusedError("smtp down")


def assert_no_personal_data(text: str):
    for secret in (PERSON_ID, PHONE, ADDRESS, "wjh@example.com"):
        assert secret not in text


@pytest.fixture
def registered(world, huey_now, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        app = make_application(world.a, RECEIVED)
    return app


def test_registration_is_acknowledged_by_email_and_sms(registered, caplog):
    app = registered
    [message] = mail.outbox
    assert message.to == ["wjh@example.com"]
    assert message.subject == f"【示例县教育局】政府信息公开申请已登记（{app.tracking_no}）"
    assert "王建华：" in message.body and "本机关于2026年3月2日收到您的申请" in message.body
    assert f"答复期限：{app.reply_due.year}年{app.reply_due.month}月{app.reply_due.day}日" in message.body
    assert TRACK in message.body
    assert_no_personal_data(message.subject + message.body)

    email, sms = (Notification.objects.get(application=app, channel=c) for c in ("email", "sms"))
    assert (email.kind, email.state, email.attempts, email.sent_at is not None) == ("ack", "sent", 1, True)
    assert (sms.recipient, sms.state, sms.provider_ref) == (PHONE, "sent", LoggingSmsGateway.NOTE)
    assert app.tracking_no in sms.body and "已登记" in sms.body and TRACK in sms.body
    assert_no_personal_data(sms.body)
    assert Event.objects.filter(action="notifications.sent", subject_id=str(email.pk)).exists()


def test_logging_sms_gateway_logs_the_text(world, huey_now, django_capture_on_commit_callbacks, caplog):
    caplog.set_level("INFO", logger="gongkai.notifications.sms")
    with django_capture_on_commit_callbacks(execute=True):
        app = make_application(world.a, RECEIVED, email="", delivery_channel="pickup")
    assert not mail.outbox
    [sms] = Notification.objects.filter(application=app)
    assert sms.channel == "sms" and sms.state == "sent"
    assert any(PHONE in r.getMessage() and app.tracking_no in r.getMessage() for r in caplog.records)


def test_online_submission_is_acknowledged_as_received(world, huey_now, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        intake = steps.submit_online(world.a, applicant(phone="010-62345678"))
    [message] = mail.outbox
    assert "申请已收到" in message.subject and intake.application.tracking_no in message.subject
    assert "确认收到申请的日期" in message.body
    # A landline gets no SMS.
    assert list(Notification.objects.values_list("channel", flat=True)) == ["email"]


def test_no_email_and_no_mobile_no_notification(world, huey_now, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        app = make_application(world.a, RECEIVED, email="", delivery_channel="pickup", phone="0591-87654321")
        steps.reply(None, app, "r_open", "见附件", "art36_1", date(2026, 3, 3))
    assert not mail.outbox and not Notification.objects.exists()


def test_mobile_numbers():
    assert mobile_number("+86 139-1234-5678") == "13912345678"
    assert mobile_number("8613912345678") == "13912345678"
    assert mobile_number("0591-87654321") == "" and mobile_number("") == ""


def _correction(app):
    return steps.request_correction(
        None, app, "请写明所需文件的文号", until=date(2026, 3, 20), on=date(2026, 3, 3)
    )


def _extension(app):
    days = law.EXTENSION_MAX.amount
    return steps.grant_extension(None, app, days, "需调取档案", "张局长", on=date(2026, 3, 20))


def _reply(app):
    return steps.reply(None, app, "r_open", "见附件", "art36_1", date(2026, 3, 4))


def _refer(app):
    return steps.refer(None, app, "示例县财政局", "0591-1234567", "不属本机关", on=date(2026, 3, 4))


@pytest.mark.parametrize(
    "step, kind, subject, phrases",
    [
        (_correction, "correction", "需要补正", ["请写明所需文件的文号", "请在2026年3月20日前提交补正材料"]),
        (_extension, "extension", "答复期限延长", [f"延长答复期限{law.EXTENSION_MAX.amount}个工作日"]),
        (_reply, "reply", "已答复", ["已答复（第三十六条第（一）项", law.REMEDY_NOTICE]),
        (_refer, "reply", "已答复", ["该信息由示例县财政局负责公开，联系方式：0591-1234567"]),
    ],
)
def test_each_step_tells_the_applicant(
    registered, django_capture_on_commit_callbacks, step, kind, subject, phrases
):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        app = step(registered)
    [message] = mail.outbox
    assert subject in message.subject and app.tracking_no in message.subject
    for phrase in phrases:
        assert phrase in message.body
    assert TRACK in message.body
    assert_no_personal_data(message.body)
    kinds = Notification.objects.filter(application=app, kind=kind)
    assert sorted(kinds.values_list("channel", "state")) == [("email", "sent"), ("sms", "sent")]


def test_extension_message_names_the_new_deadline(registered, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        app = _extension(registered)
    body = Notification.objects.get(application=app, kind="extension", channel="email").body
    due = app.reply_due
    assert f"延长后的答复期限为{due.year}年{due.month}月{due.day}日" in body


def test_a_deadline_in_a_year_not_entered_is_told_as_provisional(
    world, huey_now, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        app = make_application(world.a, date(2026, 11, 20))
        app = steps.grant_extension(None, app, 20, "需调取档案", "张局长", on=date(2026, 11, 25))
    body = Notification.objects.get(application=app, kind="extension", channel="email").body
    assert app.reply_due.year == 2027 and "（暂定，以国务院办公厅公布的2027年节假日安排为准）" in body


def test_a_broken_template_never_blocks_the_step(world, monkeypatch, django_capture_on_commit_callbacks):
    def broken(*args):
        raise RuntimeError("template missing")

    monkeypatch.setattr("gongkai.notifications.texts.compose", broken)
    with django_capture_on_commit_callbacks(execute=True):
        app = make_application(world.a, RECEIVED)
    assert app.state == "registered" and not Notification.objects.exists()


def test_a_rolled_back_step_queues_nothing(world):
    from django.db import transaction

    with pytest.raises(RuntimeError), transaction.atomic():
        make_application(world.a, RECEIVED)
        assert Notification.objects.count() == 2  # queued in the step's own transaction
        raise RuntimeError("the step fails later")
    assert not Notification.objects.exists()


@pytest.fixture
def queued(world):
    """A registered application whose e-mail is queued (the worker has not run yet)."""
    make_application(world.a, RECEIVED)  # on_commit never runs here: nothing sent yet
    return Notification.objects.get(channel="email")


def test_retry_after_a_failing_backend_sends_once(queued, settings):
    settings.EMAIL_BACKEND = "gongkai.notifications.tests.test_notifications.BrokenBackend"
    with pytest.raises(SendFailed):
        send_notification.call_local(queued.pk, task=SimpleNamespace(retries=2))
    queued.refresh_from_db()
    assert (queued.state, queued.attempts) == ("queued", 1)
    assert "ConnectionRefusedError: smtp down" in queued.last_error

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert send_notification.call_local(queued.pk, task=SimpleNamespace(retries=1)) == "sent"
    # The job runs again (a duplicate, a restart): already sent, nothing goes out twice.
    assert send_notification.call_local(queued.pk, task=SimpleNamespace(retries=0)) == "sent"
    queued.refresh_from_db()
    assert len(mail.outbox) == 1 and (queued.state, queued.attempts, queued.last_error) == ("sent", 2, "")


def test_a_claimed_notification_is_not_sent_by_another_worker(queued):
    Notification.objects.filter(pk=queued.pk).update(state="sending")  # another worker has it
    assert services.attempt(queued.pk) == "sending" and not mail.outbox


class WorkerKilled(BaseException):
    """What the worker's process sees when it is killed mid-send: nothing after it runs."""


def test_a_dead_workers_message_is_marked_failed_never_resent_and_staff_can_resend(
    queued, monkeypatch, client, world, huey_now, django_capture_on_commit_callbacks
):
    def die(notification, connection=None):
        raise WorkerKilled

    monkeypatch.setattr("gongkai.notifications.channels.deliver", die)
    with pytest.raises(WorkerKilled):
        services.attempt(queued.pk)
    monkeypatch.undo()
    queued.refresh_from_db()
    assert queued.state == "sending" and queued.claimed_at is not None
    other = Notification.objects.get(channel="sms")  # still queued: the sweep leaves it alone

    assert services.mark_stuck(queued.claimed_at + timedelta(minutes=29)) == 0  # may still be sending
    later = queued.claimed_at + timedelta(minutes=31)
    assert services.mark_stuck(later) == 1 and services.mark_stuck(later) == 0
    queued.refresh_from_db()
    assert queued.state == "failed" and queued.last_error == "发送状态不明（可能已发出），请核实后再重发"
    assert Notification.objects.get(pk=other.pk).state == "queued" and not mail.outbox  # nothing re-sent
    event = Event.objects.get(action="notifications.stuck", subject_id=str(queued.pk))
    assert event.actor is None and event.sentence.startswith("系统 通知发送状态不明，标记为发送失败")

    client.force_login(world.clerk_a)
    html = client.get(reverse("applications:detail", args=[world.a.code, queued.application_id])).content
    assert "发送状态不明（可能已发出）" in html.decode()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("notifications:retry", args=[world.a.code, queued.pk]))
    queued.refresh_from_db()
    assert queued.state == "sent" and len(mail.outbox) == 1


def test_the_sweep_runs_on_the_worker_and_counts_from_the_setting(queued, settings):
    Notification.objects.filter(pk=queued.pk).update(
        state="sending", claimed_at=timezone.now() - timedelta(minutes=10)
    )
    assert sweep_stuck.call_local() == 0
    settings.GONGKAI_NOTIFY_STUCK_MINUTES = 5
    assert sweep_stuck.call_local() == 1
    assert Notification.objects.get(pk=queued.pk).state == "failed" and not mail.outbox


def _fail_for_good(notification, settings):
    settings.EMAIL_BACKEND = "gongkai.notifications.tests.test_notifications.BrokenBackend"
    for left in (3, 2, 1):
        with pytest.raises(SendFailed):
            send(notification.pk, left)
    assert send(notification.pk, 0) == "failed"
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


def test_failed_after_the_last_retry_shows_on_the_case_and_staff_can_resend(
    queued, settings, client, world, huey_now, django_capture_on_commit_callbacks
):
    _fail_for_good(queued, settings)
    queued.refresh_from_db()
    assert (queued.state, queued.attempts) == ("failed", 4)
    assert Event.objects.filter(action="notifications.fail", subject_id=str(queued.pk)).exists()

    client.force_login(world.clerk_a)
    page = client.get(reverse("applications:detail", args=[world.a.code, queued.application_id]))
    html = page.content.decode()
    assert "发送失败" in html and "smtp down" in html and "w***@example.com" in html
    assert "wjh@example.com" not in html.split('id="notify-h"')[1]  # masked in the list
    retry_url = reverse("notifications:retry", args=[world.a.code, queued.pk])
    assert retry_url in html

    assert client.get(retry_url).status_code == 405
    with django_capture_on_commit_callbacks(execute=True):
        answer = client.post(retry_url)
    assert answer.status_code == 302
    queued.refresh_from_db()
    assert queued.state == "sent" and len(mail.outbox) == 1
    assert Event.objects.filter(action="notifications.retry", actor=world.clerk_a).exists()
    # Sent now: asking again is refused with a message, nothing is sent.
    follow = client.post(retry_url, follow=True)
    assert "已发送" in follow.content.decode() and len(mail.outbox) == 1


def test_only_the_agency_handling_staff_may_resend(queued, settings, client, world):
    _fail_for_good(queued, settings)
    retry_url = reverse("notifications:retry", args=[world.a.code, queued.pk])
    client.force_login(world.clerk_b)
    assert client.post(retry_url).status_code == 404
    client.force_login(world.supervisor)
    page = client.get(reverse("applications:detail", args=[world.a.code, queued.application_id]))
    assert "发送失败" in page.content.decode() and retry_url not in page.content.decode()
    assert client.post(retry_url).status_code in (403, 404)
    queued.refresh_from_db()
    assert queued.state == "failed"


def test_staff_reminders_are_notifications_on_the_case(world):
    world.clerk_a.email = "clerk_a@example.com"
    world.clerk_a.save()
    app = make_application(world.a, RECEIVED, email="", delivery_channel="pickup", phone="0591-87654321")
    result = scan_deadlines(date(2026, 3, 27))
    assert result.emailed == 1
    [note] = Notification.objects.filter(application=app)
    assert (note.kind, note.channel, note.recipient, note.state) == (
        "reminder",
        "email",
        "clerk_a@example.com",
        "sent",
    )
    assert note.recipient_user == world.clerk_a and note.subject == mail.outbox[0].subject
    assert app.tracking_no in note.body


class RecordingGateway:
    """A provider plugged in through GONGKAI_SMS_GATEWAY, as docs/deploy.md describes."""

    sent: list = []
    down = False

    def send(self, phone, text):
        if RecordingGateway.down:
            raise TimeoutError("sms provider timed out")
        RecordingGateway.sent.append((phone, text))
        return f"msg-{len(RecordingGateway.sent)}"


def test_a_plugged_in_sms_gateway_is_used_and_retried(world, settings):
    settings.GONGKAI_SMS_GATEWAY = "gongkai.notifications.tests.test_notifications.RecordingGateway"
    RecordingGateway.sent, RecordingGateway.down = [], True
    make_application(world.a, RECEIVED, email="", delivery_channel="pickup")
    sms = Notification.objects.get(channel="sms")
    with pytest.raises(SendFailed):
        send(sms.pk, 1)
    sms.refresh_from_db()
    assert sms.state == "queued" and "TimeoutError: sms provider timed out" in sms.last_error
    RecordingGateway.down = False
    assert send(sms.pk, 0) == "sent" and send(sms.pk, 0) == "sent"
    sms.refresh_from_db()
    assert RecordingGateway.sent == [(PHONE, sms.body)] and sms.provider_ref == "msg-1"
