"""The retention step of the daily job: past the period after a case is finished, the applicant's
ID number, contacts and the files they sent are erased; the case, its dates and outcome stay, and
table 三 of that year is the same before and after."""

import hashlib
import os
from datetime import date, timedelta

import pytest
from django.core.files.base import ContentFile
from django.db import connection

from gongkai.applications import retention, tasks
from gongkai.applications.models import Application, Attachment, AttachmentPurpose
from gongkai.applications.queries import table_three
from gongkai.applications.testing import PERSON_ID, PHONE
from gongkai.events.models import Event
from gongkai.reports.testing import some_applications

pytestmark = pytest.mark.django_db
YEAR = 2025


def attach(app, purpose, name, content=b"%PDF-1.4 identity copy"):
    att = Attachment(
        application=app,
        purpose=purpose,
        original_name=name,
        kind="pdf",
        extension=".pdf",
        size=len(content),
        sha256=hashlib.sha256(content + name.encode()).hexdigest(),
    )
    att.file.save(name, ContentFile(content), save=False)
    att.save()
    return att


def snapshot(agency):
    return list(table_three(agency, YEAR).items())


def test_personal_data_of_long_finished_cases_is_erased_and_table_three_stays(
    world, settings, tmp_path, django_capture_on_commit_callbacks
):
    settings.MEDIA_ROOT = tmp_path
    settings.GONGKAI_PERSONAL_DATA_RETENTION_DAYS = 365
    some_applications(world.a, YEAR)
    finished = list(Application.objects.filter(agency=world.a, finished_on__isnull=False))
    still_open = list(Application.objects.filter(agency=world.a, finished_on__isnull=True))
    assert finished and still_open
    case = finished[0]
    id_copy = attach(case, AttachmentPurpose.APPLICATION, "身份证复印件.pdf")
    correction = attach(case, AttachmentPurpose.CORRECTION, "补正说明.pdf")
    staff_file = attach(case, AttachmentPurpose.STAFF, "答复书.pdf")
    stored = id_copy.file.path
    before = snapshot(world.a)
    last = max(a.finished_on for a in finished)

    # not yet: the day before the period ends for the last one, only the older ones go
    assert retention.erase_expired(last + timedelta(days=364)) == sum(
        1 for a in finished if a.finished_on < last
    )
    with django_capture_on_commit_callbacks(execute=True):  # the files go when the erasure commits
        tasks.daily(last + timedelta(days=365))  # the worker's daily job

    for app in Application.objects.filter(pk__in=[a.pk for a in finished]):
        assert (app.id_number, app.phone, app.email, app.address, app.id_number_hash) == ("", "", "", "", "")
        assert app.personal_data_erased_on is not None
        assert app.name and app.outcome and app.finished_on  # the case stays
    for app in Application.objects.filter(pk__in=[a.pk for a in still_open]):
        assert app.id_number and app.phone and app.personal_data_erased_on is None
    with connection.cursor() as cursor:
        cursor.execute("SELECT id_number, phone FROM applications_application WHERE id = %s", [case.pk])
        assert cursor.fetchone() == ("", "")
    assert set(case.attachments.values_list("pk", flat=True)) == {staff_file.pk}
    assert not Attachment.objects.filter(pk__in=[id_copy.pk, correction.pk]).exists()
    assert not os.path.exists(stored)
    assert snapshot(world.a) == before
    event = Event.objects.get(action="applications.personal_data.erase", subject_id=str(case.pk))
    assert event.after["files"] == 2 and "id_number" in event.after["fields"]
    assert PERSON_ID not in str(event.after) and PHONE not in str(event.after)

    # a second run finds nothing left to do
    assert retention.erase_expired(last + timedelta(days=400)) == 0


def test_the_period_is_a_setting(world, settings):
    some_applications(world.a, YEAR)
    settings.GONGKAI_PERSONAL_DATA_RETENTION_DAYS = 3 * 365
    assert retention.erase_expired(date(YEAR + 1, 12, 31)) == 0
    settings.GONGKAI_PERSONAL_DATA_RETENTION_DAYS = 30
    assert retention.erase_expired(date(YEAR + 1, 12, 31)) > 0


def test_the_case_page_says_the_personal_data_was_erased(world, settings, client):
    """After the erasure the case page says when and why the contacts are gone, rather than
    showing empty fields a reader could take for a mistake."""
    from django.urls import reverse

    settings.GONGKAI_PERSONAL_DATA_RETENTION_DAYS = 30
    some_applications(world.a, YEAR)
    case = Application.objects.filter(agency=world.a, finished_on__isnull=False).first()
    client.force_login(world.clerk_a)
    url = reverse("applications:detail", args=[world.a.code, case.pk])
    assert "按个人信息保存期限删除" not in client.get(url).content.decode()
    retention.erase_expired(date(YEAR + 1, 12, 31))
    body = client.get(url).content.decode()
    case.refresh_from_db()
    day = case.personal_data_erased_on.isoformat()
    assert f"已于 {day} 按个人信息保存期限删除" in body
    assert "联系电话" not in body and case.name in body  # the case and its name stay
