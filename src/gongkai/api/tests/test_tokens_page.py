"""The “API 令牌” page: a token is shown once and stored only as its hash; a user sees and revokes
only their own tokens; creating and revoking are in the event log."""

import re

import pytest
from django.urls import reverse

from gongkai.api.models import ApiToken
from gongkai.api.services import MAX_TOKENS, hash_token
from gongkai.events.models import Event

from .conftest import bearer

pytestmark = pytest.mark.django_db


def test_the_page_needs_a_login(client):
    response = client.get(reverse("api:tokens"))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_a_token_is_shown_once_and_works(world, client):
    client.force_login(world.clerk_a)
    page = client.get(reverse("api:tokens")).content.decode()
    assert "API 令牌" in page and "还没有令牌" in page
    assert reverse("api:tokens") in client.get("/staff/").content.decode()  # linked from the header

    response = client.post(reverse("api:tokens"), {"name": "数据看板"})
    body = response.content.decode()
    assert response.status_code == 200 and response["Cache-Control"] == "no-store"
    raw = re.search(r'value="(gk_[^"]+)"', body).group(1)
    token = ApiToken.objects.get(user=world.clerk_a)
    assert token.token_hash == hash_token(raw) and token.name == "数据看板"
    assert raw not in str(list(ApiToken.objects.values()))  # only its hash is stored

    again = client.get(reverse("api:tokens")).content.decode()
    assert raw not in again and token.prefix in again and "从未使用" in again
    assert client.get("/api/v1/staff/agencies", **bearer(raw)).status_code == 200

    event = Event.objects.get(action="api.token.create")
    assert event.actor == world.clerk_a and raw not in str(event.after)


def test_a_name_is_needed_and_tokens_are_limited(world, client):
    client.force_login(world.clerk_a)
    response = client.post(reverse("api:tokens"), {"name": "  "})
    assert response.status_code == 400 and ApiToken.objects.count() == 0
    for i in range(MAX_TOKENS):
        client.post(reverse("api:tokens"), {"name": f"脚本{i}"})
    response = client.post(reverse("api:tokens"), {"name": "再来一个"})
    assert response.status_code == 400 and "请先停用" in response.content.decode()
    assert ApiToken.objects.count() == MAX_TOKENS


def test_a_user_revokes_only_their_own_tokens(world, client, token_of):
    raw = token_of(world.clerk_b, "财政局脚本")
    theirs = ApiToken.objects.get(user=world.clerk_b)
    client.force_login(world.clerk_a)
    assert "财政局脚本" not in client.get(reverse("api:tokens")).content.decode()
    assert client.post(reverse("api:revoke", args=[theirs.pk])).status_code == 404
    theirs.refresh_from_db()
    assert theirs.is_active

    client.force_login(world.clerk_b)
    response = client.post(reverse("api:revoke", args=[theirs.pk]))
    assert response.status_code == 302
    theirs.refresh_from_db()
    assert not theirs.is_active
    assert Event.objects.filter(action="api.token.revoke", actor=world.clerk_b).count() == 1
    assert client.get("/api/v1/staff/agencies", **bearer(raw)).status_code == 401
    assert "已停用" in client.get(reverse("api:tokens")).content.decode()
