"""English: the portal in English (the catalogues themselves: gongkai.web.tests.test_catalogues)."""

import pytest
from django.conf import settings
from django.urls import reverse


@pytest.fixture
def english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def test_portal_home_in_english(english, world):
    body = english.get(reverse("portal:home")).content.decode()
    assert '<html lang="en">' in body
    for label in ("Government Information Disclosure", "Recently published", "Disclosure catalogue"):
        assert label in body, label
    for label in ("Request government information", "Track a request", "Deadline calculator"):
        assert label in body, label
    assert "最新公开" not in body and "查询办理进度" not in body


def test_catalogue_page_in_english(english, world):
    body = english.get(reverse("portal:catalogue")).content.decode()
    assert "Search and filter" in body and "Subject category" in body and "检索和筛选" not in body


def test_apply_form_in_english(english, world):
    body = english.get(reverse("apply:form", args=[world.a.code])).content.decode()
    for label in (
        "Request government information from 示例县教育局",
        "Applicant type",
        "Type of identity document",
        "Phone",
        "Submit request",
    ):
        assert label in body, label
    for chinese in ("申请人类型", "提交申请", "联系电话"):
        assert chinese not in body, chinese
    body = english.get(reverse("apply:track")).content.decode()
    assert "Tracking number" in body and "Query code" in body
    body = english.get(reverse("apply:calculator"), {"start": "2024-02-08", "days": "20"}).content.decode()
    assert "Deadline calculator" in body and "2024-03-13" in body


def test_staff_navigation_in_english(client, world):
    client.force_login(world.clerk_a)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    body = client.get(reverse("applications:workbench", args=[world.a.code])).content.decode()
    for label in ("Requests", "Register a request", "Letter templates", "Working-day calendar"):
        assert label in body, label


def test_chinese_stays_the_default(client, world):
    body = client.get(reverse("apply:form", args=[world.a.code])).content.decode()
    assert "提交申请" in body and "Submit request" not in body
