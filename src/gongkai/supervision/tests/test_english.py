"""The workplace in English (language cookie "en"); the catalogue is complete. Agency names and the
exported documents' own titles stay Chinese."""

from pathlib import Path

import pytest
from django.urls import reverse

from gongkai.web.tests.pofile import problems

from .fixtures import YEAR

PO = Path(__file__).resolve().parents[1] / "locale" / "en" / "LC_MESSAGES" / "django.po"


def test_the_catalogue_is_complete():
    assert problems(PO) == []


@pytest.mark.django_db
def test_the_workplace_in_english(client, region):
    w = region.world
    client.cookies["django_language"] = "en"
    client.force_login(w.supervisor)
    body = client.get(reverse("supervision:workplace", args=[w.county.code, YEAR])).content.decode()
    for text in ("Disclosure rate", "On-time reply rate", "published late", "Overdue", "示例县教育局"):
        assert text in body
    assert "公开率" not in body and "逾期发布" not in body
