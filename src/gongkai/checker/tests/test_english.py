"""The checker in English (language cookie "en"); the catalogue is complete. The reports' own text
(agency names, the law's labels of the cells) stays Chinese."""

from pathlib import Path

import pytest

from gongkai.checker import services
from gongkai.checker.testing import sample_files
from gongkai.web.tests.pofile import problems

pytestmark = pytest.mark.django_db
PO = Path(__file__).resolve().parents[1] / "locale" / "en" / "LC_MESSAGES" / "django.po"


def test_the_catalogue_is_complete():
    assert problems(PO) == []


def test_the_pages_in_english(world, client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False):
        batch = services.create_batch(world.clerk_a, sample_files()[4:])
    services.check_pending(batch.pk)
    client.cookies["django_language"] = "en"
    client.force_login(world.clerk_a)
    body = client.get("/staff/checker/").content.decode()
    assert "Check reports in bulk" in body and "Upload and check" in body and "批量检查报告" not in body
    body = client.get(f"/staff/checker/{batch.pk}/").content.decode()
    assert "Checked 2 / 2" in body and "Errors found" in body and "Unreadable" in body
    bad = batch.items.get(name="有错误的报告.json")
    body = client.get(f"/staff/checker/{batch.pk}/files/{bad.pk}/").content.decode()
    assert "new + carried in" in body and "Table 3: new + carried in = outcomes + carried out" in body
    assert "表三 （七）总计·自然人" in body  # the law's own labels
