"""Public pages are cached for anonymous visitors, but never stale and never with another's token."""

import re
from datetime import date

from django.urls import reverse

from gongkai.catalogue import services, workflow
from gongkai.catalogue.cache import CSRF_SENTINEL
from gongkai.catalogue.models import Status
from gongkai.catalogue.testing import make_entry

TOKEN = re.compile(r'"X-CSRFToken": "([^"]+)"')


def test_each_visitor_gets_own_csrf_token(client, world, django_user_model):
    from django.test import Client

    make_entry(world.a, "缓存测试条目", status=Status.PUBLISHED)
    url = reverse("portal:catalogue")
    first, second = client.get(url), Client().get(url)
    for r in (first, second):
        body = r.content.decode()
        assert CSRF_SENTINEL not in body and "缓存测试条目" in body
    t1, t2 = TOKEN.search(first.content.decode()).group(1), TOKEN.search(second.content.decode()).group(1)
    assert t1 != t2
    # The token works: the language form posts back with it.
    r = client.post(reverse("set_language"), {"language": "en", "next": url, "csrfmiddlewaretoken": t1})
    assert r.status_code == 302


def test_changes_show_at_once(client, world):
    url = reverse("portal:catalogue")
    assert "新发布的条目" not in client.get(url).content.decode()
    e = services.create_entry(
        world.clerk_a, world.a, title="新发布的条目", category="A01", created_date=date(2024, 5, 6)
    )
    workflow.submit(world.clerk_a, e)
    assert "新发布的条目" not in client.get(url).content.decode()
    workflow.publish(world.reviewer_a, e, today=date(2024, 5, 7))
    assert "新发布的条目" in client.get(url).content.decode()
    assert "新发布的条目" in client.get(reverse("portal:entry", args=[e.pk])).content.decode()
    workflow.withdraw(world.reviewer_a, e, "错误")
    assert "新发布的条目" not in client.get(url).content.decode()
    assert client.get(reverse("portal:entry", args=[e.pk])).status_code == 404


def test_agency_edits_show_at_once(client, world):
    url = reverse("portal:guide", args=[world.a.code])
    assert "人民路88号" not in client.get(url).content.decode()
    world.a.office_address = "示例县人民路88号"
    world.a.save()
    assert "人民路88号" in client.get(url).content.decode()


def test_logged_in_users_get_their_own_page(client, world):
    url = reverse("portal:catalogue")
    client.get(url)  # cached for anonymous visitors
    client.force_login(world.clerk_a)
    assert "退出（clerk_a）" in client.get(url).content.decode()


def test_languages_are_cached_apart(client, db, settings):
    url = reverse("portal:catalogue")
    assert "政府信息公开目录" in client.get(url).content.decode()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    assert client.get(url)["Content-Language"] == "en"
