"""A clerk sees on the case what the applicant was sent, finds the e-mail that failed and sends it
again; on a phone the list fits the screen."""

from datetime import date

import pytest
from django.core import mail
from playwright.sync_api import expect

from gongkai.applications.testing import make_application
from gongkai.notifications.models import Notification
from gongkai.notifications.tasks import send

BROKEN = "gongkai.notifications.tests.test_notifications.BrokenBackend"


@pytest.fixture
def case(transactional_db, world, settings):
    from huey.contrib.djhuey import HUEY

    settings.EMAIL_BACKEND = BROKEN
    settings.GONGKAI_SITE_URL = "https://gk.example.gov.cn"
    HUEY.immediate = True  # the worker, in this process: a task runs as soon as it is enqueued
    try:
        app = make_application(world.a, date(2026, 3, 2))  # the SMS goes out, the e-mail fails
        email = Notification.objects.get(application=app, channel="email")
        send(email.pk, 0)  # the worker's last retry fails too
        settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
        yield app
    finally:
        HUEY.immediate = False


def test_staff_sees_the_notifications_and_resends_a_failed_one(live_server, page, shot, world, case, login):
    base = live_server.url
    page.set_viewport_size({"width": 1280, "height": 900})
    login(page, world.clerk_a)
    page.goto(f"{base}/staff/applications/t-a/{case.pk}/")
    section = page.locator("section.notifications")
    expect(section.get_by_role("heading", name="通知")).to_be_visible()
    failed = section.locator("li", has_text="电子邮件")
    expect(failed).to_contain_text("收到申请")
    expect(failed).to_contain_text("w***@example.com")
    expect(failed).to_contain_text("发送失败")
    expect(failed).to_contain_text("smtp down")
    sms = section.locator("li", has_text="短信")
    expect(sms).to_contain_text("139****5678")
    expect(sms).to_contain_text("已发送")
    expect(sms).to_contain_text("仅记录，未接入短信平台")
    sms.get_by_text("发送的内容").click()
    expect(sms).to_contain_text(case.tracking_no)
    expect(sms).to_contain_text("https://gk.example.gov.cn/apply/track/")
    shot("case-notifications-desktop")

    assert not mail.outbox
    failed.get_by_role("button", name="重新发送").click()
    expect(page.get_by_text("已重新加入发送队列")).to_be_visible()
    resent = page.locator("section.notifications li", has_text="电子邮件")
    expect(resent).to_contain_text("已发送")
    expect(resent.get_by_role("button", name="重新发送")).to_have_count(0)
    assert len(mail.outbox) == 1 and case.tracking_no in mail.outbox[0].subject
    shot("case-notifications-resent")


def test_the_notifications_fit_a_phone(live_server, browser, world, case, login):
    from .conftest import SCREENSHOTS

    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    page = context.new_page()
    base = live_server.url
    login(page, world.clerk_a)
    page.goto(f"{base}/staff/applications/t-a/{case.pk}/")
    section = page.locator("section.notifications")
    section.scroll_into_view_if_needed()
    expect(section.locator("li")).to_have_count(2)
    expect(section.get_by_role("button", name="重新发送")).to_be_visible()
    box = section.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 390
    assert section.evaluate("s => s.scrollWidth <= s.clientWidth")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    section.screenshot(path=str(SCREENSHOTS / "notifications-case-phone.png"))
    context.close()
