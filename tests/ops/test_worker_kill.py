"""A background worker SIGKILLed while a sending job runs, then started again: the work left is done
after the restart, and no message goes out twice (counted in the file e-mail backend's output).

- huey (``gongkai worker``): the 收到申请 e-mails of many applications, one task each;
- Celery on Redis: the daily deadline scan, whose reminder e-mails go out one after another; the
  task is acknowledged late, so Redis hands it to the restarted worker (after the visibility
  timeout, shortened here) and the rerun e-mails the reminders the killed run had not reached.

The mail server is slow on purpose (tests/ops/slowmail.py: a pause per message) so the kill lands
in the middle of the job. At most one message is in doubt (being sent at the moment of the kill):
it is never sent again on its own."""

from __future__ import annotations

import collections
import json
import signal
import sqlite3
import time

import pytest

from .live import (
    Site,
    kill_group,
    redis_reachable,
    register_applications,
    sent_mail,
    wait_for,
)

pytestmark = pytest.mark.ops

SLOW_MAIL = {
    "GONGKAI_EMAIL_BACKEND": "tests.ops.slowmail.EmailBackend",
    "GONGKAI_OPS_MAIL_DELAY": "0.3",
}


def _huey_queue(site: Site) -> int:
    with sqlite3.connect(site.data / "huey.sqlite3", timeout=30) as db:
        return db.execute("SELECT count(*) FROM task").fetchone()[0]


def _counts(site: Site, query: str) -> dict:
    return dict(site.sql(query))


def test_huey_worker_killed_while_sending_sends_nothing_twice(make_site):
    site = make_site(**SLOW_MAIL)
    try:
        numbers = register_applications(site, 30, email=True)
        states = _counts(site, "SELECT state, count(*) FROM notifications_notification GROUP BY state")
        assert states == {"queued": 30}

        worker = site.huey_worker()
        wait_for(lambda: len(sent_mail(site)) >= 5, 90, "the worker sent nothing")
        kill_group(worker, signal.SIGKILL)
        assert len(sent_mail(site)) < 30, "the job finished before the kill: the test proves nothing"

        # The sweep (every ten minutes on the worker; here at once, as `gongkai worker --scan-now`
        # with no grace period): the message the killed worker was sending, if any, is marked
        # 发送失败 (状态不明) for staff to check, never resent by itself; every message still 待发送 is
        # queued again, so one whose task the kill took away is sent too — and the others now have
        # two tasks each, of which only one may send.
        site.env["GONGKAI_NOTIFY_STUCK_MINUTES"] = "0"
        swept = json.loads(site.run(["worker", "--scan-now"]).strip().splitlines()[-1])
        assert swept["stuck_notifications"] <= 1 and swept["requeued_notifications"] >= 20

        site.huey_worker()
        unfinished = "SELECT count(*) FROM notifications_notification WHERE state IN ('queued', 'sending')"
        wait_for(lambda: site.sql(unfinished)[0][0] == 0, 180, "the restarted worker left messages unsent")
        # The duplicate tasks of messages already sent run too (each finds its row sent, sends nothing).
        wait_for(lambda: _huey_queue(site) == 0, 120, "huey's queue did not drain")
        time.sleep(1)  # the last task taken from the queue finishes
        site.stop_all()

        mail = sent_mail(site)
        per_recipient = collections.Counter(to for to, _ in mail)
        twice = {to: n for to, n in per_recipient.items() if n > 1}
        assert not twice, f"sent more than once: {twice}"
        states = _counts(site, "SELECT state, count(*) FROM notifications_notification GROUP BY state")
        assert states.get("failed", 0) == swept["stuck_notifications"]  # only the one in doubt
        assert states["sent"] + states.get("failed", 0) == len(numbers) == 30
        # Every sent message went out once; the one in doubt may or may not have.
        assert states["sent"] <= len(mail) <= states["sent"] + states.get("failed", 0)
    finally:
        site.drop()


REDIS_DB = 11  # a Redis database of its own (the scale-out test uses 12)


def test_celery_worker_killed_mid_scan_retried_without_duplicate_reminders(make_site):
    if not redis_reachable():
        pytest.skip("Redis is not reachable on 127.0.0.1:6379")
    import redis
    from celery import Celery

    broker = f"redis://127.0.0.1:6379/{REDIS_DB}"
    redis.Redis.from_url(broker).flushdb()
    site = make_site(
        **SLOW_MAIL,
        GONGKAI_CELERY_BROKER=broker,
        GONGKAI_TASK_QUEUE="celery",
        GONGKAI_CELERY_VISIBILITY_TIMEOUT="5",
    )
    try:
        # Received 60 days ago and not answered: every one is overdue, one reminder each to the officer.
        # No applicant e-mail (and a landline): only reminders reach the mail folder.
        register_applications(site, 24, email=False, received_days_ago=60)
        worker = site.celery_worker("first")
        Celery(broker=broker).send_task("gongkai.applications.scan_deadlines")
        wait_for(lambda: len(sent_mail(site)) >= 4, 120, "the scan e-mailed no reminder")
        kill_group(worker, signal.SIGKILL)
        reminders = site.sql("SELECT count(*) FROM applications_reminder")[0][0]
        assert reminders == 24
        assert len(sent_mail(site)) < reminders, "the scan finished before the kill: the test proves nothing"

        site.celery_worker("second")  # Redis gives it the unacknowledged scan after the visibility timeout
        wait_for(
            lambda: (
                "scan_deadlines" in site.log("celery-second.log")
                and "succeeded" in site.log("celery-second.log")
            ),
            120,
            "the scan was not run again after the restart",
        )
        time.sleep(1)
        mail = sent_mail(site)
        subjects = collections.Counter(subject for _, subject in mail)
        twice = {s: n for s, n in subjects.items() if n > 1}
        assert not twice, f"reminders e-mailed twice: {twice}"
        assert all(to == "officer@ops.example" for to, _ in mail)
        # Every reminder e-mailed once, but the one the killed worker may have been sending.
        assert reminders - 1 <= len(mail) <= reminders
        kept = site.sql("SELECT count(*) FROM notifications_notification WHERE kind = 'reminder'")[0][0]
        assert kept == len(mail)  # each e-mailed reminder is on its case, once
    finally:
        site.drop()
        redis.Redis.from_url(broker).flushdb()
