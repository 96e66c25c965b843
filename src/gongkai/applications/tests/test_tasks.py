"""The deadline scan and reminders: no duplicates after a restart; huey and Celery run the same code."""

import os
import signal
import socket
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import pytest
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from gongkai.applications import services
from gongkai.applications.models import Reminder
from gongkai.applications.tasks import _record, scan_deadlines
from gongkai.applications.testing import PERSON_ID, PHONE, make_application


@pytest.fixture
def apps(world):
    world.clerk_a.email = "clerk_a@example.com"
    world.clerk_a.save()
    due_soon = make_application(world.a, date(2026, 3, 2))  # reply due 2026-03-30
    overdue = make_application(world.a, date(2026, 2, 2))  # due in early March: overdue on the 27th
    far = make_application(world.a, date(2026, 3, 20))
    done = services.reply(
        None, make_application(world.a, date(2026, 2, 2)), "r_open", "x", "art36_1", date(2026, 2, 3)
    )
    return due_soon, overdue, far, done


def test_scan_reminds_the_clerks_once(apps, world):
    due_soon, overdue, far, done = apps
    result = scan_deadlines(date(2026, 3, 27))  # Friday; 30 March is 1 working day away
    kinds = set(
        Reminder.objects.values_list("application__tracking_no", "kind", "due_kind", "recipient__username")
    )
    assert (due_soon.tracking_no, "due_soon", "reply", "clerk_a") in kinds
    assert (overdue.tracking_no, "overdue", "reply", "clerk_a") in kinds
    assert not {k for k in kinds if k[0] in (far.tracking_no, done.tracking_no)}
    assert result.reminders == len(kinds) and result.emailed == len(mail.outbox) >= 2
    for message in mail.outbox:
        assert PERSON_ID not in message.body and PHONE not in message.body and "王建华" not in message.body

    # A restart (or a second worker) runs the scan again: nothing new, no second e-mail.
    again = scan_deadlines(date(2026, 3, 27))
    assert again.reminders == 0 and again.emailed == 0
    assert Reminder.objects.count() == len(kinds) and len(mail.outbox) == result.emailed


def test_reminders_another_worker_recorded_meanwhile_are_skipped(apps, world):
    """Between the scan's read of the reminders it has and its insert, another worker may record
    some of the same: those are skipped (the constraint), the others recorded, and counted right."""
    scan_deadlines(date(2026, 3, 27))
    mine = Reminder.objects.filter(recipient=world.clerk_a).first()
    same = (mine.application_id, mine.kind, mine.due_kind, mine.due_on, mine.recipient_id, mine.message)
    other = (*same[:4], world.reviewer_a.pk, mine.message)
    assert _record([same, other]) == 1
    added = Reminder.objects.get(recipient=world.reviewer_a)
    assert (added.application_id, added.kind, added.due_on) == (mine.application_id, mine.kind, mine.due_on)
    assert abs(added.created_at - timezone.now()).total_seconds() < 60 and added.emailed_at is None


def test_a_rerun_over_the_backlog_reads_and_writes_nothing_new(apps, world):
    """The daily scan over applications already reminded for their current deadline neither builds
    nor inserts reminders (a large overdue backlog costs two reads); a new assignee is still told."""
    due_soon, overdue, far, done = apps
    first = scan_deadlines(date(2026, 3, 27))
    with CaptureQueriesContext(connection) as queries:
        again = scan_deadlines(date(2026, 3, 27))
    assert again.candidates == first.candidates and again.reminders == 0
    assert not [q for q in queries if q["sql"].lstrip().upper().startswith("INSERT")]
    services.assign(None, overdue, world.reviewer_a)
    assert scan_deadlines(date(2026, 3, 27)).reminders == 1
    assert Reminder.objects.filter(application=overdue, recipient=world.reviewer_a, kind="overdue").exists()


def test_assignee_gets_the_reminder_alone(world):
    app = make_application(world.a, date(2026, 3, 2))
    services.assign(None, app, world.reviewer_a)
    scan_deadlines(date(2026, 3, 27))
    assert set(Reminder.objects.values_list("recipient__username", flat=True)) == {"reviewer_a"}


def test_failed_email_is_retried_next_run(apps, settings):
    settings.EMAIL_BACKEND = "gongkai.applications.tests.test_tasks.BrokenBackend"
    result = scan_deadlines(date(2026, 3, 27))
    assert result.emailed == 0 and Reminder.objects.filter(emailed_at__isnull=True).exists()
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert scan_deadlines(date(2026, 3, 27)).emailed >= 1


class BrokenBackend(BaseEmailBackend):
    def send_messages(self, messages):
        raise ConnectionRefusedError("smtp down")


def test_huey_task_runs_the_same_function(apps):
    from gongkai.applications.tasks import daily_deadline_scan, scan_deadlines_task

    assert scan_deadlines_task.call_local("2026-03-27")["reminders"] >= 2
    # The scan's "today" is the local date (Asia/Shanghai), not the machine's UTC date.
    assert daily_deadline_scan.call_local()["today"] == timezone.localdate().isoformat()


def _redis_answers() -> bool:
    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=0.5) as s:
            s.sendall(b"PING\r\n")
            return s.recv(16).startswith(b"+PONG")
    except OSError:
        return False


@pytest.mark.redis
def test_scan_on_celery_with_local_redis(transactional_db, world):
    if not _redis_answers():
        pytest.skip("Redis is not answering on 127.0.0.1:6379")
    from celery.contrib.testing.worker import start_worker

    from gongkai.applications.celery_app import app as celery_app
    from gongkai.applications.celery_app import scan_deadlines as task

    make_application(world.a, date(2026, 3, 2))
    url = "redis://127.0.0.1:6379/15"
    celery_app.conf.update(broker_url=url, result_backend=url)
    with start_worker(celery_app, perform_ping_check=False, pool="solo", shutdown_timeout=10):
        result = task.delay("2026-03-27").get(timeout=30)
    assert result["reminders"] == 1
    assert Reminder.objects.get().application.received_on == date(2026, 3, 2)


def test_worker_command_stops_cleanly(tmp_path):
    env = {**os.environ, "GONGKAI_DATA": str(tmp_path), "PYTHONUNBUFFERED": "1"}
    proc = subprocess.Popen(
        [str(Path(sys.executable).parent / "gongkai"), "worker", "--workers", "1"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.time() + 30
        line = b""
        while time.time() < deadline and b"Ctrl+C" not in line:
            line = proc.stdout.readline()
            if not line and proc.poll() is not None:
                break
        assert b"Ctrl+C" in line, line
        time.sleep(1)
        proc.send_signal(signal.SIGINT)
        assert proc.wait(timeout=20) == 0
    finally:
        if proc.poll() is None:
            proc.kill()
    assert (tmp_path / "huey.sqlite3").exists()
