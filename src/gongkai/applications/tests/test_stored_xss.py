"""Stored XSS: what the public types (the online application, the 补正 answer, file names, 政民互动
messages) goes through the real public forms with attack payloads, and every page that shows it
to staff or the public carries only the escaped text, never live markup."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from gongkai.applications import services
from gongkai.applications.models import Application
from gongkai.applications.testing import applicant
from gongkai.applications.tests.test_citizen import PDF, cover_from_today

pytestmark = pytest.mark.django_db

SCRIPT = "<script>alert(1)</script>"
IMG = '"><img src=x onerror=alert(1)>'
LINK = "javascript:alert(1)"
TEMPLATE = "{{7*7}}"
PAYLOAD = f"{SCRIPT}{IMG}{TEMPLATE} {LINK}"
LIVE = [re.compile(p, re.I) for p in (r"<script>alert", r"<img[^>]*onerror", r'href="javascript:')]


def assert_inert(body: str, where: str, expect_escaped: bool = True) -> None:
    for pattern in LIVE:
        assert not pattern.search(body), f"{where}: live markup {pattern.pattern}"
    if expect_escaped:
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body, f"{where}: the text is not shown escaped"
        assert TEMPLATE in body, f"{where}: {{{{7*7}}}} was evaluated, not shown"


@pytest.fixture
def attacked(client, world):
    """An online application whose every free-text field carries the payloads, with a file whose
    name does too, then asked for 补正 and answered with the payloads."""
    cover_from_today()
    data = {
        **{k: v for k, v in vars(applicant()).items() if v not in (False, "")},
        "name": "王" + PAYLOAD[:150],
        "address": "人民路" + PAYLOAD,
        "description": "所需信息：" + PAYLOAD,
        "token": "tok-x",
        "attachments": SimpleUploadedFile(f"{SCRIPT}{IMG}.pdf", PDF),
    }
    response = client.post(reverse("apply:form", args=[world.a.code]), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    done = client.get(reverse("apply:done")).content.decode()
    assert_inert(done, "the receipt")
    code = re.search(r'id="query-code">([A-Z0-9]+)<', done).group(1)
    app = Application.objects.get()
    app.refresh_from_db()
    return app, code


def test_public_input_is_inert_on_every_page_that_shows_it(client, world, attacked):
    app, code = attacked
    assert PAYLOAD in app.description  # stored as typed: escaping is the pages' job
    look = {"tracking_no": app.tracking_no, "code": code}
    assert_inert(client.post(reverse("apply:track"), look).content.decode(), "the public status page", False)

    client.force_login(world.clerk_a)
    a = world.a.code
    pages = {
        "case page": reverse("applications:detail", args=[a, app.pk]),
        "workbench": reverse("applications:workbench", args=[a]),
        "workbench search": reverse("applications:workbench", args=[a]) + "?q=script",
        "event log": reverse("staff:events", args=[a]),
        "staff desk": "/staff/",
    }
    for where, url in pages.items():
        response = client.get(url)
        assert response.status_code == 200, where
        assert_inert(response.content.decode(), where, expect_escaped=where in ("case page", "workbench"))


def test_the_correction_answer_and_its_file_name_are_inert(client, world):
    cover_from_today()
    intake = services.register_by_staff(world.clerk_a, world.a, applicant(), "in_person")
    app = services.request_correction(world.clerk_a, intake.application, "请写明文号")
    data = {"tracking_no": app.tracking_no, "code": intake.query_code, "text": PAYLOAD, "token": "tok-c"}
    answer = client.post(
        reverse("apply:correct"), {**data, "attachments": SimpleUploadedFile(f"{IMG}.pdf", PDF)}
    )
    assert_inert(answer.content.decode(), "the public answer page", expect_escaped=False)
    client.force_login(world.clerk_a)
    detail = client.get(reverse("applications:detail", args=[world.a.code, app.pk])).content.decode()
    assert_inert(detail, "the case page with the answer")
    assert "&quot;&gt;&lt;img src=x onerror=alert(1)&gt;" in detail  # the file name, escaped


def test_interaction_messages_are_inert(client, world):
    response = client.post(
        reverse("ask:ask"),
        {
            "agency": world.a.pk,
            "kind": "consult",
            "title": SCRIPT,
            "body": PAYLOAD,
            "name": IMG,
            "contact": "13912345678",
            "consent": "on",
        },
    )
    assert response.status_code in (200, 302)
    client.force_login(world.clerk_a)
    from gongkai.interaction.models import Message

    message = Message.objects.get()
    assert message.body == PAYLOAD
    inbox = client.get(reverse("interaction:inbox", args=[world.a.code])).content.decode()
    assert_inert(inbox, "the 政民互动 inbox", expect_escaped=False)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in inbox  # the title
    detail = client.get(reverse("interaction:detail", args=[world.a.code, message.pk])).content.decode()
    assert_inert(detail, "the 政民互动 message page")
