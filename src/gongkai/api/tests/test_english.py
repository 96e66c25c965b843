"""The API's messages and the token page in English (language cookie "en"); the catalogue is complete.
Data stays as it is."""

from pathlib import Path

import pytest
from django.urls import reverse

from gongkai.testing import assert_not_shown, assert_shown
from gongkai.web.tests.pofile import problems

pytestmark = pytest.mark.django_db
PO = Path(__file__).resolve().parents[1] / "locale" / "en" / "LC_MESSAGES" / "django.po"


def test_the_catalogue_is_complete():
    assert problems(PO) == []


def test_the_token_page_in_english(world, client):
    client.cookies["django_language"] = "en"
    client.force_login(world.clerk_a)
    body = client.post(reverse("api:tokens"), {"name": "看板"}).content.decode()
    assert_shown(body, "API tokens", "Copy it now", "Create a token", "My tokens", "never used", "看板")
    assert_not_shown(body, "创建令牌", "我的令牌", "从未使用", "只显示这一次")
