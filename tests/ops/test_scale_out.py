"""The city layout on one machine: two app servers (gunicorn on two ports) and one Celery worker
on Redis, one PostgreSQL database and one data folder (the shared disk) between them.

A person applies on server A (with an attachment); the officer logs in on B and works the case on
A and B alike (the session is in the database, the secret key shared); the deadline reminder comes
from the Celery worker (the daily scan triggered through Celery); the reply is made on B; the
applicant's tracking page on A shows it; the officer reads the attachment uploaded through A on B;
the applicant's messages were sent once each by the worker."""

from __future__ import annotations

import collections
import re

import pytest

from .live import (
    AGENCY,
    OFFICER,
    OFFICER_PASSWORD,
    Browser,
    Site,
    free_port,
    redis_reachable,
    sent_mail,
    submit,
    wait_for,
)
from .test_server_kill import tiny_png

pytestmark = pytest.mark.ops

REDIS_DB = 12  # a Redis database of its own (the worker fault test uses 11)


def test_two_app_servers_and_a_celery_worker_share_one_case(tmp_path, pg_template):
    if not redis_reachable():
        pytest.skip("Redis is not reachable on 127.0.0.1:6379")
    import redis
    from celery import Celery

    broker = f"redis://127.0.0.1:6379/{REDIS_DB}"
    redis.Redis.from_url(broker).flushdb()
    site = Site(
        tmp_path,
        "postgresql",
        extra_env={
            "GONGKAI_CELERY_BROKER": broker,
            "GONGKAI_TASK_QUEUE": "celery",
            "GONGKAI_CACHE_URL": broker,  # one cache for both servers (look-up limits, public pages)
        },
        template=pg_template,
    )
    try:
        site.create()
        port_a, port_b = free_port(), free_port()
        site.serve(port_a, workers=2, threads=2)
        site.serve(port_b, workers=2, threads=2)
        site.celery_worker("city")
        a, b = f"http://127.0.0.1:{port_a}", f"http://127.0.0.1:{port_b}"

        # 1. The application, on A.
        png = tiny_png()
        number, code = submit(a, 1, attachment=png)
        pk = site.sql("SELECT id FROM applications_application WHERE tracking_no = ?", (number,))[0][0]
        case = f"/staff/applications/{AGENCY}/{pk}/"

        # 2. The officer logs in on B; the same session works on A (cookies are per host, not per port).
        staff = Browser(b)
        staff.login(OFFICER, OFFICER_PASSWORD)
        on_a = Browser(a)
        on_a.jar = staff.jar
        on_a.opener = staff.opener
        status, page, url = on_a.get(case)
        assert status == 200 and number in page and "/accounts/login/" not in url
        status, page, _ = on_a.post_with(
            case + "do/confirm_receipt/", {**_csrf(on_a, case), "confirm_receipt-on": ""}
        )
        assert status == 200
        state, due = site.sql("SELECT state, reply_due FROM applications_application WHERE id = ?", (pk,))[0]
        assert state == "registered" and due is not None, (state, due)

        # 3. The deadline reminder, from the Celery worker: the daily scan run as on the deadline day.
        Celery(broker=broker).send_task("gongkai.applications.scan_deadlines", args=[str(due)[:10]])
        wait_for(
            lambda: any(to == "officer@ops.example" for to, _ in sent_mail(site)),
            120,
            "the worker e-mailed no reminder",
        )
        reminders = site.sql("SELECT kind FROM applications_reminder WHERE application_id = ?", (pk,))
        assert reminders == [("due_soon",)]

        # 4. The reply, on B; the attachment uploaded through A is read on B (the shared disk).
        status, page, _ = staff.post_with(
            case + "do/reply/",
            {
                **_csrf(staff, case),
                "reply-outcome": "r_open",
                "reply-reply_type": "art36_1",  # 第三十六条第（一）项: 予以公开
                "reply-text": "所申请的信息予以公开，见附件。",
                "reply-on": "",
            },
        )
        assert status == 200
        state, outcome = site.sql("SELECT state, outcome FROM applications_application WHERE id = ?", (pk,))[
            0
        ]
        assert outcome == "r_open", re.findall(r'class="message[^"]*"[^>]*>([^<]+)', page)
        att = site.sql("SELECT id FROM applications_attachment WHERE application_id = ?", (pk,))[0][0]
        assert staff.get_bytes(f"{case}attachments/{att}/") == png

        # 5. The applicant's tracking page, on A, shows the reply.
        status, page, _ = Browser(a).post("/apply/track/", {"tracking_no": number, "code": code})
        assert status == 200 and number in page
        assert "予以公开" in page

        # 6. The applicant's messages (已收到 on submission, 已登记 on confirmation, 已答复) went out
        # once each, from the worker; the officer's reminder once.
        def subjects() -> collections.Counter:
            return collections.Counter((to, subject.split("申请", 1)[-1]) for to, subject in sent_mail(site))

        wait_for(lambda: len(subjects()) >= 4, 120, "the applicant's e-mails were not all sent")
        assert sorted(subjects()) == sorted(
            [
                ("a1@ops.example", f"已收到（{number}）"),
                ("a1@ops.example", f"已登记（{number}）"),
                ("a1@ops.example", f"已答复（{number}）"),
                ("officer@ops.example", f" {number}"),
            ]
        )
        assert set(subjects().values()) == {1}
    finally:
        site.drop()
        redis.Redis.from_url(broker).flushdb()


def _csrf(browser: Browser, path: str) -> dict:
    """The CSRF token of the page a person would be on when pressing the button."""
    _, page, _ = browser.get(path)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
    assert token, f"no form on {path}"
    return {"csrfmiddlewaretoken": token.group(1)}
