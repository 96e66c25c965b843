"""Rate limits on the public forms, search and login: the Chinese 429 page, the configured
header only from a trusted proxy, limits from the settings. Windows are hours or days here: a
loaded machine can take a minute's boundary between two requests, which starts a new count."""

import pytest
from django.test import Client

from gongkai.web.security import LIMITED_VIEWS, parse_rate

pytestmark = pytest.mark.django_db


def test_parse_rate():
    assert parse_rate("10/h") == (10, 3600)
    assert parse_rate("5/10m") == (5, 600)
    with pytest.raises(ValueError):
        parse_rate("ten per hour")


def refused(response) -> bool:
    return response.status_code == 429


def test_tracking_look_ups_are_limited_with_a_chinese_page(client, settings):
    settings.GONGKAI_RATE_LIMITS = {**settings.GONGKAI_RATE_LIMITS, "track": "3/h"}
    for _ in range(3):
        response = client.post("/apply/track/", {"tracking_no": "X", "code": "Y"})
        assert response.status_code == 200
    response = client.post("/apply/track/", {"tracking_no": "X", "code": "Y"})
    assert refused(response)
    body = response.content.decode()
    assert "请求过于频繁，请稍后再试" in body and "Traceback" not in body
    assert 0 < int(response["Retry-After"]) <= 3600
    # the page itself (GET) is not counted, and another address has its own count
    assert client.get("/apply/track/").status_code == 200
    assert Client(REMOTE_ADDR="10.0.0.8").post("/apply/track/", {"tracking_no": "X"}).status_code == 200


def test_english_429_page(client, settings):
    settings.GONGKAI_RATE_LIMITS = {**settings.GONGKAI_RATE_LIMITS, "track": "1/h"}
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    client.post("/apply/track/")
    assert "Too many requests" in client.post("/apply/track/").content.decode()


@pytest.mark.parametrize(
    ("limit", "method", "url", "data"),
    [
        ("apply", "post", "/apply/to/{a}/", {"name": "x"}),
        ("correct", "post", "/apply/track/correction/", {"tracking_no": "X"}),
        ("ask", "post", "/interaction/ask/", {"title": "x"}),
        ("search", "get", "/catalogue/", {"q": "学校"}),
        ("search", "get", "/hotline/", {"q": "社保"}),
        ("login", "post", "/accounts/login/", {"username": "nobody", "password": "x"}),
    ],
)
def test_each_public_form_and_search_is_limited(client, settings, world, limit, method, url, data):
    settings.GONGKAI_RATE_LIMITS = {**settings.GONGKAI_RATE_LIMITS, limit: "2/d"}
    url = url.format(a=world.a.code)
    send = getattr(client, method)
    statuses = [send(url, data).status_code for _ in range(3)]
    assert statuses[:2] != [429, 429] and statuses[2] == 429, statuses


def test_search_without_a_query_is_not_counted(client, settings):
    settings.GONGKAI_RATE_LIMITS = {**settings.GONGKAI_RATE_LIMITS, "search": "1/d"}
    assert all(client.get("/catalogue/").status_code == 200 for _ in range(3))


def test_login_is_limited_per_address_across_usernames(client, settings, world):
    """django-axes locks one username at one address; the address limit stops trying many names."""
    settings.GONGKAI_RATE_LIMITS = {**settings.GONGKAI_RATE_LIMITS, "login": "4/h"}
    statuses = [
        client.post("/accounts/login/", {"username": f"user{i}", "password": "wrong"}).status_code
        for i in range(5)
    ]
    assert statuses == [200, 200, 200, 200, 429]


def test_an_empty_limit_turns_it_off(client, settings):
    settings.GONGKAI_RATE_LIMITS = {**settings.GONGKAI_RATE_LIMITS, "track": ""}
    assert all(client.post("/apply/track/").status_code == 200 for _ in range(40))


@pytest.mark.parametrize(
    ("trusted", "remote", "counted_as_one"),
    [
        ([], "127.0.0.1", True),  # no trusted proxy: the header is ignored, both are 127.0.0.1
        (["127.0.0.1"], "127.0.0.1", False),  # from the trusted proxy: two clients
        (["127.0.0.1"], "10.9.9.9", True),  # from elsewhere: a forged header is ignored
    ],
)
def test_the_client_address_comes_from_the_header_only_behind_a_trusted_proxy(
    settings, trusted, remote, counted_as_one
):
    settings.GONGKAI_TRUSTED_PROXY = trusted
    settings.GONGKAI_RATE_LIMITS = {**settings.GONGKAI_RATE_LIMITS, "track": "1/h"}
    first = Client(REMOTE_ADDR=remote, HTTP_X_REAL_IP="203.0.113.1").post("/apply/track/")
    second = Client(REMOTE_ADDR=remote, HTTP_X_REAL_IP="203.0.113.2").post("/apply/track/")
    assert first.status_code == 200
    assert refused(second) == counted_as_one


def test_every_limited_view_has_a_configured_limit(settings):
    from django.urls import reverse

    for name, limited in LIMITED_VIEWS.items():
        assert limited.limit in settings.GONGKAI_RATE_LIMITS
        if ":" in name and name.split(":")[1] not in ("form",):
            reverse(name)
