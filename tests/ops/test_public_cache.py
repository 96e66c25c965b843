"""The public pages that bench/load.py found slow under load are now cached like the others
(gongkai.catalogue.cache): the reports list, renewed when a report is published, and the empty
tracking form, whose cached copy still carries each visitor's own CSRF token (the POST works) while
a look-up's answer, one applicant's, is never cached."""

from __future__ import annotations

import re

import pytest
from django.core.cache import cache
from django.test import Client
from django.utils import timezone

from gongkai.applications import services as applications
from gongkai.catalogue import cache as public_cache
from gongkai.reports import services as reports
from gongkai.reports.checks import evaluate_for_publishing, fingerprint
from gongkai.reports.testing import good_workspace, some_applications

from .live import application_fields

pytestmark = pytest.mark.django_db
TRACK = "/apply/track/"


@pytest.fixture(autouse=True)
def _fresh_cache(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    cache.clear()
    yield
    cache.clear()


def _token(page: str) -> str:
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)


def _track_key() -> str:
    return public_cache.key("html:track", "zh-hans", TRACK)


def test_cached_tracking_form_gives_each_visitor_a_token_that_posts(world):
    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    page_one = first.get(TRACK).content.decode()
    assert cache.get(_track_key()) is not None, "the empty form is not cached"
    page_two = second.get(TRACK).content.decode()  # served from the cache
    assert public_cache.CSRF_SENTINEL not in page_one + page_two
    assert _token(page_one) != _token(page_two)
    for client, page in ((first, page_one), (second, page_two)):
        response = client.post(
            TRACK, {"csrfmiddlewaretoken": _token(page), "tracking_no": "X-1", "code": "C"}
        )
        assert response.status_code == 200  # not 403: the token in the cached copy is the visitor's
        assert "申请编号或查询码不正确" in response.content.decode()


def test_a_look_up_answer_is_never_cached(world):
    intake = applications.submit_online(world.a, applications.ApplicantData(**application_fields(1)))
    number, code = intake.application.tracking_no, intake.query_code
    client = Client()
    answer = client.post(TRACK, {"tracking_no": number, "code": code}).content.decode()
    assert number in answer
    # Another visitor's empty form shows nothing of it, and nothing of the answer was stored.
    assert number not in Client().get(TRACK).content.decode()
    assert number not in str(cache.get(_track_key()))


def test_reports_list_renewed_when_a_report_is_published(world):
    year = timezone.localdate().year - 1
    some_applications(world.a, year)
    good_workspace(world.a, year, world.clerk_a)
    before = Client().get("/reports/").content.decode()
    assert f"/reports/{world.a.code}/{year}/" not in before
    assert cache.get(public_cache.key("html:index", "zh-hans", "/reports/")) is not None  # cached

    workspace = reports.workspace_for(world.a, year)
    reports.submit(world.clerk_a, workspace)
    warnings = evaluate_for_publishing(workspace).warnings
    reports.publish(world.reviewer_a, workspace, {fingerprint(f) for f in warnings})
    assert f"/reports/{world.a.code}/{year}/" in Client().get("/reports/").content.decode()
