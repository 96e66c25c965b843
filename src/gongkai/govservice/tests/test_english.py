"""The registry and the public pages in English (language cookie "en"); the catalogue is complete.
The data and the import file's column names stay Chinese."""

from pathlib import Path

import pytest

from gongkai.web.tests.pofile import problems

from .factories import make_item

pytestmark = pytest.mark.django_db
PO = Path(__file__).resolve().parents[1] / "locale" / "en" / "LC_MESSAGES" / "django.po"


def test_the_catalogue_is_complete():
    assert problems(PO) == []


def test_the_pages_in_english(world, client):
    make_item(
        world.a,
        name="食品经营许可（新办）",
        code="SP-1",
        promised_limit=0,
        promised_unit="",
        project_type="2",
    )
    client.cookies["django_language"] = "en"
    client.force_login(world.clerk_a)
    body = client.get(f"/staff/govservice/{world.a.code}/").content.decode()
    for text in (
        "Share available online",
        "Definition: ",
        "Consistency checks",
        "食品经营许可（新办）",
        "The promised time limit is “immediate”, but the case type is not immediate",
    ):
        assert text in body
    assert "网上可办率" not in body and "一致性检查" not in body
    body = client.get(f"/staff/govservice/{world.a.code}/import/").content.decode()
    assert "Upload and check" in body and "<code>实施编码</code>" in body
    body = client.get(f"/services/{world.a.code}/SP-1/").content.decode()
    assert "Scan to apply online" in body and "Print the service sheet" in body and "扫码" not in body
